"""A guided reflection: the session model, its drafts, its theme rule, its entry.

``session.py`` walks a prompt pack; ``draft.py`` saves and resumes it;
``finish.py`` turns it into an ``Entry``; ``themes.py`` finds themes in
answers; ``errors.py`` holds what it raises. No I/O, no Textual.
"""

from eftertanke.guided.answer import Answer
from eftertanke.guided.draft import DRAFT_FORMAT, DRAFT_VERSION
from eftertanke.guided.errors import DraftError, GuidedError
from eftertanke.guided.session import GuidedSession
from eftertanke.guided.themes import CONCEPT_ALIASES, themes_in_answer

__all__ = [
    "CONCEPT_ALIASES",
    "DRAFT_FORMAT",
    "DRAFT_VERSION",
    "Answer",
    "DraftError",
    "GuidedError",
    "GuidedSession",
    "themes_in_answer",
]
