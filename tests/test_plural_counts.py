"""Every count is said with the plural its number takes (issue 13): "1 of 1
entry", never "1 of 1 entries"; no catalogue text puts a counted noun after a
number without a plural table."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Static

from eftertanke import i18n
from eftertanke.domain import Entry
from eftertanke.store import Journal
from eftertanke.tui.app import EftertankeApp
from eftertanke.tui.screens.browse import BrowseScreen

CPH = timezone(timedelta(hours=1))

# A number placeholder followed (at most one word between) by a counted noun.
NOUNS = (
    "entries|interviews|themes|quotes|codings|reflections|drafts|passages|changes|excerpts|"
    "transcripts|turns|answers|ratings|days|weeks|check-ins"
)
COUNTED = re.compile(r"\{(n|count|total|shown)\}\s+(\w+\s+)?(" + NOUNS + r")\b")


def test_no_plain_text_of_the_catalogue_counts_a_noun_without_a_plural_table() -> None:
    english = i18n.catalogue("en")
    plain = [
        key for key, value in english.items() if isinstance(value, str) and COUNTED.search(value)
    ]
    assert plain == [], "make these plural tables ({'one': ..., 'other': ...}) counted by n"


@pytest.mark.parametrize(("total", "said"), [(1, "1 of 1 entry"), (2, "2 of 2 entries")])
def test_browse_counts_its_entries_with_the_right_plural(
    tmp_path: Path, total: int, said: str
) -> None:
    journal = Journal(tmp_path / "j", author="Mette")
    for day in range(total):
        journal.add_entry(
            Entry(kind="memo", title=f"Memo {day}", body="Tekst.",
                  created=datetime(2026, 3, 10 + day, 15, 0, tzinfo=CPH))
        )  # fmt: skip
    app = EftertankeApp(journal, lang="en", remember=False)

    async def go() -> None:
        async with app.run_test(size=(110, 30)) as pilot:
            await pilot.pause()
            app.browse()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, BrowseScreen)
            status = str(screen.query_one("#browse-status", Static).render())
            assert status.startswith(said), status
            if total == 1:
                assert "entries" not in status

    asyncio.run(go())


def test_the_methods_appendix_counts_one_interview_and_one_passage_in_the_singular() -> None:
    assert "1 interviews" not in i18n.t("export.methods.none_self_heavy", "en", n=1)
    one = i18n.t("export.methods.self_share", "en", part=1, n=1, share="100%")
    assert "1 coded passage of" in one and "passages" not in one
    assert "3 kodede passager" in i18n.t(
        "export.methods.self_share", "da", part=1, n=3, share="33 %"
    )


@pytest.mark.parametrize(("word", "ours"), [("taletur", "replik"), ("tjek-ind", "check-in")])
def test_danish_says_one_thing_with_one_word(word: str, ours: str) -> None:
    danish = i18n.catalogue("da")
    texts = [v for v in danish.values() for v in (v.values() if isinstance(v, dict) else [v])]
    assert [t for t in texts if word in t.casefold()] == [], f"say {ours!r}, as the rest does"
