"""`eftertanke new --pack ID`: any prompt pack from the command line, and the
weekly review with the week's check-ins shown before its questions."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import Cli, snapshot
from test_cli import PtySession


def pack_session(cli: Cli, *flags: str, lang: str = "en") -> PtySession:
    argv = [sys.executable, "-m", "eftertanke", "--journal", str(cli.journal), "new", *flags]
    return PtySession(argv, {**os.environ, "EFTERTANKE_LANG": lang, "TERM": "dumb"})


@pytest.fixture
def week(cli: Cli) -> Cli:
    """Two check-ins in the last seven days and one the week before."""
    cli.ok("new", "--kind", "daily", "-m", "Et godt møde", "--rate", "wellbeing=4",
           "--rate", "energy=3", "--at", "2 days ago")
    cli.ok("new", "--kind", "daily", "-m", "Travlt", "--rate", "wellbeing=2", "--at", "yesterday 09:00")
    cli.ok("new", "--kind", "daily", "-m", "Før", "--rate", "wellbeing=1", "--at", "10 days ago")
    return cli


def test_weekly_review_shows_the_week_then_saves_a_memo(week: Cli) -> None:
    session = pack_session(week, "--pack", "weekly-review")
    session.expect("what recurs?")
    text = session.transcript.decode(errors="replace")
    assert "Last 7 days" in text and "2 check-ins" in text
    assert "well-being 3.0 (week before: 1.0)" in text  # the week's mean beside the one before
    assert text.index("Last 7 days") < text.index("what recurs?")
    session.send("Møderne tog energien.\n\n")
    for _ in range(20):  # blank answers skip the optional prompts to the end
        session.send("\n")
    assert session.finish() == 0, session.transcript.decode(errors="replace")
    memos = json.loads(week.ok("list", "--kind", "memo", "--json"))
    assert len(memos) == 1
    memo = memos[0]
    assert memo["pack"] == "weekly-review" and memo["kind"] == "memo"
    assert memo["sections"][0]["answer"] == "Møderne tog energien."


def test_weekly_review_in_danish(week: Cli) -> None:
    session = pack_session(week, "--pack", "weekly-review", lang="da")
    session.expect("hvad går igen?")
    text = session.transcript.decode(errors="replace")
    # Danish words and the Danish decimal comma
    assert "Seneste 7 dage" in text and "2 check-ins" in text and "trivsel 3,0 (ugen før: 1,0)" in text
    session.send(":quit\n")
    assert session.finish() == 0


@pytest.mark.parametrize(
    ("flags", "words"),
    [
        (("--pack", "no-such-pack"), "no-such-pack"),
        (("--pack", "weekly-review", "--kind", "daily"), "--kind memo"),
        (("--pack", "weekly-review", "-m", "text"), "--pack"),
    ],
)
def test_a_pack_that_cannot_be_used_is_a_usage_error(
    week: Cli, flags: tuple[str, ...], words: str
) -> None:
    before = snapshot(week.journal)
    result = week("new", *flags)
    assert result.returncode == 2, result
    assert words in result.stderr and "Traceback" not in result.stderr
    assert snapshot(week.journal) == before


def test_an_unknown_pack_lists_the_packs(week: Cli) -> None:
    result = week("new", "--pack", "nope")
    assert "weekly-review" in result.stderr and "daily" in result.stderr


def test_pack_daily_is_the_check_in(cli: Cli) -> None:
    session = pack_session(cli, "--pack", "daily")
    session.expect("1/")
    session.send(":quit\n")
    assert session.finish() == 0
