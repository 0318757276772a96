"""The command line, run as a user runs it: a subprocess per command."""

from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Cli, snapshot


@pytest.fixture
def seeded(cli: Cli) -> Cli:
    cli.ok("interview", "add", "I03", "--role", "plejeboligchef", "--level", "leader",
           "--org", "Ældre og Sundhed", "--date", "2026-03-14 10:00", "--mode", "teams",
           "--duration", "30")
    cli.ok("theme", "add", "Farlig tavshed", "--concept", "safety")
    cli.ok("theme", "add", "Lykkes sammen", "--concept", "drive")
    return cli


def test_new_list_show_edit_delete_restore(seeded: Cli) -> None:
    entry_id = seeded.ok("new", "-m", "Første refleksion om tavshed", "--interview", "I03",
                         "--theme", "farlig tavshed", "--title", "Efter I03",
                         "--at", "2026-03-14 10:50").strip()
    assert len(entry_id) == 36
    piped = seeded.ok("new", "--kind", "daily", "--rate", "energy=4", "--at", "2026-03-15 16:00",
                      input="Fra stdin\n").strip()
    listing = seeded.ok("list")
    assert "Efter I03" in listing and "Fra stdin" in listing
    assert listing.index("Efter I03") < listing.index("Fra stdin")  # oldest first
    shown = json.loads(seeded.ok("show", entry_id[:6], "--json"))
    assert shown["themes"] == ["Farlig tavshed"]
    assert shown["written_after_minutes"] == 20  # 10:50 minus the 10:30 end of the interview
    interview = json.loads(seeded.ok("interview", "show", "I03", "--json"))
    assert interview["status"] == "reflected" and interview["entries"] == [entry_id]
    assert json.loads(seeded.ok("show", piped, "--json"))["ratings"] == {"energy": 4}
    seeded.ok("edit", entry_id[:8], "--title", "Ny titel", "--add-theme", "Lykkes sammen")
    edited = json.loads(seeded.ok("show", entry_id, "--json"))
    assert edited["title"] == "Ny titel" and edited["themes"] == ["Farlig tavshed", "Lykkes sammen"]
    assert "restore" in seeded.ok("delete", entry_id)
    assert "Ny titel" not in seeded.ok("list")
    assert "Ny titel" in seeded.ok("list", "--trash")
    seeded.ok("restore", entry_id)
    assert "Ny titel" in seeded.ok("list")


def test_list_filters_and_search(seeded: Cli) -> None:
    seeded.ok("new", "-m", "Energi og sparring", "--kind", "daily", "--at", "2026-03-01 16:00")
    seeded.ok("new", "-m", "Tavshed i ledergruppen", "--theme", "Farlig tavshed", "--at", "2026-03-05 16:00")
    seeded.ok("new", "-m", "Vi lykkes sammen", "--interview", "I03", "--theme", "Lykkes sammen",
              "--at", "2026-03-14 11:00")

    def titles(*args: str) -> list[str]:
        return [e["body"] for e in json.loads(seeded.ok("list", "--json", *args))]

    assert titles("--kind", "daily") == ["Energi og sparring"]
    assert titles("--concept", "safety") == ["Tavshed i ledergruppen"]
    assert titles("--theme", "lykkes sammen") == ["Vi lykkes sammen"]
    assert titles("--interview", "i03") == ["Vi lykkes sammen"]
    assert titles("--search", "TAVSHED ledergruppen") == ["Tavshed i ledergruppen"]
    assert titles("--from", "2026-03-05", "--to", "2026-03-05") == ["Tavshed i ledergruppen"]
    assert titles("-n", "1") == ["Vi lykkes sammen"]
    assert titles("--author", "tester") == titles()
    assert titles("--author", "nobody") == []


