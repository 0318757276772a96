"""Global options work before or after the subcommand, as the README writes them."""

from __future__ import annotations

from pathlib import Path

from eftertanke.store.journal import Journal


def test_lang_and_journal_after_the_subcommand(cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "other"
    out = cli.ok(
        "theme", "add", "--starter", "--lang", "da", "--journal", str(elsewhere), journal=False
    )
    assert "Tilføjede" in out  # Danish, as asked after the subcommand
    assert len(Journal(elsewhere).themes()) >= 10
    english = cli.ok(
        "interview",
        "add",
        "I01",
        "--role",
        "chef",
        f"--journal={elsewhere}",
        "--lang",
        "en",
        journal=False,
    )
    assert "I01" in english and "Tilføjede" not in english
    assert [i.code for i in Journal(elsewhere).interviews()] == ["I01"]


def test_an_option_after_the_subcommand_wins_over_one_before(cli, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    cli.ok("--journal", str(first), "new", "-m", "hej", "--journal", str(second), journal=False)
    assert Journal(second).count_entries() == 1
    assert not first.exists() or Journal(first).count_entries() == 0


def test_a_command_keeps_its_own_option_of_the_same_name(cli) -> None:
    # encrypt's --passphrase-file is the new passphrase: still its own option.
    help_text = cli.ok("encrypt", "--help")
    assert "--passphrase-file" in help_text
