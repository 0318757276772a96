"""Who the interviewer is, and which language a transcript is in, when nobody said.

Pure functions over turns. The guesses are said to be guesses wherever they
are shown, with the command that corrects them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from eftertanke.domain import ValidationError
from eftertanke.transcript import Turn

UNKNOWN_SPEAKER = "?"
# Words frequent in one language and absent from the other (so "i", "at",
# "for" and "men", shared or ambiguous, are left out).
_DANISH = frozenset(
    "og det jeg ikke på med har vi der som den af hvad hvordan så mig du kan være "
    "nogen noget også bare lige meget".split()
)
_ENGLISH = frozenset(
    "the and is of that it you we not with have what how but so me can be this are "
    "they there about just really very".split()
)
_WORD = re.compile(r"[^\W\d_]+")
# "Mette Lund og Jonas Berg", "Mette Lund, Jonas Berg", "ML/JB".
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\bog\b|\band\b)\s*", re.IGNORECASE)


def guess_language(turns: Iterable[Turn]) -> str:
    """Which language, "da" or "en": the one whose common words are more frequent; "da"
    (the people this is for write in Danish) on a tie."""
    danish = english = 0
    for turn in turns:
        for word in _WORD.findall(turn.text.casefold()):
            danish += word in _DANISH
            english += word in _ENGLISH
    return "en" if english > danish else "da"


def guess_interviewers(turns: Sequence[Turn]) -> tuple[list[str], str]:
    """The likely interviewer and why: the speaker who asks the most questions
    (counting question marks), the earlier speaker on a tie, the first speaker
    when nobody asks; nobody when only one person speaks. Returns ([name],
    reason) with reason "questions" or "first", or ([], "")."""
    order = [s for s in dict.fromkeys(turn.speaker for turn in turns) if s != UNKNOWN_SPEAKER]
    if len(order) < 2:
        return [], ""
    questions: Counter[str] = Counter()
    for turn in turns:
        questions[turn.speaker] += turn.text.count("?")
    best = max(order, key=lambda name: (questions[name], -order.index(name)))
    if questions[best] == 0:
        return [order[0]], "first"
    return [best], "questions"


def _words(name: str) -> list[str]:
    return name.casefold().split()


def match_speaker(name: str, speakers: Sequence[str]) -> str | None:
    """The speaker a name means: the same name ignoring case and spacing, or
    the one speaker whose name starts with its words ("Mette" for "Mette
    Lund"); None when there is no such speaker, or more than one."""
    wanted = _words(name)
    if not wanted:
        return None
    for speaker in speakers:
        if _words(speaker) == wanted:
            return speaker
    starting = [s for s in speakers if _words(s)[: len(wanted)] == wanted]
    return starting[0] if len(starting) == 1 else None


def resolve_speakers(names: Iterable[str], speakers: Sequence[str], where: str) -> list[str]:
    """The speakers the given names mean; a name that is no speaker is refused,
    with the speakers there are."""
    found: list[str] = []
    for name in names:
        speaker = match_speaker(name, speakers)
        if speaker is None:
            raise ValidationError(
                f"{name!r} does not speak in {where}; the speakers are " + ", ".join(speakers)
            )
        if speaker not in found:
            found.append(speaker)
    return found


def interviewers_from_record(field: str, speakers: Sequence[str]) -> list[str]:
    """The speakers an interview record's ``interviewer`` field names (it may
    name two: "Mette Lund og Jonas Berg"); those that match nobody are ignored."""
    whole = match_speaker(field or "", speakers)
    if whole is not None:  # a name with a separator in it: "Jensen, Anna"
        return [whole]
    found: list[str] = []
    for part in _NAME_SEPARATORS.split(field or ""):
        speaker = match_speaker(part, speakers)
        if speaker is not None and speaker not in found:
            found.append(speaker)
    return found
