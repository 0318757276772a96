"""Direct tests of services/reflection_form.py: a guided reflection as a form of
every prompt, and the form back into an entry by the rules at its top."""

from __future__ import annotations

from eftertanke.domain import Entry, Excerpt, Section
from eftertanke.packs import load_packs
from eftertanke.services import reflection_form as form


def reflection() -> Entry:
    return Entry(
        kind="interview",
        pack="post-interview",
        interview="I03",
        written_after_minutes=20,
        sections=[Section("quotes", "Citater?", "9.45 trygt", added_later=True, added_later_from=5)],
        excerpts=[Excerpt("I03", "9.45", "det er trygt", themes=["Tryghed"], note="n"),
                  Excerpt("I04", "1.00", "andet sted")],
        ratings={"energy": 3, "odd": 2},
    )  # fmt: skip


def edit_of(entry: Entry, **changes: object) -> form.ReflectionEdit:
    slots = form.answer_slots(entry, None)
    fields = {
        "title": entry.title,
        "body": entry.body,
        "answers": [form.AnswerEdit(s, s.answer, s.added_later) for s in slots],
        "quotes": [form.QuoteEdit(x, x.timestamp, x.quote) for x in entry.excerpts],
        "themes": entry.themes,
        "concepts": entry.concepts,
        "ratings": {"energy": entry.ratings.get("energy")},
        "interview": entry.interview,
        **changes,
    }
    return form.ReflectionEdit(**fields)  # type: ignore[arg-type]


def test_is_guided_and_the_form_s_slots_and_ratings() -> None:
    entry = reflection()
    assert form.is_guided(entry) and not form.is_guided(Entry(body="x"))
    assert form.is_guided(Entry(body="x", pack="daily"))
    packs = load_packs().packs
    slots = form.answer_slots(entry, packs["post-interview"])
    assert [s.prompt_id for s in slots] == [p.id for p in packs["post-interview"].prompts]
    assert [s.skipped for s in slots if s.prompt_id == "quotes"] == [False]
    assert all(s.skipped for s in slots if s.prompt_id != "quotes")
    keys = [item.key for item in form.rating_items(entry, packs)]
    assert "energy" in keys and keys[-1] == "odd"


def test_quote_problem_is_the_domain_s_rule() -> None:
    assert form.quote_problem("9.45", "ord", "I03") is None
    assert form.quote_problem("", "ord", "I03") is None
    assert form.quote_problem("9.45", "  ", "I03") == form.QUOTE_NO_WORDS
    assert form.quote_problem("kl 9", "ord", "I03") == form.QUOTE_BAD_TIME
    assert form.quote_problem("9.45", "ord", " ") == form.QUOTE_NO_INTERVIEW


def test_quotes_follow_a_new_link_unless_they_cite_another_interview() -> None:
    own, other = reflection().excerpts
    assert form.quote_interview(form.QuoteEdit(own, "", "x"), "I03", "I05") == "I05"
    assert form.quote_interview(form.QuoteEdit(other, "", "x"), "I03", "I05") == "I04"
    assert form.quote_interview(form.QuoteEdit(None, "", "x"), "I03", "I05") == "I05"
    assert form.quote_interview(form.QuoteEdit(own, "", "x"), "I03", None) == "I03"


def test_apply_edit_by_the_form_s_rules() -> None:
    entry = reflection()
    unchanged = form.apply_edit(entry, edit_of(entry))
    assert not form.changed(entry, unchanged)
    assert unchanged.sections[0].added_later_from == 5  # a partial mark holds while its text does
    slot = form.answer_slots(entry, None)[0]
    new_quote = form.QuoteEdit(None, "2.00", " nyt citat ")
    edited = form.apply_edit(
        entry,
        edit_of(
            entry,
            answers=[form.AnswerEdit(slot, "9.45 trygt og godt", True)],
            quotes=[*edit_of(entry).quotes, form.QuoteEdit(None, " ", " "), new_quote],
            ratings={"energy": None},
            interview="I05",
        ),
    )
    assert form.changed(entry, edited)
    assert edited.sections[0].added_later and edited.sections[0].added_later_from is None
    assert [(x.interview, x.quote, x.themes) for x in edited.excerpts] == [
        ("I05", "det er trygt", ["Tryghed"]), ("I04", "andet sted", []), ("I05", "nyt citat", [])]  # fmt: skip
    assert edited.ratings == {"odd": 2}  # emptied goes; a key not shown stays
    assert edited.written_after_minutes is None  # it was about the old interview
    emptied = form.apply_edit(
        entry, edit_of(entry, answers=[form.AnswerEdit(slot, "  ")], body="b")
    )
    assert emptied.sections == []
    assert entry.excerpts[0].interview == "I03"  # the stored entry is untouched


def test_named_themes_are_the_ones_the_edit_adds() -> None:
    tags = form.AnswerSlot("feeling", "Hvordan?", answer="Om #Tavshed")
    lines = form.AnswerSlot("themes", "Første temaer?", answer="Tavshed", theme_lines=True)
    edit = edit_of(
        Entry(body="x"),
        answers=[
            form.AnswerEdit(tags, "Om #Tavshed og #Tillid, og #tillid igen"),
            form.AnswerEdit(lines, "Tavshed\n- Pres og mening\nTILLID"),
        ],
    )
    assert form.named_themes(edit) == ["Tillid", "Pres og mening"]
    unchanged = edit_of(Entry(body="x"), answers=[form.AnswerEdit(tags, tags.answer)])
    assert form.named_themes(unchanged) == []
