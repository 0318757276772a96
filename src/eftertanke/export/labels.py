"""Headings and words of exported documents, in Danish and English."""

from __future__ import annotations

import re

from eftertanke.domain import CONCEPT_NAMES

LABELS: dict[str, dict[str, str]] = {
    "journal": {"da": "Dagbog", "en": "Journal"},
    "entries": {"da": "Indlæg", "en": "Entries"},
    "interviews": {"da": "Interviews", "en": "Interviews"},
    "themes": {"da": "Temaer", "en": "Themes"},
    "concepts": {"da": "Begreber", "en": "Concepts"},
    "concept": {"da": "Begreb", "en": "Concept"},
    "theme": {"da": "Tema", "en": "Theme"},
    "under": {"da": "under", "en": "under"},
    "appendix": {"da": "Bilag", "en": "Appendix"},
    "interview": {"da": "Interview", "en": "Interview"},
    "role": {"da": "Funktion", "en": "Function title"},
    "level": {"da": "Niveau", "en": "Level"},
    "organisation": {"da": "Organisation", "en": "Organisation"},
    "date": {"da": "Dato", "en": "Date"},
    "mode": {"da": "Form", "en": "Mode"},
    "duration": {"da": "Varighed", "en": "Duration"},
    "interviewer": {"da": "Interviewer", "en": "Interviewer"},
    "minutes": {"da": "min.", "en": "min"},
    "reflections": {"da": "Refleksioner", "en": "Reflections"},
    "excerpts": {"da": "Citater fra interviewet", "en": "Excerpts from the interview"},
    "no_reflections": {"da": "Ingen refleksioner.", "en": "No reflections."},
    "no_excerpts": {"da": "Ingen citater.", "en": "No excerpts."},
    "written_after": {
        "da": "Skrevet {n} min. efter interviewet",
        "en": "Written {n} min after the interview",
    },
    "digest": {"da": "Temaoversigt", "en": "Theme digest"},
    "respondents": {"da": "Hvad respondenten sagde", "en": "What the respondent said"},
    "own": {"da": "Skribentens egne refleksioner", "en": "The writer's own reflections"},
    "no_interview": {"da": "Uden interview", "en": "Not linked to an interview"},
    "reflection_after": {"da": "refleksion efter interview", "en": "reflection after interview"},
    "also_themes": {"da": "Med undertemaerne", "en": "Including the sub-themes"},
    "nothing": {"da": "Intet er knyttet hertil endnu.", "en": "Nothing is linked to it yet."},
    "transparency": {
        "da": (
            "Respondenternes ord (citater med reference) står adskilt fra skribentens "
            "egne refleksioner; hver passage er mærket med sin orientering."
        ),
        "en": (
            "What respondents said (excerpts with their reference) is kept apart from "
            "the writer's own reflections; each passage is marked with its orientation."
        ),
    },
    "orientation.respondent": {"da": "om respondenten", "en": "about the respondent"},
    "orientation.self": {"da": "selvrefleksion", "en": "self-reflection"},
    "orientation.method": {"da": "metode", "en": "method"},
    "orientation.none": {"da": "refleksion", "en": "reflection"},
    "added_later": {"da": "tilføjet senere", "en": "added later"},
    "level.assistant": {"da": "assisterende leder", "en": "assistant leader"},
    "level.leader": {"da": "leder", "en": "leader"},
    "level.head": {"da": "afdelingschef", "en": "head of department"},
    "mode.teams": {"da": "Teams", "en": "Teams"},
    "mode.in-person": {"da": "fysisk møde", "en": "in person"},
    "mode.phone": {"da": "telefon", "en": "phone"},
    "kind.daily": {"da": "dagligt", "en": "daily"},
    "kind.interview": {"da": "interview", "en": "interview"},
    "kind.memo": {"da": "memo", "en": "memo"},
}


def label(key: str, lang: str, **values: object) -> str:
    texts = LABELS.get(key)
    text = (texts.get(lang) or texts["en"]) if texts else key
    return text.format(**values) if values else text


def concept_name(key: str, lang: str) -> str:
    return CONCEPT_NAMES.get(key, {}).get(lang, key)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_inline(text: str) -> str:
    """User text on one line with Markdown's active characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


__all__ = ["LABELS", "concept_name", "label", "md_inline"]
