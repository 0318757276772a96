"""Reusable TUI widgets, one module each."""
