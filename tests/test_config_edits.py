"""Changing the language or theme keeps the config file as the user wrote it (issue 19)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from eftertanke.config import ConfigError, load_config, save_config_value

WRITTEN = """\
# Mit eftertanke-oplæg
# (skrevet i hånden)

language = "da"   # dansk, tak
journal = "~/forskning/journal"

my_own_key = [1, 2, 3]   # not one of eftertanke's

[citation]
# Min egen stil
transcript = "(Bilag {appendix}, {time})"
"""


def test_changing_the_language_keeps_comments_order_and_unknown_keys(isolated_env: Path) -> None:
    path = isolated_env / "config.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    save_config_value("language", "en")
    text = path.read_text(encoding="utf-8")
    assert text == WRITTEN.replace('language = "da"', 'language = "en"')
    assert load_config()["my_own_key"] == [1, 2, 3]


def test_a_new_key_goes_among_the_top_level_keys(isolated_env: Path) -> None:
    path = isolated_env / "config.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    save_config_value("theme", "nord")
    text = path.read_text(encoding="utf-8")
    for line in WRITTEN.splitlines():
        assert line in text
    data = tomllib.loads(text)
    assert data["theme"] == "nord" and "theme" not in data["citation"]
    assert data["citation"]["transcript"] == "(Bilag {appendix}, {time})"


def test_no_file_yet_is_written_fresh(isolated_env: Path) -> None:
    save_config_value("language", "da")
    assert load_config() == {"language": "da"}


def test_a_broken_file_is_refused_and_left_as_it_is(isolated_env: Path) -> None:
    path = isolated_env / "config.toml"
    path.write_text('language = "da\n# half a line\n', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="not valid TOML"):
        save_config_value("language", "en")
    assert path.read_bytes() == before


def test_the_app_toggling_language_keeps_the_comments(isolated_env: Path, tmp_path: Path) -> None:
    import asyncio

    from eftertanke.store.journal import Journal
    from eftertanke.tui.app import EftertankeApp

    path = isolated_env / "config.toml"
    path.write_text(WRITTEN, encoding="utf-8")
    app = EftertankeApp(Journal(tmp_path / "journal", author="t"), lang="da")

    async def run() -> None:
        async with app.run_test() as pilot:
            app.action_toggle_language()
            await pilot.pause()

    asyncio.run(run())
    text = path.read_text(encoding="utf-8")
    assert 'language = "en"   # dansk, tak' in text
    assert "# Mit eftertanke-oplæg" in text and "# Min egen stil" in text
    assert "my_own_key = [1, 2, 3]   # not one of eftertanke's" in text
