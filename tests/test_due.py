"""``eftertanke due``: what is waiting, in one line, with an exit code, fast.

The command is run in this process through ``main`` (click's path, what
``--help`` shows) and as a subprocess through the launcher (the fast path a
shell prompt takes); both must say the same thing.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from eftertanke import due
from eftertanke.cli import main
from eftertanke.domain import Entry, Interview, now
from eftertanke.launch import due_arguments
from eftertanke.store import due_summary
from eftertanke.store.journal import Journal


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    with runner.isolation(env=env) as (out, err, _):
        try:
            main(["--journal", str(root), *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def fast(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The program as a shell runs it: ``python -m eftertanke`` (the launcher)."""
    return subprocess.run(
        [sys.executable, "-m", "eftertanke", "--journal", str(root), "due", *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60,
    )  # fmt: skip


def checkin(journal: Journal, at: datetime, **extra: object) -> Entry:
    return journal.add_entry(
        Entry(kind="daily", body="En rolig dag.", created=at, ratings={"wellbeing": 4}, **extra)
    )


@pytest.fixture
def journal(journal_dir: Path) -> Journal:
    """I03 ended three hours ago, done, no reflection; I02 is reflected on;
    I05 is planned and over; I07 is planned for next week."""
    j = Journal(journal_dir, author="tester")
    moment = now()
    j.add_interview(Interview("I02", role="leder", status="done", date=moment - timedelta(days=9)))
    j.add_interview(
        Interview("I03", role="chef", status="done", date=moment - timedelta(hours=3, minutes=30),
                  duration_minutes=30)
    )  # fmt: skip
    j.add_interview(
        Interview("I05", role="leder", status="planned", date=moment - timedelta(days=3))
    )
    j.add_interview(Interview("I07", status="planned", date=moment + timedelta(days=7)))
    j.add_entry(Entry(kind="interview", body="Refleksion.", interview="I02"))
    j.add_entry(Entry(kind="memo", body="Et memo om I03.", interview="I03"))
    checkin(j, moment - timedelta(days=1))
    return j


def test_an_ended_interview_without_a_reflection_and_the_checkin_are_waiting(
    journal: Journal,
) -> None:
    code, out, err = run(journal.root, "--lang", "en", "due")
    assert code == 1, err
    assert out.strip() == (
        "Waiting: today's check-in · reflection after interview I03 (ended 3 h ago)"
        " · reflection after interview I05 (ended 3 days ago)"
    )


def test_danish_line(journal: Journal) -> None:
    code, out, _ = run(journal.root, "--lang", "da", "due")
    assert code == 1
    assert out.strip() == (
        "Venter: dagens check-in · refleksion efter interview I03 (sluttede for 3 t siden)"
        " · refleksion efter interview I05 (sluttede for 3 dage siden)"
    )


def test_nothing_waiting_exits_0_and_a_second_checkin_is_noted(journal_dir: Path) -> None:
    j = Journal(journal_dir)
    checkin(j, now() - timedelta(minutes=5))
    code, out, _ = run(journal_dir, "--lang", "en", "due")
    assert (code, out.strip()) == (0, "Nothing waiting: today's check-in is written.")
    checkin(j, now())
    code, out, _ = run(journal_dir, "--lang", "da", "due")
    assert (code, out.strip()) == (0, "Intet venter: 2 check-ins er skrevet i dag.")
    code, out, _ = run(journal_dir, "due", "--quiet")
    assert (code, out) == (0, "")


def test_json(journal: Journal) -> None:
    code, out, _ = run(journal.root, "--lang", "en", "due", "--json")
    assert code == 1
    data = orjson.loads(out)
    assert data["due"] is True
    assert data["checkin"]["due"] is True and data["checkin"]["today"] == 0
    assert datetime.fromisoformat(data["checkin"]["last"]) < now() - timedelta(hours=23)
    assert [r["interview"] for r in data["reflections"]] == ["I03", "I05"]
    first = data["reflections"][0]
    assert first["role"] == "chef" and 179 <= first["minutes_ago"] <= 181
    assert data["message"].startswith("Waiting: today's check-in")


def test_a_reflection_written_ends_the_wait(journal: Journal) -> None:
    run(journal.root, "due")  # the summary is cached now
    journal.add_entry(Entry(kind="interview", body="Refleksion.", interview="I03"))
    journal.add_entry(Entry(kind="interview", body="Refleksion.", interview="I05"))
    checkin(journal, now())
    code, out, _ = run(journal.root, "--lang", "en", "due")
    assert (code, out.strip()) == (0, "Nothing waiting: today's check-in is written.")
    # A reflection moved to the trash no longer counts.
    reflection = next(
        e for e in journal.entries() if e.kind == "interview" and e.interview == "I05"
    )
    journal.delete_entry(reflection.id)
    code, out, _ = run(journal.root, "--lang", "en", "due")
    assert code == 1 and "I05" in out and "I03" not in out


def test_the_launcher_answers_the_same_without_click_or_the_store(journal: Journal) -> None:
    for args in ((), ("--json",), ("--quiet",)):
        for lang in ("da", "en"):
            result = fast(journal.root, "--lang", lang, *args)
            code, out, _ = run(journal.root, "--lang", lang, "due", *args)
            assert (result.returncode, result.stdout) == (code, out), (args, lang, result.stderr)
    probe = (
        "import sys\n"
        f"sys.argv = ['eftertanke', '--journal', {str(journal.root)!r}, 'due']\n"
        "from eftertanke.launch import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "heavy = sorted(m for m in ('click', 'textual', 'tinydb', 'pendulum', 'eftertanke.domain',"
        " 'eftertanke.store.journal', 'eftertanke.cli') if m in sys.modules)\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "1 []", result.stderr


def test_the_summary_matches_what_the_store_reads_on_the_demo_journal(tmp_path: Path) -> None:
    import shutil

    demo = Path(__file__).resolve().parent.parent / "journals" / "demo"
    copy = shutil.copytree(demo, tmp_path / "demo")
    fast_summary = due_summary.read(copy)
    assert fast_summary is not None
    assert fast_summary == due.summary_from_journal(Journal(copy))
    # The demo's I06 is done and has no reflection.
    assert [w.code for w in due.status_of(fast_summary, now()).reflections] == ["I06"]


def test_a_damaged_or_foreign_summary_is_rebuilt(journal: Journal) -> None:
    run(journal.root, "due")
    cache = due_summary.cache_path(journal.root)
    assert cache.exists() and stat.S_IMODE(cache.stat().st_mode) == 0o600
    cache.write_bytes(b"{not json")
    code, out, _ = run(journal.root, "--lang", "en", "due")
    assert code == 1 and "I03" in out
    data = orjson.loads(cache.read_bytes())
    # A summary whose shard identities no longer match is read again, not trusted.
    for value in data["shards"].values():
        value[3] = []
        value[4] = []
        value[1] += 1
    cache.write_bytes(orjson.dumps(data))
    assert due_summary.read(journal.root) == due.summary_from_journal(journal)


def test_a_missing_journal_is_an_error_and_nothing_is_created(tmp_path: Path) -> None:
    """A mistyped --journal must not read as an empty journal with a check-in due."""
    root = tmp_path / "nowhere"
    code, out, err = run(root, "--lang", "en", "due")
    assert (code, out) == (1, "") and str(root) in err
    result = fast(root, "--lang", "en")
    assert result.returncode == 1 and result.stdout == "" and str(root) in result.stderr
    assert "Traceback" not in result.stderr
    assert not root.exists()
    # An empty folder is a journal not started yet: the check-in is waiting.
    root.mkdir()
    assert fast(root, "--lang", "en").stdout.strip() == "Waiting: today's check-in"


def test_journals_the_fast_reader_declines_go_through_the_store(journal: Journal) -> None:
    root = journal.root
    assert due_summary.read(root) is not None
    (root / "intent.json").write_bytes(b"{}")
    assert due_summary.read(root) is None
    (root / "intent.json").unlink()
    meta = orjson.loads((root / "eftertanke.json").read_bytes())
    (root / "eftertanke.json").write_bytes(orjson.dumps({**meta, "schema": 99}))
    assert due_summary.read(root) is None
    # The store refuses the newer schema with its one clear line; exit 1.
    result = fast(root)
    assert result.returncode == 1 and "newer eftertanke" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_encrypted_journal_is_answered_with_the_passphrase(cli, journal_dir: Path) -> None:  # type: ignore[no-untyped-def]
    env = {"EFTERTANKE_PASSPHRASE": "korrekt hest batteri hæfteklamme"}
    cli.ok("new", "--kind", "memo", "-m", "hemmelig note")
    cli.ok("encrypt", "--cost", "14", env=env)
    assert due_summary.read(journal_dir) is None
    result = fast(journal_dir, "--lang", "en", env=env)
    assert (result.returncode, result.stdout.strip()) == (1, "Waiting: today's check-in")
    assert not list(Path(os.environ["EFTERTANKE_CACHE_DIR"]).rglob("*.json"))


def test_notify_sends_the_line_with_notify_send(journal: Journal, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "sent.txt"
    script = bin_dir / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n')
    script.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    result = fast(journal.root, "--lang", "en", "--notify", env=env)
    assert result.returncode == 1
    sent = record.read_text().splitlines()
    assert sent[-1] == result.stdout.strip() and "I03" in sent[-1]
    # Without notify-send the line is still printed, and stderr says why nothing popped up.
    result = fast(journal.root, "--notify", env={"PATH": str(tmp_path / "empty")})
    assert result.returncode == 1 and "I03" in result.stdout
    assert "notify-send" in result.stderr


def test_nothing_is_notified_when_nothing_is_waiting(journal_dir: Path, tmp_path: Path) -> None:
    checkin(Journal(journal_dir), now())
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "sent.txt"
    (bin_dir / "notify-send").write_text(f"#!/bin/sh\ntouch {record}\n")
    (bin_dir / "notify-send").chmod(0o755)
    result = fast(journal_dir, "--notify", "-q", env={"PATH": str(bin_dir)})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not record.exists()


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["due"], {"journal": None, "lang": None}),
        (["--journal", "/j", "due", "--json"], {"journal": "/j", "as_json": True}),
        (
            ["--journal=/j", "due", "-q", "--lang", "da"],
            {"journal": "/j", "quiet": True, "lang": "da"},
        ),
        (["due", "--help"], None),
        (["due", "--lang", "fr"], None),
        (["--passphrase-file", "p", "due"], None),
        (["list"], None),
        (["due", "due"], None),
        ([], None),
    ],
)
def test_the_launcher_takes_only_the_plain_due_command_lines(
    argv: list[str], expected: dict[str, object] | None
) -> None:
    found = due_arguments(argv)
    if expected is None:
        assert found is None
    else:
        assert found is not None and {k: found[k] for k in expected} == expected


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = run(Path("/nonexistent"), "due", "--help")
    assert code == 0
    assert "0 nothing is waiting, 1 something is" in " ".join(out.split())


def test_the_rule_for_waiting_interviews() -> None:
    moment = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    interviews = [
        Interview("A1", status="done"),  # no date: waiting, how long unknown
        Interview("A2", status="done", date=moment - timedelta(hours=1)),
        Interview("A3", status="planned", date=moment - timedelta(minutes=20)),  # not over yet
        Interview("A4", status="planned", date=moment - timedelta(minutes=31)),
        Interview("A5", status="reflected", date=moment - timedelta(days=1)),
        Interview("a6", status="done", date=moment - timedelta(days=1)),
    ]
    waiting = due.awaiting_reflection(interviews, {"A6"}, moment)
    assert [i.code for i in waiting] == ["A4", "A2", "A1"]


def test_interview_values_resolve_through_aliases_and_codes(tmp_path: Path) -> None:
    """A reflection naming a merged-away interview's id, or a code kept from
    before, counts for the interview it ends at (as the store reads it)."""
    root = tmp_path / "j"
    Journal(root)
    rows = {
        "id-live": {"code": "I09", "status": "done", "role": "leder"},
        "id-old": {"code": "X1", "status": "done", "merged_into": "id-live"},
        "id-other": {"code": "I10", "status": "done", "previous_codes": ["B7"]},
    }
    (root / "interviews.json").write_bytes(orjson.dumps({"interviews": rows}))
    entries = {
        "e1": {"kind": "interview", "interview": "id-old", "created": "2026-03-01T10:00:00+01:00"},
        "e2": {"kind": "interview", "interview": "b7", "created": "2026-03-01T10:00:00+01:00"},
    }
    (root / "entries").mkdir(exist_ok=True)
    (root / "entries" / "e1.json").write_bytes(orjson.dumps({"entries": entries}))
    summary = due_summary.read(root)
    assert summary is not None
    assert summary.reflected == {"i09", "i10"}
    assert [i.code for i in summary.interviews] == ["I09", "I10"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
@pytest.mark.parametrize(
    "env",
    [{}, {"XDG_CONFIG_HOME": "/x/c", "XDG_DATA_HOME": "/x/d", "XDG_CACHE_HOME": "/x/k"},
     {"XDG_CONFIG_HOME": "relative", "XDG_CACHE_HOME": "  "}],
)  # fmt: skip
def test_the_user_folders_are_the_ones_platformdirs_gives(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """config.user_dir reads the XDG folders itself (platformdirs' import costs a
    prompt several milliseconds); it must say what platformdirs says."""
    import platformdirs

    from eftertanke.config import user_dir

    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert str(user_dir("config")) == platformdirs.user_config_dir("eftertanke", appauthor=False)
    assert str(user_dir("data")) == platformdirs.user_data_dir("eftertanke", appauthor=False)
    assert str(user_dir("cache")) == platformdirs.user_cache_dir("eftertanke", appauthor=False)
