"""What every eftertanke screen shares: its words, and following the app's changes.

A screen reads its words with ``self.t(key)``: the catalogue key
``tui.<module>.<key>`` of its module or of one it inherits from, then
``tui.common.<key>`` (``locale/*.json``, see ``tui.strings``). It overrides
``refresh_data`` to redraw from ``app.index``/``app.journal`` after a save
anywhere, and ``refresh_texts`` to relabel itself after a language switch;
both are also run once on mount.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from eftertanke.tui import strings
from eftertanke.tui.bindings import translate_bindings

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


class ScreenWords:
    @property
    def eapp(self) -> EftertankeApp:
        return self.app  # type: ignore[attr-defined,return-value]

    def t(self, key: str, **values: object) -> str:
        return strings.word(type(self), key, self.eapp.lang, **values)

    def _follow_app(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)  # type: ignore[attr-defined]
        self.watch(self.app, "data_version", self._data_changed, init=False)  # type: ignore[attr-defined]
        translate_bindings(self, self.eapp.lang)  # type: ignore[arg-type]
        self.refresh_texts()
        self.refresh_data()

    def _language_changed(self, lang: str) -> None:
        translate_bindings(self, lang)  # type: ignore[arg-type]
        self.refresh_texts()
        self.refresh_data()
        self.app.refresh_bindings()  # type: ignore[attr-defined]

    def _data_changed(self, _version: int) -> None:
        self.refresh_data()

    def refresh_texts(self) -> None:
        """Relabel the screen in ``self.eapp.lang``."""

    def refresh_data(self) -> None:
        """Redraw what the screen shows from the journal."""


class BaseScreen(ScreenWords, Screen[None]):
    # F1 first in every footer: a screen's own bindings come before the app's,
    # so on a narrow terminal, where the footer is cut off at the right, the
    # key that lists all the others is still seen (the app's F1 is hidden).
    BINDINGS = [Binding("f1", "app.help", "Help")]

    def on_mount(self) -> None:
        self._follow_app()


class BaseModal(ScreenWords, ModalScreen):  # type: ignore[type-arg]
    def on_mount(self) -> None:
        self._follow_app()
