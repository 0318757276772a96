"""REFI-QDA export of coded passages and transcripts: every coding lands on its words.

Each test reads the .qdpx back, cuts the exported source text at every
selection's positions and compares it with the words the coding covers in
eftertanke (Danish and English, emoji, CR LF, hostile text).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_roundtrip import build_journal
from test_refi import NS, check_qdpx, load_schema

from eftertanke.cli import cli as cli_group
from eftertanke.domain import Coding, Entry, Excerpt, Section, Theme
from eftertanke.export.refi import guid, project_xml, qdpx_bytes
from eftertanke.export.refi_text import source_text, transcript_text, xml_text
from eftertanke.services.coding import (
    ENTRY,
    TRANSCRIPT,
    Source,
    code_passage,
    code_phrase,
    coded_passages,
)
from eftertanke.store.journal import Journal
from eftertanke.transcript import Transcript, Turn

etree = pytest.importorskip("lxml.etree")

CPH = timezone(timedelta(hours=1))
REFLECTION = "0b7e4a52-5d0c-4a39-9a51-3c2f7f0e9d11"
HOSTILE_TURN = 'Bell\x07 ]]> </PlainTextContent> & "q" <b>æøå</b>'


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    return load_schema()


def journal_with_passages(root: Path) -> Journal:
    """``build_journal`` plus I03's transcript and passages coded in both."""
    journal = build_journal(root, coded=False)
    journal.add_theme(Theme(name="Pres og meningsskabelse", concept="frames"))
    journal.transcripts.add(
        Transcript(
            interview="I03",
            turns=[
                Turn("Anne", "Hvad giver dig energi? 🌱🌱", 5.0),
                Turn("Plejeboligchef", "Det gør kollegerne – vi lykkes 🤝 sammen, når vi tør.", 12),
                Turn("Anne", "Og trygheden?", 584.0),
                Turn("Plejeboligchef", "Man siger det ikke højt. Ikke i det store forum 😬.", 585),
                Turn("Plejeboligchef", HOSTILE_TURN),
            ],
            interviewers=["Anne"],
            source_file="I03.vtt",
            format="vtt",
        )
    )
    transcript = journal.transcripts.for_interview("I03")
    assert transcript is not None
    code_phrase(
        journal,
        TRANSCRIPT,
        transcript.id,
        "vi lykkes 🤝 sammen",
        ["At lykkes sammen 🤝"],
        memo="Fællesskab – «vi» 🌱",
    )
    code_phrase(journal, TRANSCRIPT, transcript.id, "ikke i det store forum", ["Farlig tavshed"])
    code_phrase(journal, TRANSCRIPT, transcript.id, '</PlainTextContent> & "q"', ["Farlig tavshed"])
    # Two themes on one passage, in the third answer of the reflection.
    code_phrase(
        journal,
        ENTRY,
        REFLECTION,
        "kompetence blev ikke stillet",
        ["Pres og meningsskabelse", "Farlig tavshed"],
        memo="Min egen usikkerhed.",
    )
    code_phrase(journal, ENTRY, REFLECTION, "Men tøvende", ["Farlig tavshed"])
    code_phrase(journal, ENTRY, REFLECTION, "men glad 🌱", ["At lykkes sammen 🤝"])
    english = journal.add_entry(
        Entry(
            kind="daily",
            title="A long day",
            body="The meeting 😀 took my energy.\n\nBut the team held.",
            language="en",
            created=datetime(2026, 3, 20, 18, 0, tzinfo=CPH),
        )
    )
    code_phrase(journal, ENTRY, english.id, "the team held", ["At lykkes sammen 🤝"])
    return journal


