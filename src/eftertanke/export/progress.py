"""A progress bar for long exports and imports: on a terminal only.

When standard error is not a terminal (piped, redirected, in tests) the
items pass through untouched and nothing is printed; rich is imported only
when a bar is actually shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
MIN_ITEMS = 200


def progress(items: Iterable[T], total: int, label: str) -> Iterable[T]:
    """``items``, with a bar on stderr when it is a terminal and there are many."""
    stream = sys.stderr
    if total < MIN_ITEMS or stream is None or not stream.isatty():
        return items
    return _with_bar(items, total, label)


def _with_bar(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


__all__ = ["progress"]
