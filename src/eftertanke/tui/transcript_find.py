"""Finding a place in a transcript: search its words, step through the
matches, jump to a time, and say where the cursor is.

``TranscriptFind`` is mixed into the transcript view (screens/transcript.py),
which owns the turn list, the search and time boxes and the keys; this holds
what they do. ``/`` searches (``n``/``N`` go to the next and previous match),
``g`` jumps to a time typed as the thesis cites it ("9.45") or as a clock
("09:45"): the turn being spoken then.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Input, Static

from eftertanke.textsafe import one_line
from eftertanke.transcript import clock, parse_citation_time
from eftertanke.tui.widgets.turn_list import TurnList, find_all


class TranscriptFind:
    """Mixed into a ``BaseScreen`` with ``transcript`` and a ``TurnList``."""

    transcript: Any
    query_one: Any
    notify: Any
    t: Any
    focused: Any
    _matches: list[int]

    def _turn(self) -> int | None:
        turns = self.query_one(TurnList)
        return turns.highlighted if turns.option_count else None  # type: ignore[no-any-return]

    def _show_position(self) -> None:
        transcript = self.transcript
        index = self._turn()
        status = self.query_one("#tr-status", Static)
        if transcript is None or index is None:
            return
        parts: list[str | tuple[str, str]] = [
            (self.t("position", n=index + 1, total=len(transcript.turns)), "bold")
        ]
        turn = transcript.turns[index]
        if turn.start is not None:
            parts += ["  ", (clock(turn.start), "dim")]
        search = self.query_one(TurnList).search
        if search:
            q = one_line(search, 30)
            if index in self._matches:
                at = self._matches.index(index) + 1
                words = self.t("matches", at=at, n=len(self._matches), q=q)
            elif self._matches:
                words = self.t("matches_away", n=len(self._matches), q=q)
            else:
                words = self.t("no_matches", q=q)
            parts += ["  ·  ", words]
        else:
            parts += ["  ·  ", (self.t("enter_hint"), "dim")]
        status.update(Content.assemble(*parts))

    def action_search(self) -> None:
        box = self.query_one("#tr-search", Input)
        self.query_one("#tr-jump", Input).display = False
        box.display = True
        box.focus()

    def search_for(self, typed: str) -> None:
        """Mark ``typed`` in the turns and count the turns holding it."""
        wanted = typed.strip()
        turns = self.query_one(TurnList)
        turns.set_search(wanted)
        self._matches = [row.index for row in turns.rows if find_all(row.text, wanted)]
        self._show_position()

    def action_next_match(self) -> None:
        self._go_match(1)

    def action_previous_match(self) -> None:
        self._go_match(-1)

    def _go_match(self, step: int, *, include_current: bool = False) -> None:
        if not self._matches:
            return
        current = self._turn() or 0
        if step > 0:
            later = [m for m in self._matches if m > current or (include_current and m == current)]
            target = later[0] if later else self._matches[0]
        else:
            earlier = [m for m in self._matches if m < current]
            target = earlier[-1] if earlier else self._matches[-1]
        self._go_turn(target)

    def _go_turn(self, index: int) -> None:
        turns = self.query_one(TurnList)
        turns.highlighted = index
        turns.scroll_to_highlight(top=True)
        self._show_position()

    def action_jump(self) -> None:
        box = self.query_one("#tr-jump", Input)
        self.query_one("#tr-search", Input).display = False
        box.value = ""
        box.display = True
        box.focus()

    def jump_to(self, box: Input) -> None:
        """Go to the turn being spoken at the time typed in ``box`` (closed after)."""
        transcript = self.transcript
        if transcript is None:
            return
        seconds = parse_citation_time(box.value)
        if seconds is None:
            self.notify(self.t("bad_time"), severity="warning", timeout=4)
            return
        timed = [(n, t.start) for n, t in enumerate(transcript.turns) if t.start is not None]
        if not timed:
            self.notify(self.t("no_times"), severity="warning", timeout=4)
            return
        # The turn being spoken at that moment: the last one started by then.
        before = [n for n, start in timed if start <= seconds]
        target = before[-1] if before else timed[0][0]
        box.display = False
        self.query_one(TurnList).focus()
        self._go_turn(target)

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Escape in the search or time box closes it (and a search is let go of).
        focused = self.focused
        if event.key == "escape" and isinstance(focused, Input):
            event.stop()
            focused.display = False
            if focused.id == "tr-search":
                focused.value = ""
            self.query_one(TurnList).focus()
