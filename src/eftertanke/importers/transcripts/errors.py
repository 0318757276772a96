"""The one error every transcript parser raises: what is wrong, and on which line."""

from __future__ import annotations

from eftertanke.errors import EftertankeError


class TranscriptFormatError(EftertankeError):
    """A transcript file that cannot be read; nothing was imported.

    ``line`` is the file's line (1 for the first) where the problem is, or
    None when it is the whole file (empty, not a Word document). The message
    names it: ``line 14: a cue time like ... was expected, got '...'``.
    ``file`` is filled in by the caller that knows the file's name.
    """

    def __init__(self, message: str, line: int | None = None, file: str = "") -> None:
        self.problem = message
        self.line = line
        self.file = file
        super().__init__(self._text())

    def _text(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        prefix = f"{self.file}, " if self.file and where else f"{self.file}: " if self.file else ""
        return f"{prefix}{where}{self.problem}"

    def in_file(self, name: str) -> TranscriptFormatError:
        """The same error naming the file it is in."""
        return TranscriptFormatError(self.problem, self.line, name)


def shown(text: str, limit: int = 60) -> str:
    """A piece of the file quoted in an error: one line, cut short, control characters shown."""
    from eftertanke.textsafe import one_line

    return repr(one_line(text, limit))
