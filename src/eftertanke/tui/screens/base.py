"""What every eftertanke screen shares: its words, and following the app's changes.

A screen reads its words with ``self.t(key)``: first the catalogue key
``tui.<module>.<key>`` (``locale/*.json``, see ``eftertanke.i18n``), then
``tui.common.<key>``, then the screen's old ``TEXT`` table while the words
still move into the catalogue. It overrides ``refresh_data`` to redraw from
``app.index``/``app.journal`` after a save anywhere, and ``refresh_texts`` to
relabel itself after a language switch; both are also run once on mount.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import ModalScreen, Screen

from eftertanke import i18n
from eftertanke.tui.bindings import translate_bindings
from eftertanke.tui.strings import Table, lookup

if TYPE_CHECKING:
    from eftertanke.tui.app import EftertankeApp


class ScreenWords:
    TEXT: ClassVar[Table] = {}

    @property
    def eapp(self) -> EftertankeApp:
        return self.app  # type: ignore[attr-defined,return-value]

    @classmethod
    def words_namespace(cls) -> str:
        """The catalogue prefix of this screen's words: ``tui.<module>``."""
        return "tui." + cls.__module__.rsplit(".", 1)[-1]

    def t(self, key: str, **values: object) -> str:
        lang = self.eapp.lang
        for full in (f"{self.words_namespace()}.{key}", f"tui.common.{key}"):
            if i18n.has(full, "en"):
                return i18n.t(full, lang, **values)
        return lookup(self.TEXT, key, lang, **values)

    def _follow_app(self) -> None:
        self.watch(self.app, "lang", self._language_changed, init=False)  # type: ignore[attr-defined]
        self.watch(self.app, "data_version", self._data_changed, init=False)  # type: ignore[attr-defined]
        translate_bindings(self, self.eapp.lang, self.TEXT)  # type: ignore[arg-type]
        self.refresh_texts()
        self.refresh_data()

    def _language_changed(self, lang: str) -> None:
        translate_bindings(self, lang, self.TEXT)  # type: ignore[arg-type]
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
    def on_mount(self) -> None:
        self._follow_app()


class BaseModal(ScreenWords, ModalScreen):  # type: ignore[type-arg]
    def on_mount(self) -> None:
        self._follow_app()
