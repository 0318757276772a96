"""Interface words shared across the TUI, in Danish and English.

Screens with many words of their own keep them in a ``TEXT`` table in their
module and look them up with ``lookup``; the words every screen uses live here.
Binding descriptions are translated by action name (``ACTIONS``), so the
footer follows the language switch.
"""

from __future__ import annotations

Table = dict[str, dict[str, str]]

COMMON: Table = {
    "app_title": {"da": "eftertanke", "en": "eftertanke"},
    "home": {"da": "Hjem", "en": "Home"},
    "browse": {"da": "Indlæg", "en": "Entries"},
    "interviews": {"da": "Interviews", "en": "Interviews"},
    "themes": {"da": "Temaer", "en": "Themes"},
    "help": {"da": "Hjælp", "en": "Help"},
    "saved": {"da": "Gemt", "en": "Saved"},
    "save_failed": {"da": "Kunne ikke gemme", "en": "Could not save"},
    "cancel": {"da": "Annullér", "en": "Cancel"},
    "ok": {"da": "OK", "en": "OK"},
    "yes": {"da": "Ja", "en": "Yes"},
    "no": {"da": "Nej", "en": "No"},
    "save": {"da": "Gem", "en": "Save"},
    "kind.daily": {"da": "dagligt", "en": "daily"},
    "kind.interview": {"da": "interview", "en": "interview"},
    "kind.memo": {"da": "memo", "en": "memo"},
    "language_now": {"da": "Sprog: dansk", "en": "Language: English"},
    "loading": {"da": "Indlæser journalen …", "en": "Loading the journal …"},
    "entries_n": {"da": "{n} indlæg", "en": "{n} entries"},
    "deleted_undo": {"da": "Flyttet til papirkurven. Tryk u for at fortryde.",
                     "en": "Moved to the trash. Press u to undo."},
    "restored": {"da": "Indlægget er gendannet.", "en": "The entry is restored."},
    "no_interview": {"da": "Intet interview", "en": "No interview"},
    "exported_to": {"da": "Eksporteret til {path}", "en": "Exported to {path}"},
}

# Footer/help text of each action, by action name.
ACTIONS: Table = {
    "quit": {"da": "Afslut", "en": "Quit"},
    "help": {"da": "Hjælp", "en": "Help"},
    "toggle_language": {"da": "English", "en": "Dansk"},
    "toggle_dark": {"da": "Lys/mørk", "en": "Light/dark"},
    "command_palette": {"da": "Kommandoer", "en": "Commands"},
    "go('home')": {"da": "Hjem", "en": "Home"},
    "go('browse')": {"da": "Indlæg", "en": "Entries"},
    "go('interviews')": {"da": "Interviews", "en": "Interviews"},
    "go('themes')": {"da": "Temaer", "en": "Themes"},
    "go('analysis')": {"da": "Analyse", "en": "Analysis"},
    "write('interview')": {"da": "Refleksion", "en": "Reflection"},
    "write('daily')": {"da": "Check-in", "en": "Check-in"},
    "write('memo')": {"da": "Memo", "en": "Memo"},
    "back": {"da": "Tilbage", "en": "Back"},
    "app.pop_screen": {"da": "Tilbage", "en": "Back"},
    "dismiss": {"da": "Luk", "en": "Close"},
}


def lookup(table: Table, key: str, lang: str, **values: object) -> str:
    texts = table.get(key) or COMMON.get(key)
    text = (texts.get(lang) or texts.get("en") or key) if texts else key
    return text.format(**values) if values else text