def test_theme_commands(seeded: Cli) -> None:
    entry_id = seeded.ok("new", "-m", "x", "--theme", "Farlig tavshed").strip()
    assert "1 entry updated" in seeded.ok("theme", "rename", "Farlig tavshed", "Den farlige tavshed")
    assert json.loads(seeded.ok("show", entry_id, "--json"))["themes"] == ["Den farlige tavshed"]
    seeded.ok("theme", "merge", "Den farlige tavshed", "Lykkes sammen")
    assert json.loads(seeded.ok("show", entry_id, "--json"))["themes"] == ["Lykkes sammen"]
    tree = seeded.ok("theme", "list")
    assert "Drive and motivation" in tree and "Lykkes sammen  (1)" in tree
    seeded.ok("theme", "edit", "Lykkes sammen", "--concept", "wellbeing")
    assert json.loads(seeded.ok("theme", "list", "--json"))[0]["concept"] == "wellbeing"
    added = seeded.ok("--lang", "da", "theme", "add", "--starter")
    assert "16" in added
    danish = seeded.ok("--lang", "da", "theme", "list")
    assert "Psykologisk tryghed" in danish and "Farlig tavshed" in danish


def test_interview_commands(seeded: Cli) -> None:
    seeded.ok("interview", "add", "I04", "--role", "afdelingsleder", "--level", "head")
    seeded.ok("interview", "edit", "I04", "--status", "transcribed", "--code", "I05")
    rows = json.loads(seeded.ok("interview", "list", "--json"))
    assert [(r["code"], r["status"]) for r in rows] == [("I03", "done"), ("I05", "transcribed")]
    assert "plejeboligchef" in seeded.ok("interview", "list")


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("show", "deadbeef"), "", 1, "no entry with id deadbeef"),
        (("new", "-m", "x", "--interview", "I99"), "", 1, "unknown interview"),
        (("new", "-m", "x", "--theme", "Ukendt"), "", 1, "unknown theme"),
        (("new", "-m", "x", "--at", "the day after"), "", 2, "cannot read the date"),
        (("new", "-m", "   "), "", 1, "the entry is empty"),
        (("new",), "", 1, "the entry is empty"),
        (("delete", "0000"), "", 1, "no entry"),
        (("list", "--from", "soon"), "", 2, "cannot read the date"),
        (("theme", "rename", "Ukendt", "X"), "", 1, "unknown theme"),
        (("theme", "add", "Ny"), "", 2, "--concept is required"),
        (("interview", "add", "I 9", "--role", "x"), "", 1, "short code"),
        (("list", "--kind", "diary"), "", 2, "Invalid value for '--kind'"),
        (("nosuchcommand",), "", 2, "No such command"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    seeded: Cli, args: tuple[str, ...], stdin: str, code: int, message: str
) -> None:
    before = snapshot(seeded.journal)
    result = seeded(*args, input=stdin)
    assert result.returncode == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(seeded.journal) == before


