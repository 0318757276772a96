"""Pure analysis functions from journal data to tables and series (no Textual)."""
