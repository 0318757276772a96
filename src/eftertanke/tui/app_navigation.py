"""Going from screen to screen: the F-keys' places and the screens opened on a thing.

The shell (``app.py``) mixes ``Navigation`` in; screens and palette commands
call it (``app.open_entry(id)``, ``app.start_writing(kind)``) rather than
building each other. ``go`` keeps the stack shallow: back to the place if it
is already open, else opened over Home.
"""

from __future__ import annotations

from typing import Any


def _places() -> dict[str, type]:
    """The places ``go`` knows, by the name its bindings give."""
    from eftertanke.tui.screens.analysis import AnalysisScreen
    from eftertanke.tui.screens.browse import BrowseScreen
    from eftertanke.tui.screens.calendar import CalendarScreen
    from eftertanke.tui.screens.chart import ChartScreen
    from eftertanke.tui.screens.home import HomeScreen
    from eftertanke.tui.screens.interviews import InterviewsScreen
    from eftertanke.tui.screens.positionality import PositionalityScreen
    from eftertanke.tui.screens.questions import QuestionsScreen
    from eftertanke.tui.screens.themes import ThemesScreen

    return {
        "home": HomeScreen,
        "browse": BrowseScreen,
        "interviews": InterviewsScreen,
        "themes": ThemesScreen,
        "analysis": AnalysisScreen,
        "chart": ChartScreen,
        "calendar": CalendarScreen,
        "positionality": PositionalityScreen,
        "questions": QuestionsScreen,
    }


class Navigation:
    """Mixed into ``EftertankeApp``: every way a screen is opened."""

    screen: Any
    screen_stack: Any
    push_screen: Any
    pop_screen: Any

    def action_go(self, where: str) -> None:
        from eftertanke.tui.screens.home import HomeScreen

        target = _places()[where]
        # Go back to the screen if it is already open, else open it over home.
        for screen in reversed(self.screen_stack):
            if isinstance(screen, target):
                while self.screen is not screen:
                    self.pop_screen()
                return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if target is HomeScreen:
            if len(self.screen_stack) > 1:
                self.pop_screen()
            return
        self.push_screen(target())

    def action_help(self) -> None:
        from eftertanke.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_write(self, kind: str) -> None:
        self.start_writing(kind=kind)

    def start_writing(
        self,
        kind: str = "memo",
        interview: str | None = None,
        draft: dict[str, Any] | None = None,
        pack: str | None = None,
    ) -> None:
        """The write screen: the kind's default pack, or ``pack`` (weekly-review)."""
        from eftertanke.tui.screens.write import WriteScreen

        self.push_screen(WriteScreen(kind=kind, interview=interview, draft=draft, pack=pack))

    def open_entry(self, entry_id: str, coding_id: str | None = None) -> None:
        """The entry view; with ``coding_id``, its coded passages at that coding
        (Escape goes back to the entry)."""
        from eftertanke.tui.screens.entry import EntryScreen

        self.push_screen(EntryScreen(entry_id))
        if coding_id:
            from eftertanke.tui.screens.entry_coding import EntryCodingScreen

            self.push_screen(EntryCodingScreen(entry_id, coding_id))

    def open_interview(self, code: str) -> None:
        from eftertanke.tui.screens.interviews import InterviewDetailScreen

        self.push_screen(InterviewDetailScreen(code))

    def open_transcript(self, code: str, turn: int | None = None) -> None:
        from eftertanke.tui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(code, turn=turn))

    def open_theme(self, name: str) -> None:
        from eftertanke.tui.screens.themes import ThemeDetailScreen

        self.push_screen(ThemeDetailScreen(name))

    def browse(self, **filters: Any) -> None:
        from eftertanke.tui.screens.browse import BrowseScreen

        self.push_screen(BrowseScreen(**filters))
