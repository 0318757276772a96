"""A corpus of hostile text goes through every door: ``new`` (standard input),
``show``, ``list``, ``show --raw``, Markdown export, import, and the TUI's
entry view. Nothing crashes, no control sequence reaches the terminal, and
what is stored is what went in (lone surrogates and invalid UTF-8 bytes,
which are not text, are stored as U+FFFD)."""

from __future__ import annotations

import asyncio
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eftertanke.export.markdown import entry_markdown
from eftertanke.store.journal import Journal

# name -> (bytes fed to `new` on stdin, the body expected back)
CORPUS: dict[str, tuple[bytes, str]] = {}


def _add(name: str, text: str, expected: str | None = None) -> None:
    CORPUS[name] = (
        text.encode("utf-8", errors="surrogatepass"),
        text if expected is None else expected,
    )


_add("markup", "[bold red]rød[/] [@click=app.quit]quit[/] [link=https://evil.example]l[/link] [/x]")
_add("ansi", "\x1b[31mred\x1b[0m \x1b[2J\x1b[H\x1b[1;1Hcleared \x1b[?1049h alt screen")
_add(
    "osc8",
    "\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07 and \x1b]8;;https://x\x1b\\st\x1b]8;;\x1b\\",
)
_add("title_osc", "\x1b]0;pwned title\x07 \x1b]52;c;ZXZpbA==\x07 clipboard")
_add("bell", "ding\x07\x07\x07 dong")
_add("carriage_return", "I am happy with my team\rI quit, effective now      ")
_add("nul", "before\x00after\x00")
_add("rlo", "file\u202eexe.txt and \u2066isolate\u2069 \u202aembed\u202c")
_add("c1", "\x9b31mc1 csi\x9d0;c1 osc\x9c \x85nel")
_add("backspace_del", "secret\x08\x08\x08\x08\x08\x08public\x7f")
# Piped bytes that are not UTF-8 are refused with their offset, never stored
# as U+FFFD (issue 11, case 10: tests/test_bad_input.py).
# On stdin a lone surrogate arrives as three invalid bytes: three U+FFFD.
_add(
    "lone_surrogate",
    "lone \ud800 high and \udfff low",
    "lone \ufffd\ufffd\ufffd high and \ufffd\ufffd\ufffd low",
)
_add("long_line", "x" * 1_000_000)
_add("big_body", ("Et stort indsat afsnit om arbejdet. " * 30 + "\n\n") * 9_500)

