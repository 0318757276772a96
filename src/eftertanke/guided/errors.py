"""The errors a guided session raises; their messages are for the writer."""

from __future__ import annotations

from eftertanke.domain import ValidationError


class GuidedError(ValidationError):
    """A step the session cannot take; the message is for the writer."""


class DraftError(GuidedError):
    """A draft that cannot be resumed (unknown pack, malformed data)."""