def export(journal: Journal, tmp_path: Path, lang: str = "da", *extra: str) -> bytes:
    out = tmp_path / f"project-{lang}.qdpx"
    result = CliRunner().invoke(
        cli_group,
        ["--journal", str(journal.root), "--lang", lang, "export", "refi", "--out", str(out)]
        + list(extra),
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def code_names(root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {el.get("guid"): el.get("name") for el in root.iterfind(".//q:Code", NS)}


def coded(root, selection) -> list[str]:  # type: ignore[no-untyped-def]
    names = code_names(root)
    return [names[r.get("targetGUID")] for r in selection.iterfind("q:Coding/q:CodeRef", NS)]


def test_every_coding_is_a_selection_at_its_words(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    root, texts = check_qdpx(export(journal, tmp_path), schema)
    passages = coded_passages(journal)
    assert len(passages) == 7
    for passage in passages:
        holder = root.find(f".//*[@guid='{passage.owner}']")
        assert holder is not None, passage.label
        wanted = guid("selection", f"{passage.owner}:coding:{passage.coding.id}")
        selection = holder.find(f"q:PlainTextSelection[@guid='{wanted}']", NS)
        assert selection is not None, passage.coding.quote
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert texts[passage.owner][start:end] == xml_text(passage.coding.quote)
        assert coded(root, selection) == passage.coding.themes
        assert (selection.findtext("q:Description", namespaces=NS) or "") == passage.coding.memo
        user = root.find(f"q:Users/q:User[@guid='{selection.get('creatingUser')}']", NS)
        assert user is not None and user.get("name") == passage.coding.author
    # Nothing else is coded: the other selections are the whole entry, answers, excerpts.
    ids = {p.coding.id for p in passages}
    coding_selections = [
        s
        for s in root.iterfind(".//q:PlainTextSelection", NS)
        if any(
            s.get("guid") == guid("selection", f"{p.owner}:coding:{p.coding.id}") for p in passages
        )
    ]
    assert len(coding_selections) == len(ids)


def test_a_transcript_is_a_text_source_with_its_speakers(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    root, texts = check_qdpx(export(journal, tmp_path), schema)
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    assert source.get("name") == "I03 Transskription"
    text = texts[transcript.id]
    assert text == xml_text(transcript.text) + "\n"
    assert text.splitlines()[1] == (
        "[00:12] Plejeboligchef: Det gør kollegerne – vi lykkes 🤝 sammen, når vi tør."
    )
    assert (
        text.splitlines()[4]
        == 'Plejeboligchef: Bell\ufffd ]]> </PlainTextContent> & "q" <b>æøå</b>'
    )
    assert source.findtext("q:Description", namespaces=NS) == (
        "Interviewer: Anne\nRespondent: Plejeboligchef\nIndlæst fra: I03.vtt (vtt)"
    )
    values = source_values(root, source)
    assert values == {
        "Type": "transskription",
        "Interview": "I03",
        "Interviewer(e)": "Anne",
        "Respondent(er)": "Plejeboligchef",
    }
    # Selections are named as the thesis cites the interview.
    names = [s.get("name") for s in coded_selections(source)]
    assert names == ["(I03, 0.12)", "(I03, 9.45)", "(I03)"]


def test_positions_count_code_points_not_utf16_units(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    root, texts = check_qdpx(export(journal, tmp_path), schema)
    text = texts[transcript.id]
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    first = source.find("q:PlainTextSelection", NS)
    start = int(first.get("startPosition"))
    assert start == text.index("vi lykkes 🤝 sammen")
    # Two emoji earlier in the text: UTF-16 would count two more units.
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 2


def test_reflections_link_to_their_interview_case_and_transcript(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    root, _ = check_qdpx(export(journal, tmp_path), schema)
    case = root.find("q:Cases/q:Case[@name='I03']", NS)
    refs = [r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)]
    assert refs == [transcript.id, REFLECTION]
    assert source_values(root, case) == {
        "Funktion": "plejeboligchef",
        "Niveau": "leder",
        "Organisation": "Ældre og Sundhed",
        "Form": "Teams",
        "Interviewdato": "2026-03-14T10:00:00+01:00",
        "Varighed (min.)": "31",
        "Status": "reflekteret",
    }
    links = [
        (link.get("originGUID"), link.get("targetGUID"), link.get("name"))
        for link in root.iterfind("q:Links/q:Link", NS)
        if link.get("targetGUID") == transcript.id
    ]
    assert links == [(REFLECTION, transcript.id, "Refleksion efter interview I03")]
    reflection = root.find(f"q:Sources/q:TextSource[@guid='{REFLECTION}']", NS)
    assert source_values(root, reflection)["Interview"] == "I03"
    # Times are UTC with Z, as other tools write them (QualCoder keeps them as given).
    assert reflection.get("creationDateTime") == "2026-03-14T09:50:00Z"
    whole = reflection.find("q:PlainTextSelection", NS)
    assert whole.get("creationDateTime") == "2026-03-14T09:50:00Z"
    assert whole.get("creatingUser") == reflection.get("creatingUser")
    # Themes are codes with the themes' own ids, in their concept's hierarchy.
    for theme in journal.themes():
        assert root.find(f".//q:Code[@guid='{theme.id}']", NS).get("name") == theme.name
    nested = root.find(".//q:Code[@name='Organisatoriske rammer']/q:Code", NS)
    assert nested.get("name") == "Pres og meningsskabelse"


def test_english_export_and_memos_as_note_files(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    root, texts = check_qdpx(export(journal, tmp_path, "en"), schema)
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    assert source.get("name") == "I03 Transcript"
    assert source_values(root, source)["Interviewer(s)"] == "Anne"
    assert [link.get("name") for link in root.iterfind("q:Links/q:Link", NS)] == [
        "Reflection after interview I03",
        "Quote: 9.45 Man siger det ikke højt. Ikke her.",
        "Quote: 1:02:10 Vi lykkes sammen, når vi tør.",
    ]
    memo = root.find("q:Notes/q:Note[@name='2026-03-14 ../../etc/passwd']", NS)
    assert memo.get("plainTextPath") == f"internal://{memo.get('guid')}.txt"
    assert texts[memo.get("guid")] == "../../etc/passwd\n\nEt memo om metode.\n"


def test_offsets_follow_cleaning_of_the_written_text() -> None:
    body = "\r\n\r\nA long day 😀.\r\nThe meeting took my energy.\r\n\r\n"
    answer = "\n\nSvar på æøå 🌱\r\nmed to linjer\n\n"
    entry = Entry(
        kind="daily",
        title="Title",
        body=body,
        sections=[Section("empty", "Tom", ""), Section("p", "Spørgsmål 🤔", answer)],
    )
    entry.codings = [
        Coding.of(body, body.index("The meeting"), body.index(" took"), ["T"]),
        Coding.of(
            answer,
            answer.index("🌱"),
            answer.index(" linjer"),
            ["T"],
            source="section",
            section="p",
        ),
        Coding.of(body, 0, 2, ["T"]),  # only blank lines: nothing left to point at
    ]
    entry.validate()
    content = source_text(entry, {"theme:t": "code"}, "en")
    cut = [content.text[s.start : s.end] for s in content.spans if s.key.startswith("coding:")]
    assert sorted(cut) == ["The meeting", "🌱\nmed to"]


def test_a_coding_to_review_keeps_its_span_and_says_so_and_a_gone_one_is_left_out() -> None:
    transcript = Transcript(interview="I1", turns=[Turn("A", "one two three four")]).validate()
    text = transcript.text
    stale = Coding.of(text, text.index("two"), text.index(" three"), ["T"], memo="m")
    stale.quote, stale.before, stale.after = "gone words", "", ""
    transcript.codings = [stale]
    content = transcript_text(transcript, {"theme:t": "code"}, "da")
    (span,) = content.spans
    assert content.text[span.start : span.end] == "two"
    assert (
        span.description
        == "m\n\nTil gennemsyn i eftertanke: the coded words were edited; check the span"
    )
    entry = Entry(kind="daily", body="x y", sections=[Section("p", "P", "svar")])
    entry.codings = [Coding(0, 2, ["T"], source="section", section="q", quote="sv")]
    entry.validate()
    assert [
        s for s in source_text(entry, {"theme:t": "c"}, "en").spans if s.key.startswith("coding")
    ] == []


def test_redacted_export_codes_the_redacted_words(
    tmp_path: Path, isolated_env: Path, schema
) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    key = tmp_path / "names.toml"
    key.write_text('[names]\n"Kirsten Holm" = "[kollega A]"\n', encoding="utf-8")
    (isolated_env / "config.toml").write_text(f'names_key = "{key}"\n', encoding="utf-8")
    j = Journal(journal.root)
    transcript = j.transcripts.for_interview("I03")

    def add_turn(t: Transcript) -> None:
        t.turns.append(Turn("Kirsten Holm", "Kirsten Holm sagde det højt til mig.", 900))
        t.forget_text()

    j.transcripts.modify(transcript.id, add_turn)
    code_phrase(
        j,
        TRANSCRIPT,
        transcript.id,
        "Kirsten Holm sagde det højt",
        ["Farlig tavshed"],
        memo="Kirsten Holm!",
    )
    code_passage(j, Source.body(REFLECTION), 0, 8, ["Farlig tavshed"], memo="om Kirsten Holm")
    data = export(j, tmp_path, "da", "--redact")
    root, texts = check_qdpx(data, schema)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        assert b"Kirsten" not in archive.read(name), name
    text = texts[transcript.id]
    assert "[kollega A]: [kollega A] sagde det højt til mig." in text
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    last = coded_selections(source)[-1]
    start, end = int(last.get("startPosition")), int(last.get("endPosition"))
    assert text[start:end] == "[kollega A] sagde det højt"
    assert last.findtext("q:Description", namespaces=NS) == "[kollega A]!"


def test_the_export_with_transcripts_is_deterministic(tmp_path: Path) -> None:
    journal = journal_with_passages(tmp_path / "j")
    args = (journal.entries(), journal.interviews(), journal.themes(), "en")
    transcripts = journal.transcripts.all()
    assert qdpx_bytes(*args, transcripts) == qdpx_bytes(*args, transcripts)


def coded_selections(holder) -> list:  # type: ignore[no-untyped-def, type-arg]
    """Selections coded with a theme or concept (not the whole-source case codings)."""
    root = holder.getroottree().getroot()
    cases = {c.get("guid") for c in root.iterfind(".//q:Cases/q:Case", NS)}
    return [
        s
        for s in holder.iterfind("q:PlainTextSelection", NS)
        if s.find("q:Coding", NS) is not None
        and any(r.get("targetGUID") not in cases for r in s.iterfind("q:Coding/q:CodeRef", NS))
    ]


def source_values(root, holder) -> dict[str, str]:  # type: ignore[no-untyped-def]
    names = {el.get("guid"): el.get("name") for el in root.iterfind(".//q:Variable", NS)}
    found = {}
    for value in holder.iterfind("q:VariableValue", NS):
        ref = value.find("q:VariableRef", NS).get("targetGUID")
        found[names[ref]] = next(iter(value)).text if len(value) == 1 else value[1].text
    return found


def test_the_user_who_made_most_comes_first() -> None:
    # QualCoder makes the first user its coder name; the others' codings are hidden.
    entries = [
        Entry(kind="daily", body="a", author="Åse"),
        Entry(kind="daily", body="b", author="Zofie"),
        Entry(kind="daily", body="c", author="Zofie"),
    ]
    project, _ = project_xml([e.validate() for e in entries], [], [], "da")
    users = [u.get("name") for u in etree.fromstring(project).iterfind("q:Users/q:User", NS)]
    assert users == ["Zofie", "Åse"]


def test_quotes_a_reflection_cites_point_at_the_transcript_words(tmp_path: Path, schema) -> None:  # type: ignore[no-untyped-def]
    journal = journal_with_passages(tmp_path / "j")
    transcript = journal.transcripts.for_interview("I03")
    root, texts = check_qdpx(export(journal, tmp_path), schema)
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    text = texts[transcript.id]
    cited = {
        s.get("guid"): s
        for s in source.iterfind("q:PlainTextSelection", NS)
        if s.find("q:Coding", NS) is None
    }
    words = {
        text[int(s.get("startPosition")) : int(s.get("endPosition"))]: s.get("name")
        for s in cited.values()
    }
    # The excerpt at 9.45 is found near its time; the one at 1:02:10 (past the
    # transcript's end) in the whole transcript, as the app finds them.
    assert words == {
        "vi lykkes 🤝 sammen, når vi tør": "(I03, 0.12)",
        "Man siger det ikke højt. Ikke": "(I03, 9.45)",
    }
    for selection in cited.values():
        # What QualCoder shows as an annotation of the transcript.
        assert selection.findtext("q:Description", namespaces=NS) == (
            "Citeret i «Refleksion efter I03 — tryghed» (2026-03-14)"
        )
    quote_links = [
        link for link in root.iterfind("q:Links/q:Link", NS) if link.get("targetGUID") in cited
    ]
    assert [link.get("originGUID") for link in quote_links] == [REFLECTION, REFLECTION]
    assert [link.get("name") for link in quote_links] == [
        "Citat: 9.45 Man siger det ikke højt. Ikke her.",
        "Citat: 1:02:10 Vi lykkes sammen, når vi tør.",
    ]
    # Quoted twice, the words are one selection naming both reflections
    # (QualCoder refuses a second annotation of the same span).
    again = Entry(
        kind="interview",
        title="Anden refleksion",
        body="Samme citat.",
        excerpts=[Excerpt("I03", "9.40", "man siger det ikke højt – ikke")],
        interview="I03",
        created=datetime(2026, 3, 15, 9, 0, tzinfo=CPH),
    )
    Journal(journal.root).add_entry(again)
    (tmp_path / "again").mkdir()
    root, texts = check_qdpx(export(journal, tmp_path / "again"), schema)
    source = root.find(f"q:Sources/q:TextSource[@guid='{transcript.id}']", NS)
    descriptions = [
        s.findtext("q:Description", namespaces=NS)
        for s in source.iterfind("q:PlainTextSelection", NS)
        if s.find("q:Coding", NS) is None
    ]
    assert descriptions == [
        "Citeret i «Refleksion efter I03 — tryghed» (2026-03-14)",
        "Citeret i «Refleksion efter I03 — tryghed» (2026-03-14)\n"
        "Citeret i «Anden refleksion» (2026-03-15)",
    ]


def test_a_theme_named_like_its_concept_leaves_every_code_name_unique() -> None:
    themes = [Theme(name="Trivsel", concept="wellbeing")]
    project, _ = project_xml([], [], themes, "da")
    names = [c.get("name") for c in etree.fromstring(project).iterfind(".//q:Code", NS)]
    assert "Trivsel (begreb)" in names and "Trivsel" in names
    assert len(names) == len(set(names))


def test_sources_and_notes_have_unique_names() -> None:
    # QualCoder keys journals by name: a second memo of the same name stopped its import.
    day = datetime(2026, 3, 14, 9, 0, tzinfo=CPH)
    memos = [
        Entry(kind="memo", title="Memo", body=str(n), created=day).validate() for n in range(2)
    ]
    project, _ = project_xml(memos, [], [], "da")
    names = [n.get("name") for n in etree.fromstring(project).iterfind(".//q:Note", NS)]
    second = sorted(memos, key=lambda e: e.id)[1]
    assert names == ["2026-03-14 Memo", f"2026-03-14 Memo ({second.id[:8]})"]


def test_a_case_is_a_code_over_its_sources_and_memos_hang_on_their_themes(
    tmp_path: Path,
    schema,  # type: ignore[no-untyped-def]
) -> None:
    journal = journal_with_passages(tmp_path / "j")
    journal.add_theme(Theme(name="I03", concept="frames"))  # a theme named like a case
    memo = journal.add_entry(
        Entry(kind="memo", title="Tavshed på tværs", body="æøå", themes=["Farlig tavshed"])
    )
    transcript = journal.transcripts.for_interview("I03")
    root, texts = check_qdpx(export(journal, tmp_path), schema)
    case = root.find("q:Cases/q:Case[@name='I03']", NS)
    # The case names its code, which has the case's GUID and a name no theme has.
    assert [r.get("targetGUID") for r in case.iterfind("q:CodeRef", NS)] == [case.get("guid")]
    code = root.find(f"q:CodeBook/q:Codes/q:Code[@guid='{case.get('guid')}']", NS)
    assert code.get("name") == "I03 (case)"
    names = [c.get("name").casefold() for c in root.iterfind(".//q:Code", NS)]
    assert len(names) == len(set(names))
    # It codes the whole of every source the case holds (QualCoder's case-file link),
    # by the source's writer.
    held = [r.get("targetGUID") for r in case.iterfind("q:SourceRef", NS)]
    assert held == [transcript.id, REFLECTION]
    for source_guid in held:
        source = root.find(f"q:Sources/q:TextSource[@guid='{source_guid}']", NS)
        whole = [
            s
            for s in source.iterfind("q:PlainTextSelection", NS)
            if [r.get("targetGUID") for r in s.iterfind("q:Coding/q:CodeRef", NS)]
            == [case.get("guid")]
        ]
        assert len(whole) == 1
        assert (whole[0].get("startPosition"), whole[0].get("endPosition")) == (
            "0",
            str(len(texts[source_guid])),
        )
        assert whole[0].get("creatingUser") == source.get("creatingUser")
        assert whole[0].find("q:Coding", NS).get("creatingUser") == source.get("creatingUser")
    # No other source is coded with the case.
    coded_with_case = {
        s.getparent().get("guid")
        for s in root.iterfind(".//q:PlainTextSelection", NS)
        if any(
            r.get("targetGUID") == case.get("guid") for r in s.iterfind("q:Coding/q:CodeRef", NS)
        )
    }
    assert coded_with_case == set(held)
    # The memo is a note in a file, named by the project and by its theme's code.
    note = root.find(f"q:Notes/q:Note[@guid='{memo.id}']", NS)
    assert note.get("plainTextPath") == f"internal://{memo.id}.txt"
    assert note.find("q:PlainTextContent", NS) is None
    theme = root.find(".//q:Code[@name='Farlig tavshed']", NS)
    assert [r.get("targetGUID") for r in theme.iterfind("q:NoteRef", NS)] == [memo.id]
    assert memo.id in [r.get("targetGUID") for r in root.findall("q:NoteRef", NS)]
    # The project names its main user.
    assert root.get("creatingUserGUID") == root.find("q:Users/q:User", NS).get("guid")
    # Every coding has a user, and every user is a User.
    users = {u.get("guid") for u in root.iterfind("q:Users/q:User", NS)}
    codings = list(root.iterfind(".//q:Coding", NS))
    assert codings and all(c.get("creatingUser") in users for c in codings)
    # No selection is empty: each codes something or says something.
    for selection in root.iterfind(".//q:PlainTextSelection", NS):
        assert selection.find("q:Coding", NS) is not None or (
            selection.findtext("q:Description", "", NS).strip()
        )


def test_a_coding_by_no_one_known_is_the_main_writers(schema) -> None:  # type: ignore[no-untyped-def]
    writer = Entry(kind="daily", title="a", body="x", author="Mette", themes=["Tema"]).validate()
    nobody = Entry(kind="daily", title="b", body="y", author="", themes=["Tema"]).validate()
    root, _ = check_qdpx(qdpx_bytes([writer, nobody], [], [], "en"), schema)
    mette = root.find("q:Users/q:User[@name='Mette']", NS).get("guid")
    codings = list(root.iterfind(".//q:Coding", NS))
    assert len(codings) == 2 and {c.get("creatingUser") for c in codings} == {mette}
