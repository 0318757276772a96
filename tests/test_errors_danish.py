"""The errors a person meets are said in their language (issue 13): unknown and
too short ids, taken codes, an empty entry, a rating out of range, a stale
revision, a busy journal, a wrong passphrase; on the command line and in the app."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_tui_interviews_themes import make_journal, run, settle, static_text, type_into
from textual.pilot import Pilot

from eftertanke.cli import main
from eftertanke.domain import Entry, Interview, Theme
from eftertanke.errors import JournalLockedError
from eftertanke.store import crypto
from eftertanke.store.errors import RevisionConflictError
from eftertanke.store.journal import Journal
from eftertanke.store.lock import LOCK_NAME, JournalLock
from eftertanke.tui.app import EftertankeApp


def cli(journal: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    runner = CliRunner()
    with runner.isolation(env=env) as (_out, err, _):
        try:
            main(["--journal", str(journal), "--lang", "da", *args])
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return code, err.getvalue().decode()


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    root = tmp_path / "j"
    j = Journal(root, author="Mette")
    j.add_interview(Interview(code="I03", role="leder"))
    j.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    j.add_entry(Entry(kind="memo", title="Efter mødet", body="Der var en farlig tavshed."))
    return root


@pytest.mark.parametrize(
    ("args", "code", "danish"),
    [
        (("show", "ab"), 1, "indlægs-id'et 'ab' er for kort: giv mindst 4 tegn"),
        (("new", "-m", " "), 1, "indlægget er tomt"),
        (("new", "-m", "x", "--rate", "energy=9"), 2, "'energy=9': vurderingen skal være 1 til 5"),
        (("new", "-m", "x", "--rate", "mod=3"), 2, "brug NØGLE=N med NØGLE en af"),
        (
            ("interview", "add", "I03", "--role", "x"),
            1,
            "der findes allerede et interview med koden",
        ),
        (
            ("interview", "add", "x y", "--role", "x"),
            1,
            "interviewkoden 'x y' skal være en kort kode",
        ),
        (
            ("theme", "add", "Farlig tavshed", "--concept", "safety"),
            1,
            "der findes allerede et tema",
        ),
        (
            ("theme", "add", "Ny", "--concept", "safety", "--parent", "Nix"),
            1,
            "ukendt overtema 'Nix'",
        ),
        (("code", "remove", "abcd"), 1, "ingen kodning med id abcd"),
        (("drafts", "show", "abc"), 1, "ingen kladde med id'et 'abc'"),
    ],
)
def test_the_command_line_says_the_error_in_danish(
    journal: Path, args: tuple[str, ...], code: int, danish: str
) -> None:
    got, err = cli(journal, *args)
    assert got == code, err
    assert err.startswith("eftertanke: fejl: ") and danish in err, err


def test_a_phrase_found_twice_is_refused_in_danish(journal: Path) -> None:
    entry = Journal(journal).entries()[0]
    got, err = cli(
        journal, "code", "add", entry.id[:8], "--phrase", "a", "--theme", "Farlig tavshed"
    )
    assert got == 1 and "forekommer" in err and "gange; citér mere af det" in err, err


def test_a_stale_revision_is_said_in_danish(journal: Path) -> None:
    j = Journal(journal, author="Mette")
    entry = j.entries()[0]
    j.update_entry(Entry.from_dict({**entry.to_dict(), "body": "Ændret her."}))
    stale = Entry.from_dict({**entry.to_dict(), "body": "Ændret der."})
    with pytest.raises(RevisionConflictError) as refused:
        j.update_entry(stale, expected_revision=entry.revision)
    said = refused.value.in_language("da")
    assert said.startswith(f"indlæg {entry.id[:8]} er imens ændret et andet sted")
    assert "intet blev gemt" in said
    assert "was changed elsewhere" in str(refused.value)  # the English message stays for logs

    interview = j.get_interview("I03")
    j.update_interview(Interview.from_dict({**interview.to_dict(), "role": "chef"}))
    with pytest.raises(RevisionConflictError) as refused:
        j.update_interview(
            Interview.from_dict({**interview.to_dict(), "role": "direktør"}),
            expected_revision=interview.revision,
        )
    assert refused.value.in_language("da").startswith("interview I03 er imens ændret")


def test_a_busy_journal_is_said_in_danish(journal: Path) -> None:
    fd = os.open(journal / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(JournalLockedError) as refused:
            JournalLock(journal, timeout=0).acquire()
    finally:
        os.close(fd)
    assert refused.value.in_language("da") == (
        f"journalen {journal} er optaget: en anden eftertanke-proces har holdt dens lås i 0 s"
    )


def test_a_wrong_passphrase_is_said_in_danish(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", crypto.MIN_LOG_N)
    monkeypatch.setattr(crypto, "DEFAULT_P", 1)
    got, err = cli(journal, "encrypt", env={"EFTERTANKE_PASSPHRASE": "correct horse battery"})
    assert got == 0, err
    got, err = cli(journal, "list", env={"EFTERTANKE_PASSPHRASE": "not the passphrase"})
    assert got == 1
    assert err.strip() == "eftertanke: fejl: forkert adgangsfrase: journalen blev ikke åbnet"


def test_the_app_shows_the_stores_refusal_in_danish(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "j")

    async def scenario(app: EftertankeApp, pilot: Pilot[Any]) -> None:
        app.action_go("interviews")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await type_into(pilot, "f-code", "I09")
        await type_into(pilot, "f-role", "leder")
        journal.add_interview(Interview(code="I09", role="other"))  # taken meanwhile
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form
        error = static_text(app, "#form-error")
        assert "der findes allerede et interview med koden 'I09'" in error, error
        assert "already exists" not in error

    run(EftertankeApp(journal, lang="da", remember=False), scenario)


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        (("theme", "add"), "giv et temas NAVN (eller --starter)"),
        (("theme", "add", "Ny"), "--concept skal gives"),
        (("theme", "add", "Ny", "--starter"), "giv enten et NAVN eller --starter, ikke begge"),
        (("purge",), "giv id'erne på de indlæg, der skal slettes for altid, eller --trash"),
        (("code", "add", "--phrase", "x", "--theme", "Farlig tavshed"), "giv et indlægs-ID eller"),
        (("cite",), "giv id'et på en kodning eller et indlæg"),
        (("export", "refi", "--out", "-"), "en .qdpx er en zip-fil"),
    ],
)
def test_the_commands_own_usage_errors_are_danish(
    journal: Path, args: tuple[str, ...], danish: str
) -> None:
    got, err = cli(journal, *args)
    assert got == 2, err
    assert err.startswith("eftertanke: fejl: ") and danish in err, err


def test_a_folder_that_is_no_journal_is_refused_in_danish(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    got, err = cli(folder, "list")
    assert got == 1 and "er ikke en eftertanke-journal: mappen rummer andre filer" in err, err
    got, err = cli(folder / "notes.txt", "list")
    assert got == 1 and "er en fil, ikke en journalmappe" in err, err


def test_a_span_in_an_entry_of_several_texts_asks_which_in_danish(tmp_path: Path) -> None:
    from eftertanke.domain import Section

    root = tmp_path / "j"
    j = Journal(root, author="Mette")
    j.add_theme(Theme(name="Farlig tavshed", concept="safety"))
    entry = j.add_entry(
        Entry(
            kind="daily",
            sections=[
                Section("a", "Hvad?", "Først."),
                Section("b", "Og så?", "Så."),
            ],
        )
    )
    got, err = cli(root, "code", "add", entry.id[:8], "--span", "0-3", "--theme", "Farlig tavshed")
    assert got == 2 and f"indlæg {entry.id[:8]} har 2 tekster; sig, hvilken" in err, err
    got, err = cli(
        root, "code", "add", entry.id[:8], "--section", "c", "--span", "0-3", "--theme", "x"
    )
    assert got == 1 and "har intet spørgsmål 'c'; dets tekster er" in err, err


def test_the_guided_session_refuses_in_the_writers_language() -> None:
    from eftertanke.guided import GuidedError, GuidedSession
    from eftertanke.packs import load_builtin_packs

    session = GuidedSession.start(load_builtin_packs()["post-interview"], language="da")
    with pytest.raises(GuidedError) as refused:
        session.forward()
    said = refused.value.in_language("da")
    assert (
        said == "“Hvad er dine umiddelbare indtryk af samtalen?” skal besvares, før du går videre"
    )
    with pytest.raises(GuidedError) as refused:
        session.skip()
    assert "kan ikke springes over" in refused.value.in_language("da")
    with pytest.raises(GuidedError) as refused:
        session.add_excerpt("9.45", "ord")
    assert refused.value.in_language("da").startswith("et citat skal høre til et interview")
