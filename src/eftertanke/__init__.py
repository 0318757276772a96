"""eftertanke: a terminal reflection journal for autoethnography."""

__version__ = "0.1.0"
