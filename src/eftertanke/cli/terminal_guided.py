"""Guided prompts on a plain terminal: one question at a time, no Textual.

``eftertanke new`` on a terminal without ``-m`` runs this, so it must stay
light (no Textual import) and work with plain line input. Input and output are
injected (``read_line``/``write``) so the flow is testable with a script.

How it reads: a blank line ends an answer ("Enter twice to go on"); a blank
answer skips an optional prompt and keeps an answer written earlier. Commands
on a line of their own: ``:back``, ``:skip``, ``:quit``, ``:later`` (mark this
answer as added later from memory), ``:quote 9.45 text`` (an excerpt from the
session's interview; the time as ``guided.quote_lines`` reads it), ``:lang da|en``.
In the quotes prompt a line ``9.45 text`` is a quote without any command. End of input (``read_line`` returns
None) is a ``:quit``. Whatever was typed before a command is kept as the
answer, so no command loses text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from eftertanke.domain import Entry
from eftertanke.guided import GuidedError, GuidedSession
from eftertanke.guided.quote_lines import parse_quote_line
from eftertanke.i18n import t
from eftertanke.packs.loader import Prompt, RatingItem
from eftertanke.textsafe import for_terminal as safe

ReadLine = Callable[[], str | None]
Write = Callable[[str], None]
OnChange = Callable[[dict], None]

_COMMANDS = {":back", ":skip", ":quit", ":later", ":quote", ":lang"}


class _Quit(Exception):
    pass


class _Back(Exception):
    pass


class _Runner:
    def __init__(
        self,
        session: GuidedSession,
        read_line: ReadLine,
        write: Write,
        on_change: OnChange | None,
    ) -> None:
        self.session = session
        self.read_line = read_line
        self.write = write
        self.on_change = on_change

    def t(self, key: str) -> str:
        return t(f"terminal_guided.{key}", self.session.language)

    def say(self, text: str) -> None:
        self.write(safe(text) + "\n")

    def changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self.session.to_draft())

    def read(self) -> str:
        line = self.read_line()
        if line is None:
            raise _Quit
        return line.rstrip("\r\n")

    # -- commands --

    def command(self, line: str) -> str | None:
        """Run a command line; returns "back", "skip", "quit" or None (stay)."""
        word, _, rest = line.strip().partition(" ")
        word = word.lower()
        if word in (":back", ":skip", ":quit"):
            return word[1:]
        if word == ":later":
            try:
                self.session.mark_added_later(True)
                self.say(self.t("later"))
                self.changed()
            except GuidedError as exc:
                self.say(exc.in_language(self.session.language))
        elif word == ":quote":
            parsed = parse_quote_line(rest)
            if parsed is None:
                self.say(self.t("quote_usage"))
                return None
            try:
                excerpt = self.session.add_excerpt(parsed.timestamp, parsed.quote, list(parsed.themes))
                self.say(f"{self.t('quote_added')} {excerpt.reference} {excerpt.quote}")
                self.changed()
            except GuidedError as exc:
                self.say(exc.in_language(self.session.language))
        elif word == ":lang":
            try:
                self.session.set_language(rest.strip().lower())
                self.say(self.t("lang"))
                self.changed()
            except GuidedError as exc:
                self.say(exc.in_language(self.session.language))
        return None

    # -- prompts --

    def show(self, prompt: Prompt) -> None:
        s = self.session
        optional = f" ({self.t('optional')})" if prompt.optional else ""
        self.say(f"\n[{s.position + 1}/{s.total}]{optional} {s.question(prompt)}")
        if s.hint(prompt):
            self.say(f"  {s.hint(prompt)}")
        earlier = s.answer_of(prompt.id)
        if earlier:
            self.say(self.t("kept"))
            for line in earlier.splitlines():
                self.say(f"  > {line}")

    def leaving(self, line: str) -> str | None:
        """Run a command line; ``:quit`` and ``:back`` leave the question (raised),
        anything else is returned ("skip", or None)."""
        action = self.command(line)
        if action == "quit":
            raise _Quit
        if action == "back":
            raise _Back
        return action

    def ask_prompt(self, prompt: Prompt) -> None:
        """One prompt until it is answered, skipped, or left by a command."""
        s = self.session
        self.show(prompt)
        lines: list[str] = []
        # Lines of this visit already stored as the answer (before a command).
        before: list[str] = []
        while True:
            line = self.read()
            if line.strip().split(" ")[0].lower() in _COMMANDS:
                word = line.strip().split(" ")[0].lower()
                if lines:
                    # Keep what was typed before the command; the lines after
                    # it are added to it (so ":later" marks only those).
                    lines = [*before, *lines]
                    s.answer("\n".join(lines), advance=False)
                    before, lines = lines, []
                    self.changed()
                elif word == ":later" and not before and s.answer_of(prompt.id).strip():
                    # Marking an answer kept from earlier: what follows adds to it.
                    before = s.answer_of(prompt.id).splitlines()
                action = self.leaving(line)
                if action == "skip":
                    try:
                        s.skip()
                        self.changed()
                        return
                    except GuidedError:
                        self.say(self.t("required"))
                # A language switch re-shows the prompt in the new language.
                if line.strip().lower().startswith(":lang"):
                    self.show(prompt)
                continue
            if line.strip():
                lines.append(line)
                quoted = parse_quote_line(line) if prompt.quote_lines and s.interview else None
                if quoted is not None:
                    self.say(f"  {self.t('quote_line')} ({s.interview}, {quoted.timestamp}) {quoted.quote}")
                continue
            # A blank line: the answer is complete.
            if lines:
                s.answer("\n".join([*before, *lines]))
                self.changed()
                return
            if s.answer_of(prompt.id).strip():
                s.forward()  # keeps the earlier answer
                return
            if prompt.optional:
                s.skip()
                self.changed()
                return
            self.say(self.t("required"))

    # -- ratings --

    def ask_rating(self, item: RatingItem) -> None:
        s = self.session
        lang = s.language
        current = s.ratings.get(item.key)
        shown = f" [{current}]" if current is not None else ""
        while True:
            self.write(
                safe(
                    f"{item.label.get(lang)} ({item.minimum} = {item.low.get(lang)}, "
                    f"{item.maximum} = {item.high.get(lang)}){shown}: "
                )
            )
            line = self.read().strip()
            if line.split(" ")[0].lower() in _COMMANDS:
                if self.leaving(line) == "skip":
                    return
                continue
            if not line:
                return  # blank keeps an earlier rating, or leaves it unset
            try:
                s.set_rating(item.key, int(line))
            except (ValueError, GuidedError):
                self.say(self.t("not_a_rating").format(low=item.minimum, high=item.maximum))
                continue
            self.changed()
            return

    def run(self, author: str, finished: Callable[[], datetime] | None) -> Entry | None:
        s = self.session
        self.say(s.pack.title.get(s.language))
        if s.pack.description:
            self.say(s.pack.description.get(s.language))
        self.say(self.t("intro"))
        rating_index = 0
        try:
            while True:
                prompt = s.current
                if prompt is not None:
                    try:
                        self.ask_prompt(prompt)
                    except _Back:
                        if not s.back():
                            self.say(self.t("first"))
                    rating_index = 0
                    continue
                ratings = s.pack.ratings
                if rating_index == 0 and ratings:
                    self.say("\n" + self.t("ratings"))
                if rating_index >= len(ratings):
                    break
                try:
                    self.ask_rating(ratings[rating_index])
                    rating_index += 1
                except _Back:
                    if rating_index > 0:
                        rating_index -= 1
                    else:
                        s.back()
        except _Quit:
            return None
        try:
            entry = s.finish(author, finished=finished() if finished else None)
        except GuidedError as exc:
            # Nothing worth saving (e.g. every prompt skipped): say so, save nothing.
            self.say(exc.in_language(self.session.language))
            return None
        self.say(self.t("done"))
        return entry


def run_in_terminal(
    session: GuidedSession,
    *,
    read_line: ReadLine,
    write: Write,
    on_change: OnChange | None = None,
    author: str = "",
    clock: Callable[[], datetime] | None = None,
) -> Entry | None:
    """Walk ``session`` on a plain terminal; the finished Entry, or None on quit/EOF.

    ``on_change`` gets ``session.to_draft()`` after every answer, rating,
    excerpt or mark, so the caller can persist the draft; on None the caller
    keeps (or discards) that draft. ``clock`` gives the finish time (tests).
    """
    return _Runner(session, read_line, write, on_change).run(author, clock)


__all__ = ["run_in_terminal", "safe"]
