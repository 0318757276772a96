"""Protecting what the journal holds: the pseudonym guard and encryption at rest."""