# Characters that act on a terminal: C0 except tab/newline, DEL, C1, bidi controls.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(
    journal: Path, *args: str, data: bytes = b"", **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(journal), *args]
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(argv, input=data, timeout=120, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "journal"
    ids: dict[str, str] = {}
    env = {**os.environ, "EFTERTANKE_CONFIG_DIR": str(root.parent / "config")}
    for name, (data, _expected) in CORPUS.items():
        try:
            data.decode("utf-8")
            result = run(root, "new", "--title", name, data=data, env=env)
        except UnicodeDecodeError:
            # Piped bytes that are not UTF-8 are refused (test_bad_input.py);
            # such bytes can still arrive in argv, where they become U+FFFD.
            argv = [sys.executable.encode(), b"-m", b"eftertanke", b"--journal",
                    str(root).encode(), b"new", b"--title", name.encode(), b"-m", data]
            result = subprocess.run(argv, capture_output=True, env=env, timeout=120)
        assert result.returncode == 0, (name, result.stderr)
        ids[name] = result.stdout.decode().strip()
    return root, ids


def test_surrogates_from_argv_and_the_api_become_replacement_characters(tmp_path: Path) -> None:
    from eftertanke.domain import Entry

    root = tmp_path / "journal"
    argv = [sys.executable.encode(), b"-m", b"eftertanke", b"--journal", str(root).encode(),
            b"new", b"--title", b"t\xff", b"-m", b"argv \xff\xfe end"]  # fmt: skip
    result = subprocess.run(argv, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    journal = Journal(root)
    entry = journal.get_entry(result.stdout.decode().strip())
    assert (entry.title, entry.body) == ("t\ufffd", "argv \ufffd\ufffd end")
    made = journal.add_entry(Entry(title="api \ud800", body="x \udfff y", themes=[]))
    journal.invalidate_cache()
    again = journal.get_entry(made.id)
    assert (again.title, again.body) == ("api \ufffd", "x \ufffd y")


def test_big_body_is_really_big() -> None:
    assert len(CORPUS["big_body"][0]) >= 10_000_000


def test_stored_text_equals_what_went_in(hostile: tuple[Path, dict[str, str]]) -> None:
    root, ids = hostile
    journal = Journal(root)
    for name, (_data, expected) in CORPUS.items():
        assert journal.get_entry(ids[name]).body == expected.strip("\n"), name


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_show_neutralises_control_sequences(
    hostile: tuple[Path, dict[str, str]], name: str
) -> None:
    root, ids = hostile
    result = run(root, "show", ids[name])
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not UNSAFE.search(out), (name, UNSAFE.findall(out)[:5])
    for raw in (b"\x1b", b"\x07", b"\r", b"\x00", "\u202e".encode()):
        assert raw not in result.stdout
    if name == "markup":
        assert "[@click=app.quit]quit[/]" in out  # shown literally, not dropped


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_show_raw_gives_the_stored_bytes_when_piped(
    hostile: tuple[Path, dict[str, str]], name: str
) -> None:
    root, ids = hostile
    result = run(root, "show", ids[name], "--raw")
    assert result.returncode == 0, result.stderr
    assert result.stdout == CORPUS[name][1].strip("\n").encode("utf-8")


def test_show_raw_refuses_a_terminal(hostile: tuple[Path, dict[str, str]]) -> None:
    root, ids = hostile
    parent, child = pty.openpty()
    try:
        result = run(root, "show", ids["ansi"], "--raw", stdout=child, stderr=subprocess.PIPE)
    finally:
        os.close(child)
        os.close(parent)
    assert result.returncode == 2
    assert b"pipe it" in result.stderr


def test_show_on_a_terminal_sends_only_its_own_styling(
    hostile: tuple[Path, dict[str, str]],
) -> None:
    """On a real terminal click keeps its bold/dim styling; nothing else may pass."""
    root, ids = hostile
    for name in ("ansi", "osc8", "title_osc", "carriage_return", "rlo", "c1", "bell", "nul"):
        parent, child = pty.openpty()
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "eftertanke", "--journal", str(root), "show", ids[name]],
                stdin=subprocess.DEVNULL, stdout=child, stderr=subprocess.PIPE,
            )  # fmt: skip
            os.close(child)
            chunks = []
            while True:
                try:
                    chunk = os.read(parent, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            assert proc.wait(timeout=60) == 0
        finally:
            os.close(parent)
        out = b"".join(chunks).decode("utf-8")
        styling = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r\n", "\n")  # the pty adds CRs
        assert not UNSAFE.search(styling), (name, UNSAFE.findall(styling)[:5])


def test_list_neutralises_control_sequences(hostile: tuple[Path, dict[str, str]]) -> None:
    root, _ids = hostile
    result = run(root, "list")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not UNSAFE.search(out), UNSAFE.findall(out)[:5]
    assert len(out.splitlines()) == len(CORPUS)  # no line broken or overwritten


def test_show_json_is_escaped_and_exact(hostile: tuple[Path, dict[str, str]]) -> None:
    import orjson

    root, ids = hostile
    for name in ("ansi", "rlo", "c1", "nul", "lone_surrogate"):
        result = run(root, "show", ids[name], "--json")
        assert result.returncode == 0
        assert not UNSAFE.search(result.stdout.decode("utf-8")), name
        assert orjson.loads(result.stdout)["body"] == CORPUS[name][1].strip("\n")


def test_markdown_export_keeps_the_text(hostile: tuple[Path, dict[str, str]]) -> None:
    root, ids = hostile
    journal = Journal(root)
    for name in CORPUS:
        entry = journal.get_entry(ids[name])
        document = entry_markdown(entry, "en")
        # Markdown is line-based, so the exporter may turn a lone CR into a line
        # break and trim line ends; every word of the text must still be there.
        for word in re.findall(r"\w{3,}", entry.body[:400]):
            assert word in document, (name, word)


def test_export_and_import_markdown_round_trip(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, ids = hostile
    out = tmp_path / "export"
    result = run(root, "export", "markdown", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not UNSAFE.search(result.stdout.decode("utf-8") + result.stderr.decode("utf-8"))
    other = tmp_path / "other"
    # The importer takes a file holding NUL for binary and refuses it, with one
    # clear line and nothing imported; the rest goes in without it.
    nul_files = [p for p in out.rglob("*.md") if b"\x00" in p.read_bytes()]
    assert nul_files
    result = run(other, "import", "markdown", str(out), "--yes")
    if result.returncode != 0:
        assert result.returncode == 1 and b"Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert not Journal(other).entries()
        for path in nul_files:
            path.unlink()
        result = run(other, "import", "markdown", str(out), "--yes")
    assert result.returncode == 0, result.stderr
    assert not UNSAFE.search(result.stdout.decode("utf-8") + result.stderr.decode("utf-8"))
    imported = {e.title: e.body for e in Journal(other).entries()}
    assert len(imported) >= len(CORPUS) - len(nul_files)

    # Markdown is line-based: the exporter turns a lone CR into a line break and
    # trims spaces at line ends; apart from that every text comes back exactly.
    def lines(text: str) -> str:
        return re.sub(r"[ \t]+(?=\n|$)", "", text.replace("\r", "\n"))

    for name in imported:
        assert lines(imported[name]) == lines(CORPUS[name][1].strip("\n")), name


TUI_CASES = ["markup", "ansi", "osc8", "carriage_return", "rlo", "nul", "c1", "lone_surrogate",
             "long_line", "big_body"]  # fmt: skip


def test_tui_entry_view_shows_everything_harmlessly(hostile: tuple[Path, dict[str, str]]) -> None:
    from eftertanke.tui.app import EftertankeApp

    root, ids = hostile
    app = EftertankeApp(Journal(root), lang="en", remember=False)

    async def walk() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for name in TUI_CASES:
                app.open_entry(ids[name])
                await pilot.pause()
                await pilot.pause()
                assert app.is_running, name
                if name == "markup":
                    shown = app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&")
                    assert "[@click=app.quit]quit[/]" in shown
                app.pop_screen()
                await pilot.pause()

    asyncio.run(walk())
    assert app.return_code in (None, 0)
