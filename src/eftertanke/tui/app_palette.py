"""The command palette: Textual's own commands in the app's language, and the
palette's actions that belong to no screen.

The shell (``app.py``) mixes ``PaletteCommands`` in. Textual's palette
commands (theme, quit, keys, maximize, screenshot) are the same actions as
Textual's, worded from the catalogue so a Danish palette has no English in
it; the palette and the theme search are Textual's palette with our words.
A screenshot is delivered under a name of our own, so its notice is ours: the
place it was saved, or the reason it failed in one line. The app's own
commands (``tui/commands.py``) call the actions at the bottom.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from eftertanke.tui.widgets.palette import Palette

# The delivery name of the palette's screenshot, so its notice is ours (Textual
# words the one named "screenshot" in English).
SCREENSHOT_DELIVERY = "eftertanke-screenshot"


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror} ({exc.filename})" if exc.filename else exc.strerror
    return str(exc)


class PaletteCommands:
    """Mixed into ``EftertankeApp``: the palette's words and its app-wide actions."""

    journal: Any
    screen: Any
    title: str
    use_command_palette: bool
    t: Any
    notify: Any
    push_screen: Any
    set_timer: Any
    call_after_refresh: Any
    deliver_text: Any
    export_screenshot: Any
    action_go: Any
    action_change_theme: Any
    action_quit: Any
    action_hide_help_panel: Any
    action_show_help_panel: Any

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands (the same actions as Textual's own), worded
        from the catalogue so a Danish palette has no English in it."""
        yield SystemCommand(
            self.t("system.theme"), self.t("system.theme_help"), self.action_change_theme
        )
        yield SystemCommand(self.t("system.quit"), self.t("system.quit_help"), self.action_quit)
        if screen.query("HelpPanel"):
            yield SystemCommand(
                self.t("system.keys"), self.t("system.keys_hide"), self.action_hide_help_panel
            )
        else:
            yield SystemCommand(
                self.t("system.keys"), self.t("system.keys_show"), self.action_show_help_panel
            )
        if screen.maximized is not None:
            yield SystemCommand(
                self.t("system.minimize"), self.t("system.minimize_help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                self.t("system.maximize"), self.t("system.maximize_help"), screen.action_maximize
            )
        yield SystemCommand(
            self.t("system.screenshot"),
            self.t("system.screenshot_help"),
            lambda: self.set_timer(0.1, self._deliver_screenshot),
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                Palette(
                    id="--command-palette",
                    placeholder=self.t("palette_placeholder"),
                    no_matches=self.t("palette_no_matches"),
                )
            )

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            Palette(
                providers=[ThemeProvider],
                placeholder=self.t("themes_placeholder"),
                no_matches=self.t("palette_no_matches"),
            )
        )

    # -- the screenshot ---------------------------------------------------------

    def _deliver_screenshot(self) -> None:
        from textual._files import generate_datetime_filename

        self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_filename=generate_datetime_filename(self.title, ".svg"),
            open_method="browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT_DELIVERY,
        )

    # Handlers by name: ``@on`` is only read on Textual's own classes, not on a mixin.
    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name != SCREENSHOT_DELIVERY:
            return
        title = self.t("system.screenshot")
        if event.path is None:
            self.notify(self.t("screenshot_saved_here"), title=title)
        else:
            self.notify(self.t("screenshot_saved", path=str(event.path)), title=title, markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT_DELIVERY:
            self.notify(
                self.t("screenshot_failed", error=_why(event.exception)),
                title=self.t("system.screenshot"),
                severity="error",
                markup=False,
            )

    # -- the palette's own actions ----------------------------------------------

    def adopt_starter_codebook(self) -> None:
        """The palette's "starter codebook": on the Themes screen, so the new
        themes are seen arriving (the screen runs the write in a worker)."""
        from eftertanke.tui.screens.themes import ThemesScreen

        self.action_go("themes")

        def start() -> None:
            if isinstance(self.screen, ThemesScreen):
                self.screen.action_starter()

        self.call_after_refresh(start)

    def empty_trash(self) -> None:
        """The palette's "empty the trash": every entry in it, for good, once asked."""
        from eftertanke.services.purge import plan_trash
        from eftertanke.tui.purge_flow import delete_for_good

        delete_for_good(self, plan_trash)  # type: ignore[arg-type]

    def export_methods(self) -> None:
        """The palette's "methods appendix": ask where, write it in a worker."""
        from eftertanke.services.methods import methods_markdown
        from eftertanke.tui.screens.export_dialog import export_markdown

        journal = self.journal
        name = self.t("methods_file")
        export_markdown(
            self.screen,
            name,
            lambda lang: methods_markdown(journal, lang),
            heading="tui.app_palette.methods_heading",
        )
