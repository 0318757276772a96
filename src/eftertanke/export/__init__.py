"""Pure functions from domain objects to files people read: no I/O, no Textual."""
