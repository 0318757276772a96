"""Code, recode, memo and remove: what the entry's coding view and the transcript view share.

A screen mixes ``CodingActions`` in and calls ``start_coding``,
``start_recode``, ``start_memo`` and ``start_remove``; each asks what it
needs (the theme picker, a memo dialog, a confirmation) and then changes the
journal through ``services.coding`` in a thread worker. A refusal (an
unknown theme, a span outside the text, a record changed meanwhile) is one
line of notification and changes nothing. After a change the screen's
``codings_changed`` runs, and the app reindexes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from eftertanke import i18n
from eftertanke.domain import Coding, ValidationError
from eftertanke.store.errors import EftertankeError
from eftertanke.textsafe import one_line
from eftertanke.tui.strings import said

if TYPE_CHECKING:
    from eftertanke.services.coding import Source


# The keys every screen that lists codings shares, and their footer words.
CODING_BINDINGS = [
    Binding("r", "recode", "Recode"),
    Binding("m", "memo", "Memo"),
    Binding("x", "remove", "Remove coding"),
    Binding("delete", "remove", "Remove coding", show=False),
    Binding("y", "copy_citation", "Copy citation"),
]


def coding_words(coding: Coding, limit: int = 40) -> str:
    return one_line(coding.quote, limit) or f"{coding.start}-{coding.end}"


def coding_option(coding: Coding, colours: dict[str, str], where: str, lang: str) -> Option:
    """One coding in a side list, in three short lines: its marks and themes,
    its words, and where it is with its memo and review flags."""
    from eftertanke.tui.coding_colours import marks

    last: list[str | tuple[str, str]] = [(one_line(where, 22), "dim")] if where else []
    if coding.memo:
        last += [
            "  " if last else "",
            (i18n.t("tui.coding_actions.memo_mark", lang), "italic $accent"),
        ]
    if coding.review:
        last += ["  " if last else "", (i18n.t("tui.coding_actions.review", lang), "bold $warning")]
    prompt = Content.assemble(
        marks(coding.themes, colours),
        " ",
        (one_line(", ".join(coding.themes), 34), "bold"),
        "\n   ",
        ("“", "dim"),
        coding_words(coding, 31),
        ("”", "dim"),
        *(["\n   ", *last] if last else []),
    )
    return Option(prompt, id=coding.id)


class CodingActions:
    """Mixed into a ``BaseScreen``; uses its ``app``, ``notify`` and ``run_worker``."""

    app: Any
    notify: Any
    run_worker: Any

    def ct(self, key: str, **values: object) -> str:
        return i18n.t(f"tui.coding_actions.{key}", self.app.lang, **values)

    def codings_changed(self, coding: Coding | None) -> None:
        """Redraw after a change (``coding``: the one made or changed, if still there)."""

    def current_coding(self) -> Coding | None:
        """The coding the user points at (the screen knows where its cursor is)."""
        return None

    # -- the actions of CODING_BINDINGS, on the coding pointed at --------------------

    def action_recode(self) -> None:
        self.start_recode(self.current_coding())

    def action_memo(self) -> None:
        self.start_memo(self.current_coding())

    def action_remove(self) -> None:
        self.start_remove(self.current_coding())

    def action_copy_citation(self) -> None:
        self.start_copy_citation(self.current_coding())

    # -- asking -----------------------------------------------------------------

    def start_coding(self, where: Source, start: int, end: int) -> None:
        if end <= start:
            self.notify(self.ct("select_first"), severity="warning", timeout=4)
            return
        from eftertanke.tui.screens.theme_picker import ThemePicker

        picker = ThemePicker(multiple=True, title="title_code")

        def chosen(themes: list[str] | None) -> None:
            if themes:
                new = picker.new_themes_for(themes)
                self._change(
                    lambda journal: _with_new(
                        journal, new, lambda: _code(journal, where, start, end, themes)
                    ),
                    lambda coding: self.ct(
                        "coded", words=coding_words(coding), themes=", ".join(coding.themes)
                    ),
                )

        self.app.push_screen(picker, chosen)

    def start_recode(self, coding: Coding | None) -> None:
        if coding is None:
            self.notify(self.ct("no_coding"), severity="warning", timeout=3)
            return
        from eftertanke.tui.screens.theme_picker import ThemePicker

        ident = coding.id
        picker = ThemePicker(multiple=True, chosen=list(coding.themes), title="title_recode")

        def chosen(themes: list[str] | None) -> None:
            if themes:
                new = picker.new_themes_for(themes)
                self._change(
                    lambda journal: _with_new(
                        journal, new, lambda: _service("recode")(journal, ident, themes)
                    ),
                    lambda changed: self.ct("recoded", themes=", ".join(changed.themes)),
                )

        self.app.push_screen(picker, chosen)

    def start_memo(self, coding: Coding | None) -> None:
        if coding is None:
            self.notify(self.ct("no_coding"), severity="warning", timeout=3)
            return
        from eftertanke.tui.screens.coding_memo import MemoDialog

        ident = coding.id

        def written(memo: str | None) -> None:
            if memo is not None and memo != coding.memo:
                self._change(
                    lambda journal: _service("set_memo")(journal, ident, memo),
                    lambda changed: self.ct("memo_saved" if changed.memo else "memo_cleared"),
                )

        self.app.push_screen(MemoDialog(coding), written)

    def start_remove(self, coding: Coding | None) -> None:
        if coding is None:
            self.notify(self.ct("no_coding"), severity="warning", timeout=3)
            return
        from eftertanke.tui.screens.choice import ChoiceDialog

        ident = coding.id
        words = coding_words(coding)

        def answered(answer: str | None) -> None:
            if answer == "remove":
                self._change(
                    lambda journal: _service("remove_coding")(journal, ident),
                    lambda _gone: self.ct("removed", words=words),
                    gone=True,
                )

        dialog = ChoiceDialog(
            self.ct("remove_q", words=words),
            [("remove", self.ct("remove_yes")), ("keep", self.ct("remove_no"))],
            detail=self.ct("remove_detail", themes=one_line(", ".join(coding.themes), 80)),
        )
        self.app.push_screen(dialog, answered)

    # -- citing ----------------------------------------------------------------------

    def start_copy_citation(
        self, coding: Coding | None = None, turn: tuple[str, int] | None = None
    ) -> None:
        """Copy a ready citation of a coding (or of a transcript turn: its interview
        code and index) to the clipboard (OSC 52, through the terminal)."""
        if coding is None and turn is None:
            self.notify(self.ct("no_coding"), severity="warning", timeout=3)
            return
        journal = self.app.journal
        lang = self.app.lang

        def run() -> None:
            from eftertanke.services import citation

            try:
                style = citation.style_for(lang)
                if coding is not None:
                    cited = citation.cite_coding(journal, coding.id, style)
                else:
                    assert turn is not None
                    found = citation.cite_turn(journal, turn[0], turn[1], style)
                    if found is None:
                        return
                    cited = found
            except (EftertankeError, ValidationError, OSError) as exc:
                why = one_line(said(exc, self.app.lang), 160)
                self.app.call_from_thread(
                    self.notify, self.ct("refused", why=why), severity="error", markup=False
                )
                return
            self.app.call_from_thread(self._copied, cited.text)

        self.run_worker(run, thread=True, exclusive=True, group="citation")

    def _copied(self, text: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(self.ct("copied", text=one_line(text, 200)), markup=False, timeout=6)

    # -- changing -------------------------------------------------------------------

    def _change(
        self,
        work: Callable[[Any], Coding],
        message: Callable[[Coding], str],
        *,
        gone: bool = False,
    ) -> None:
        journal = self.app.journal

        def run() -> None:
            try:
                coding = work(journal)
            except (EftertankeError, ValidationError, OSError) as exc:
                why = one_line(said(exc, self.app.lang), 160)
                self.app.call_from_thread(
                    self.notify, self.ct("refused", why=why), severity="error", markup=False
                )
                return
            self.app.call_from_thread(self._changed, coding, message(coding), gone)

        self.run_worker(run, thread=True, exclusive=True, group="coding")

    def _changed(self, coding: Coding, message: str, gone: bool) -> None:
        self.notify(message, markup=False, timeout=3)
        self.app.journal_changed()
        self.codings_changed(None if gone else coding)


def _service(name: str) -> Callable[..., Coding]:
    from eftertanke.services import coding

    return getattr(coding, name)  # type: ignore[no-any-return]


def _with_new(journal: Any, new: dict[str, str], save: Callable[[], Coding]) -> Coding:
    """Themes made with the picker's "+ Create" are added in the coding's own save."""
    from eftertanke.services.themes import with_new_themes

    return with_new_themes(journal, new, save)


def _code(journal: Any, where: Source, start: int, end: int, themes: list[str]) -> Coding:
    from eftertanke.services.coding import code_passage

    return code_passage(journal, where, start, end, themes)
