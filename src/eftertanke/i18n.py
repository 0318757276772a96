"""Interface words in Danish and English.

Labels live here, keyed by a short name; ``t(key, lang)`` falls back to
English and then to the key itself, so a missing translation shows a word,
never a crash.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "error", "da": "fejl"},
    "created": {"en": "created", "da": "oprettet"},
    "updated": {"en": "updated", "da": "ændret"},
    "kind": {"en": "kind", "da": "type"},
    "title": {"en": "title", "da": "titel"},
    "author": {"en": "author", "da": "forfatter"},
    "language": {"en": "language", "da": "sprog"},
    "interview": {"en": "interview", "da": "interview"},
    "themes": {"en": "themes", "da": "temaer"},
    "concepts": {"en": "concepts", "da": "begreber"},
    "ratings": {"en": "ratings", "da": "vurderinger"},
    "excerpts": {"en": "excerpts", "da": "citater"},
    "written_after": {"en": "written after", "da": "skrevet efter"},
    "minutes": {"en": "min", "da": "min."},
    "in_trash": {"en": "in the trash since", "da": "i papirkurven siden"},
    "added_later": {"en": "added later from memory", "da": "tilføjet senere fra hukommelsen"},
    "kind.daily": {"en": "daily", "da": "dagligt"},
    "kind.interview": {"en": "interview", "da": "interview"},
    "kind.memo": {"en": "memo", "da": "memo"},
    "no_entries": {"en": "No entries match.", "da": "Ingen indlæg passer."},
    "no_interviews": {"en": "No interviews yet.", "da": "Ingen interviews endnu."},
    "no_themes": {"en": "No themes yet.", "da": "Ingen temaer endnu."},
    "entries_count": {"en": "{n} entries", "da": "{n} indlæg"},
    "deleted": {"en": "Moved entry {id} to the trash (undo: eftertanke restore {id}).",
                "da": "Flyttede indlæg {id} til papirkurven (fortryd: eftertanke restore {id})."},
    "restored": {"en": "Restored entry {id}.", "da": "Gendannede indlæg {id}."},
    "edited": {"en": "Saved entry {id}.", "da": "Gemte indlæg {id}."},
    "unchanged": {"en": "No changes.", "da": "Ingen ændringer."},
    "interview_added": {"en": "Added interview {code}.", "da": "Tilføjede interview {code}."},
    "interview_saved": {"en": "Saved interview {code}.", "da": "Gemte interview {code}."},
    "theme_added": {"en": "Added theme {name}.", "da": "Tilføjede tema {name}."},
    "theme_renamed": {"en": "Renamed theme to {name}; {n} entries updated.",
                      "da": "Omdøbte tema til {name}; {n} indlæg opdateret."},
    "theme_merged": {"en": "Merged into {name}; {n} entries updated.",
                     "da": "Flettet ind i {name}; {n} indlæg opdateret."},
    "theme_saved": {"en": "Saved theme {name}.", "da": "Gemte tema {name}."},
    "starter_added": {"en": "Added {n} starter themes ({skipped} already there).",
                      "da": "Tilføjede {n} starttemaer ({skipped} fandtes allerede)."},
    "role": {"en": "role", "da": "funktion"},
    "level": {"en": "level", "da": "niveau"},
    "organisation": {"en": "organisation", "da": "organisation"},
    "date": {"en": "date", "da": "dato"},
    "mode": {"en": "mode", "da": "form"},
    "interviewer": {"en": "interviewer", "da": "interviewer"},
    "duration": {"en": "duration", "da": "varighed"},
    "transcript": {"en": "transcript", "da": "transskription"},
    "consent": {"en": "consent", "da": "samtykke"},
    "status": {"en": "status", "da": "status"},
    "notes": {"en": "notes", "da": "noter"},
    "reflections": {"en": "reflections", "da": "refleksioner"},
    "concept": {"en": "concept", "da": "begreb"},
    "parent": {"en": "under", "da": "under"},
    "uses": {"en": "uses", "da": "brug"},
    "doctor_ok": {"en": "The journal is sound.", "da": "Journalen er sund."},
    "draft_kept": {"en": "Draft kept; run the same command again to resume it.",
                   "da": "Kladden er gemt; kør samme kommando igen for at fortsætte."},
    "resume_edit_draft": {"en": "An unsaved edit of this entry from {when} was kept (the app closed before it was saved). Start from it?",
                          "da": "En ikke-gemt redigering af dette indlæg fra {when} er bevaret (appen lukkede, før den blev gemt). Vil du starte fra den?"},
    "resume_draft": {"en": "Resume the unfinished draft from {when}?",
                     "da": "Fortsæt den ufærdige kladde fra {when}?"},
}


def t(key: str, lang: str = "en", **values: object) -> str:
    texts = MESSAGES.get(key)
    text = (texts.get(lang) or texts.get("en")) if texts else key
    return text.format(**values) if values else text