def test_journal_path_that_is_a_file(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "afile"
    target.write_text("not a journal")
    result = cli("--journal", str(target), "list", journal=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"eftertanke: error: {target} is a file, not a journal folder"
    assert target.read_text() == "not a journal"


def test_unreadable_journal_folder(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o000)
    prefix: list[str] = []
    if os.geteuid() == 0:
        # root reads anything: drop the capabilities that let it, so the
        # permission bits apply as they do for a normal user.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "eftertanke", "--journal", str(folder), "list"],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        os.chmod(folder, 0o700)
    assert result.returncode == 1, result
    assert result.stderr.strip().splitlines() == [
        f"eftertanke: error: cannot open the journal {folder}: permission denied"
    ]
    assert list(folder.iterdir()) == []


def test_newer_schema_refused_by_the_command_line(seeded: Cli) -> None:
    meta = seeded.journal / "eftertanke.json"
    meta.write_text('{"format": "eftertanke-journal", "schema": 99}')
    before = snapshot(seeded.journal)
    result = seeded("list")
    assert result.returncode == 1 and "newer eftertanke" in result.stderr
    assert snapshot(seeded.journal) == before


def test_doctor_repair_from_the_command_line(seeded: Cli) -> None:
    entry_id = seeded.ok("new", "-m", "kept safe").strip()
    shard = seeded.journal / "entries" / f"{entry_id[:2]}.json"
    shard.write_text("{torn")
    broken = seeded("list")
    assert broken.returncode == 1 and "doctor --repair" in broken.stderr
    assert seeded("doctor").returncode == 1
    repaired = seeded.ok("doctor", "--repair")
    assert "restored" in repaired
    assert "kept safe" in seeded.ok("list")


def test_stored_control_sequences_are_neutralised_on_output(seeded: Cli) -> None:
    entry_id = seeded.ok("new", "-m", "hi \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b[2J\rgone").strip()
    for args in (("list",), ("show", entry_id)):
        out = seeded.ok(*args, env={"NO_COLOR": "1"})
        assert "\x1b]8" not in out and "\x07" not in out and "\r" not in out and "\x1b[2J" not in out
    raw = json.loads(seeded.ok("show", entry_id, "--json"))["body"]
    assert raw.startswith("hi \x1b]8;;http://evil\x07")  # stored faithfully


class PtySession:
    """A command on a pseudo-terminal, so it sees a real TTY on stdin."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.main, secondary = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=secondary, stdout=secondary, stderr=secondary, env=env)
        os.close(secondary)
        self.transcript = b""

    def expect(self, text: str, timeout: float = 20) -> None:
        deadline = time.time() + timeout
        while text.encode() not in self.transcript:
            assert time.time() < deadline, self.transcript.decode(errors="replace")
            ready, _, _ = select.select([self.main], [], [], 0.2)
            if ready:
                try:
                    self.transcript += os.read(self.main, 65536)
                except OSError:
                    break

    def send(self, text: str) -> None:
        os.write(self.main, text.encode())

    def finish(self) -> int:
        code = self.proc.wait(timeout=30)
        os.close(self.main)
        return code


def test_guided_prompts_on_a_terminal(seeded: Cli) -> None:
    """`new --kind interview --interview I03` with no -m walks the pack's prompts."""
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal), "new",
            "--kind", "interview", "--interview", "I03"]
    env = {**os.environ, "EFTERTANKE_LANG": "en", "TERM": "dumb"}
    first = PtySession(argv, env)
    first.expect("Enter twice")
    first.send("A warm, open conversation.\n\n")
    first.expect("2/")
    first.send(":quit\n")
    assert first.finish() == 0
    assert len(list((seeded.journal / "drafts").glob("*.json"))) == 1  # kept as a draft
    assert json.loads(seeded.ok("list", "--json")) == []

    second = PtySession(argv, env)
    second.expect("Resume")
    second.send("y\n")
    second.expect("2/")
    for _ in range(40):  # blank answers skip the optional prompts to the end
        second.send("\n")
    assert second.finish() == 0, second.transcript.decode(errors="replace")
    entries = json.loads(seeded.ok("list", "--json"))
    assert len(entries) == 1
    entry = entries[0]
    assert entry["kind"] == "interview" and entry["interview"] == "I03"
    assert entry["pack"] == "post-interview"
    assert entry["sections"][0]["answer"] == "A warm, open conversation."
    assert list((seeded.journal / "drafts").glob("*.json")) == []


def test_new_and_edit_in_the_editor(seeded: Cli) -> None:
    write_body = "sh -c 'printf \"Skrevet i editoren\" > \"$0\"'"
    entry_id = seeded.ok("new", "--editor", env={"EDITOR": write_body}).strip()
    assert json.loads(seeded.ok("show", entry_id, "--json"))["body"] == "Skrevet i editoren"
    # edit opens the editor on a terminal; the form keeps title/themes above '---'.
    retitle = "sed -i -e 's/^title: .*/title: Ny titel/' -e 's/^themes: .*/themes: Farlig tavshed/'"
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(seeded.journal), "edit", entry_id]
    session = PtySession(argv, {**os.environ, "EDITOR": retitle})
    assert session.finish() == 0, session.transcript
    edited = json.loads(seeded.ok("show", entry_id, "--json"))
    assert edited["title"] == "Ny titel" and edited["themes"] == ["Farlig tavshed"]
    assert edited["body"] == "Skrevet i editoren"
    # A failing editor saves nothing and keeps what was typed.
    failing = seeded("new", "--editor", env={"EDITOR": "false"})
    assert failing.returncode == 1 and "nothing saved" in failing.stderr
    assert len(json.loads(seeded.ok("list", "--json"))) == 1


def test_json_output_escapes_what_acts_on_a_terminal(seeded: Cli) -> None:
    text = "del\x7f c1\x9b bidi\u202e end"
    entry_id = seeded.ok("new", input=text).strip()
    for args in (("list", "--json"), ("show", entry_id, "--json")):
        out = seeded.ok(*args)
        assert not any(ch in out for ch in "\x7f\x9b\u202e"), args
        parsed = json.loads(out)
        body = parsed[0]["body"] if isinstance(parsed, list) else parsed["body"]
        assert body == text  # still the same text once parsed
