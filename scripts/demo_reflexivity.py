"""The demo journal's layers of re-reading and positionality register (issue 20),
kept apart from the rest of the generator.

Mette writes four pre-understandings before the interviews, one per concept
(memos of the positionality pack). Passages of later reflections mark some
of them challenged or confirmed, so the timeline shows them moving across
the interviews (the well-being one is left unmarked). And Mette re-reads her
reflection on I01 after I05, adding a dated layer to its drive answer: the
original stays as she wrote it. Ids and times are fixed, so the demo is the
same on every run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from eftertanke.domain import CONCEPT_NAMES, Entry, Section
from eftertanke.i18n import t
from eftertanke.reflexivity import POSITIONALITY_PACK, Layer, PositionMark

# concept -> the pre-understanding, in Mette's words, before the first interview.
POSITIONS: dict[str, str] = {
    "drive": "Jeg forventer, at lederne først og fremmest drives af at nå de mål, de bliver "
    "målt på.",
    "frames": "Jeg tror, det er de eksterne krav – tilsyn, dokumentation, politiske "
    "beslutninger – der tynger lederne mest.",
    "safety": "Jeg tror, psykologisk tryghed skabes oppefra: en leder, der selv er tryg over "
    "for sin chef, giver det videre.",
    "wellbeing": "Jeg forventer, at lederne vil sige, at de trives, så længe travlheden er "
    "til at overskue.",
}
POSITIONS_WRITTEN = "2026-02-20 20:15"

# interview -> (concept, verdict, prompt, phrase, memo, when)
MARKS: dict[str, list[tuple[str, str, str, str, str, str]]] = {
    "I01": [
        ("drive", "challenged", "q-drive", "»når vi lykkes sammen«",
         "Ikke målene: fællesskabet om en beboer.", "2026-03-20 14:10"),
        ("frames", "confirmed", "q-frames", "De eksterne krav (dokumentation, tilsyn) fylder",
         "", "2026-03-20 14:12"),
    ],
    "I02": [
        ("frames", "challenged", "q-frames",
         "Kravene indefra, fra hans egne medarbejdere, er dem, der gør ondt",
         "Det er kravene indefra, der gør ondt – ikke tilsynet.", "2026-03-21 11:40"),
        ("safety", "confirmed", "q-safety", "aldrig har nævnt sin søvnløshed for sin chef",
         "Chefen afgør, hvad der kan siges opad.", "2026-03-21 11:45"),
    ],
    "I05": [
        ("safety", "challenged", "q-safety", "Trygheden bygges nedefra og bliver sjældent mødt oppefra.",
         "Her kommer trygheden nedefra, trods chefen.", "2026-03-24 16:00"),
    ],
}  # fmt: skip

# The layer: (interview, prompt it re-reads, when, text).
LAYER = (
    "I01",
    "q-drive",
    "2026-03-28 10:15",
    "Genlæst efter I05: Jeg hørte »når vi lykkes sammen« som hendes ord om holdet. Nu ser "
    "jeg, at jeg selv havde sagt »lykkes« i spørgsmålet lige før. Det kan være min "
    "formulering, hun tog op – jeg koder det varsomt og spørger mere åbent i de næste "
    "interviews.",
)


def position_id(uid: Callable[..., str], concept: str) -> str:
    return uid("entry", "position", concept)


def position_entries(uid: Callable[..., str], stamp: Callable[[str], datetime]) -> list[Entry]:
    """The four pre-understandings, as memo entries of the positionality pack."""
    written = stamp(POSITIONS_WRITTEN)
    return [
        Entry(
            id=position_id(uid, concept),
            kind="memo",
            pack=POSITIONALITY_PACK,
            concepts=[concept],
            language="da",
            author="Mette",
            updated_by="Mette",
            created=written,
            updated=written,
            sections=[
                Section(
                    "positionality",
                    t("positions.prompt", "da", concept=CONCEPT_NAMES[concept]["da"]),
                    text,
                    concept=concept,
                    orientation="self",
                )
            ],
        )
        for concept, text in POSITIONS.items()
    ]


def demo_reflexivity(
    entry: Entry,
    code: str,
    uid: Callable[..., str],
    stamp: Callable[[str], datetime],
    namespace: uuid.UUID,
) -> None:
    """Put the demo's position marks and layer on reflection ``entry`` of ``code``."""
    answers: dict[str, str] = {s.prompt_id: s.answer for s in entry.sections}
    for concept, verdict, prompt, phrase, memo, when in MARKS.get(code, []):
        text = answers[prompt]
        if text.count(phrase) != 1:
            raise SystemExit(f"demo_reflexivity: {phrase!r} is not once in {code} {prompt}")
        start = text.index(phrase)
        mark = PositionMark.of(
            text, start, start + len(phrase), position_id(uid, concept), verdict,
            section=prompt, memo=memo, author="Mette",
        )  # fmt: skip
        mark.id = str(uuid.uuid5(namespace, f"mark/{code}/{concept}/{prompt}"))
        mark.created = stamp(when)
        entry.position_marks.append(mark)
    layer_code, prompt, when, text = LAYER
    if code == layer_code:
        entry.layers.append(
            Layer(
                text,
                written=stamp(when),
                author="Mette",
                section=prompt,
                id=str(uuid.uuid5(namespace, f"layer/{code}/{prompt}")),
            )
        )


__all__ = ["demo_reflexivity", "position_entries"]
