"""The app's language and theme, switched by a key and remembered between runs.

The shell (``app.py``) mixes ``Settings`` in. Ctrl+L switches English and
Danish, Ctrl+T light and dark; both are saved in the config file
(``eftertanke.config``) unless the app was started not to remember. On a
language switch every key is worded again: the app's, each open screen's and
those of the focused widget and its containers (Textual's own widgets too,
since the key panel lists them). A config that cannot be read or written is
a warning, never a stop.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.dom import NoScreen
from textual.widget import Widget

from eftertanke.config import ConfigError, load_config, save_config_value
from eftertanke.tui.bindings import translate_bindings
from eftertanke.tui.strings import said

DEFAULT_DARK_THEME = "textual-dark"
DEFAULT_LIGHT_THEME = "textual-light"


class Settings:
    """Mixed into ``EftertankeApp``: ``lang``'s and ``theme``'s switches and memory."""

    remember: bool
    lang: str
    theme: str
    current_theme: Any
    is_mounted: bool
    screen: Any
    screen_stack: Any
    notify: Any
    tr: Any
    refresh_bindings: Any

    def _load_settings(self) -> dict[str, Any]:
        if not self.remember:
            return {}
        try:
            return load_config()
        except ConfigError:
            return {}

    def _remember(self, key: str, value: str) -> None:
        if not self.remember:
            return
        try:
            save_config_value(key, value)
        except (OSError, ConfigError) as exc:
            self.notify(said(exc, self.lang), severity="warning", markup=False)

    def action_toggle_language(self) -> None:
        self.lang = "da" if self.lang == "en" else "en"
        self._remember("language", self.lang)
        self.notify(self.tr("language_now"), timeout=2)

    def action_toggle_dark(self) -> None:
        self.theme = DEFAULT_LIGHT_THEME if self.current_theme.dark else DEFAULT_DARK_THEME

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted:
            self._remember("theme", theme)

    def watch_lang(self, lang: str) -> None:
        translate_bindings(self, lang)  # type: ignore[arg-type]
        for screen in self.screen_stack:
            translate_bindings(screen, lang)
        if self.screen.focused is not None:
            self._translate_focus_chain(self.screen.focused)
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._translate_focus_chain(event.widget)

    def _translate_focus_chain(self, widget: Widget) -> None:
        """Word the keys of the focused widget and its containers (Textual's own
        widgets' too: the key panel lists them) in the app's language, once per
        language for each widget."""
        changed = False
        for node in widget.ancestors_with_self:
            if node is self:
                break
            if getattr(node, "_eftertanke_lang", None) != self.lang:
                translate_bindings(node, self.lang)
                node._eftertanke_lang = self.lang  # type: ignore[attr-defined]
                changed = True
        if changed:
            # The focus event can arrive after its screen was dismissed (a
            # writing screen closed at once): nothing is left to refresh then.
            try:
                widget.screen.refresh_bindings()
            except NoScreen:
                pass
