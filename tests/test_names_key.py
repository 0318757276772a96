from pathlib import Path

import pytest

from eftertanke.domain import Entry, Excerpt, Interview, Section
from eftertanke.privacy.names import (
    NamesKey,
    NamesKeyError,
    entry_mentions,
    load_names_key,
    redact_entry,
    redact_interview,
)


def test_find_and_redact_whole_names_longest_first() -> None:
    key = NamesKey({"Anne Hansen": "plejeboligchef (I03)", "Anne": "[A]"})
    text = "I talked to anne hansen and Anne. Annette is someone else."
    assert key.find(text) == ["Anne Hansen", "Anne"]
    assert key.redact(text) == "I talked to plejeboligchef (I03) and [A]. Annette is someone else."


def test_entry_mentions_and_redacted_copy() -> None:
    key = NamesKey({"Kirsten Møller": "[kollega]"})
    entry = Entry(
        title="Om Kirsten Møller",
        body="x",
        sections=[Section("a", "?", "kirsten møller sagde")],
        excerpts=[Excerpt("I01", "1.00", "Kirsten Møller: ja")],
    )
    assert entry_mentions(entry, key) == ["Kirsten Møller"]
    clean = redact_entry(entry, key)
    assert clean.title == "Om [kollega]" and clean.sections[0].answer == "[kollega] sagde"
    assert clean.excerpts[0].quote == "[kollega]: ja"
    assert entry.title == "Om Kirsten Møller"  # the original is untouched


def test_names_key_file_rules(tmp_path: Path) -> None:
    good = tmp_path / "names.toml"
    good.write_text('[names]\n"Anne Hansen" = "I03"\n', encoding="utf-8")
    assert load_names_key(good).names == {"Anne Hansen": "I03"}
    journal = tmp_path / "journal"
    journal.mkdir()
    inside = journal / "names.toml"
    inside.write_text(good.read_text())
    with pytest.raises(NamesKeyError, match="inside the journal"):
        load_names_key(inside, journal_root=journal)
    bad = tmp_path / "bad.toml"
    bad.write_text("[names\n")
    with pytest.raises(NamesKeyError, match="not valid TOML"):
        load_names_key(bad)


def test_carried_questions_are_redacted_too() -> None:
    from eftertanke.domain import AnswerLink, CarriedQuestion

    key = NamesKey({"Kirsten Møller": "[kollega]"})
    answered = CarriedQuestion(
        "Spørg til Kirsten Møller", "leads", status="answered",
        answered_by=AnswerLink(entry="e", start=0, end=14, quote="Kirsten Møller", after=" sagde"),
    )  # fmt: skip
    dropped = CarriedQuestion(
        "Om weekenden", "leads", status="dropped", reason="Kirsten Møller bad om det"
    )
    entry = Entry(kind="interview", body="Intet navn her.", questions=[answered, dropped])
    assert entry_mentions(entry, key) == ["Kirsten Møller"]
    copy = redact_entry(entry, key)
    assert copy.questions[0].text == "Spørg til [kollega]"
    assert copy.questions[0].answered_by.quote == "[kollega]"  # type: ignore[union-attr]
    assert copy.questions[1].reason == "[kollega] bad om det"
    assert entry.questions[0].text == "Spørg til Kirsten Møller"  # the entry itself is untouched


def test_an_interviews_free_text_is_redacted_and_its_code_kept() -> None:
    key = NamesKey({"Kirsten Møller": "[kollega]", "Anne Hansen": "I03"})
    interview = Interview(
        code="I03",
        role="Anne Hansen, plejeboligchef",
        organisation="Kirsten Møller Hus",
        interviewer="Kirsten Møller",
        consent="Anne Hansen signed on paper",
        notes="Met Anne Hansen after Kirsten Møller's meeting",
    )
    redacted = redact_interview(interview, key)
    assert redacted.code == "I03"
    assert redacted.role == "I03, plejeboligchef"
    assert redacted.organisation == "[kollega] Hus"
    assert redacted.interviewer == "[kollega]"
    assert redacted.consent == "I03 signed on paper"
    assert "Kirsten" not in redacted.notes and "Anne" not in redacted.notes
    assert interview.role.startswith("Anne Hansen"), "the original is left as it was"


def test_layers_and_position_marks_are_redacted_too() -> None:
    """A re-reading layer and a marked passage are the writer's words and the
    respondent's: a redacted export must not carry the names in them."""
    from eftertanke.reflexivity import Layer, PositionMark

    key = NamesKey({"Kirsten Møller": "[kollega]"})
    text = "Jeg tænkte på Kirsten Møller hele dagen."
    mark = PositionMark.of(
        text, 14, 28, "d1f3c0de-0000-4000-8000-000000000000", "challenged",
        memo="Kirsten Møller udfordrede mig",
    )  # fmt: skip
    entry = Entry(
        body=text,
        layers=[Layer("Nu ser jeg Kirsten Møller anderledes")],
        position_marks=[mark],
    )
    assert entry_mentions(entry, key) == ["Kirsten Møller"]
    copy = redact_entry(entry, key)
    assert copy.layers[0].text == "Nu ser jeg [kollega] anderledes"
    assert copy.position_marks[0].quote == "[kollega]"
    assert copy.position_marks[0].memo == "[kollega] udfordrede mig"
    assert "Kirsten" not in str(copy.to_dict())
    assert entry.layers[0].text.startswith("Nu ser jeg Kirsten")  # the entry itself is untouched
