"""Letters typed ahead of a writing screen land in its answer field.

A key that opens a writing screen (Home's ``d``, ``m``, ``r``, ``w``) runs
its binding only once it has gone round the widgets of Home and come back to
the app; letters typed in the same instant (a burst from the terminal, a
fast typist, a paste-like ``tmux send-keys``) have by then been sent to
Home's widgets, and the writing screen's field is not focused yet when the
next ones arrive. Without this they were dropped: the check-in opened empty,
or with the letters split.

Two halves catch them, in the order they were typed:

- ``AppTypeAhead`` (mixed into the app) notes the screen each key was sent
  to; a key that comes back unhandled from a screen that is no longer the
  current one is offered to the current screen.
- ``TypeAhead`` (mixed into a writing screen) keeps what it is offered
  until its first answer field is focused, then types it into the field;
  after that it is out of the way. While it waits, the app offers it every
  key as it arrives, before the key goes to whatever the screen focused
  first (the interview select, say), which would let it through too late.

Only keys that write in a text field are kept: printable characters, Enter
and Backspace. Any other key goes on as before.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import TextArea

# The keys, besides printable characters, that edit the text they are typed into.
EDITING_KEYS = frozenset({"enter", "backspace"})
# How many recent keys the app remembers the screen of (a burst is far shorter).
KEYS_REMEMBERED = 128


def writes_text(event: events.Key) -> bool:
    return event.is_printable or event.key in EDITING_KEYS


def type_into(field: TextArea, keys: list[events.Key]) -> None:
    """Type ``keys`` into ``field`` at its cursor, as the field does with a key."""
    for key in keys:
        if key.key == "backspace":
            field.action_delete_left()
            continue
        text = "\n" if key.key == "enter" else key.character or ""
        start, end = field.selection
        field.replace(text, start, end, maintain_selection_offset=False)


class TypeAhead:
    """Mixed into a screen (before its Screen class) whose answer field is
    ``TYPE_AHEAD_FIELD``, a ``TextArea`` shown while there is an answer to write."""

    TYPE_AHEAD_FIELD = ""
    focused: Any
    query_one: Any
    _typed_ahead: list[events.Key] | None

    def type_ahead_field(self) -> TextArea | None:
        """The field typed-ahead keys go into (None: no answer is asked for now)."""
        field = self.query_one(self.TYPE_AHEAD_FIELD, TextArea)
        return field if field.display else None  # type: ignore[no-any-return]

    def _keeping(self) -> list[events.Key] | None:
        """The keys kept so far, while the screen waits for its field (then None)."""
        if not hasattr(self, "_typed_ahead"):
            self._typed_ahead = []
        return self._typed_ahead

    def take_type_ahead(self, event: events.Key) -> bool:
        """Keep (or type at once) a key meant for this screen; False if it is not ours."""
        if not writes_text(event):
            return False
        kept = self._keeping()
        if kept is not None:
            kept.append(event)
            return True
        field = self.type_ahead_field()
        if field is None or self.focused is not field:
            return False
        type_into(field, [event])
        return True

    def waiting_for_field(self) -> bool:
        """True until the answer field first has focus."""
        return self._keeping() is not None

    def watch_focused(self, focused: Widget | None) -> None:
        kept = self._keeping()
        if kept is None or focused is None:
            return
        field = self.type_ahead_field()
        if field is not None and focused is not field:
            return  # something else has focus for a moment: the field is still coming
        self._typed_ahead = None
        if field is not None and kept:
            # In the order typed: a key may have come back from the last screen late.
            type_into(field, sorted(kept, key=lambda key: key.time))


class AppTypeAhead:
    """Mixed into the app: keys that reached a screen no longer current."""

    screen: Any
    _sent_to: deque[tuple[events.Key, Any]]

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            current = self.screen
            # Whatever the opening screen focused first (a list, a select)
            # would let the key through after the field had taken focus.
            if isinstance(current, TypeAhead) and current.waiting_for_field():
                if current.take_type_ahead(event):
                    return
            if not hasattr(self, "_sent_to"):
                self._sent_to = deque(maxlen=KEYS_REMEMBERED)
            self._sent_to.append((event, current))
        await super().on_event(event)  # type: ignore[misc]

    def on_key(self, event: events.Key) -> None:
        sent_to = next((s for e, s in getattr(self, "_sent_to", ()) if e is event), None)
        current = self.screen
        if sent_to is None or sent_to is current or not isinstance(current, TypeAhead):
            return
        if current.take_type_ahead(event):
            event.stop()
            event.prevent_default()
