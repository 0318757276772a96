"""The codebook's walks and the cited-time order, written once in the domain."""

from __future__ import annotations

from eftertanke import codebook
from eftertanke.domain import Theme, timestamp_key, timestamp_seconds


def themes() -> list[Theme]:
    return [
        Theme("Tryghed", "safety"),
        Theme("Tavshed", "safety", parent="tryghed"),
        Theme("Farlig tavshed", "safety", parent="Tavshed"),
        Theme("Åbenhed", "safety", parent="Tryghed"),
        Theme("Løkke A", "drive", parent="Løkke B"),
        Theme("Løkke B", "drive", parent="Løkke A"),
        Theme("Forældreløs", "drive", parent="Findes ikke"),
    ]


def test_descendants_nearest_first_each_once() -> None:
    assert codebook.descendants("Tryghed", themes()) == [
        "Tryghed",
        "Tavshed",
        "Åbenhed",
        "Farlig tavshed",
    ]
    assert codebook.descendants("Løkke A", themes()) == ["Løkke A", "Løkke B"]


def test_ancestors_stop_at_a_loop_or_a_missing_parent() -> None:
    assert codebook.ancestors("Farlig tavshed", themes()) == ["Tavshed", "Tryghed"]
    assert codebook.ancestors("Løkke A", themes()) == ["Løkke B"]
    assert codebook.ancestors("Forældreløs", themes()) == []
    assert codebook.is_under("farlig tavshed", "TRYGHED", themes())
    assert not codebook.is_under("Tryghed", "Tavshed", themes())
    # The ancestor need not be in the list (the store leaves out the theme it changes).
    others = [t for t in themes() if t.name != "Tryghed"]
    assert codebook.is_under("Farlig tavshed", "Tryghed", others)


def test_cited_times_sort_by_when_they_were_said() -> None:
    stamps = ["1:09:45", "9.45", "", "12.03", "0:59", "tja", "1.02.03"]
    assert sorted(stamps, key=timestamp_key) == [
        "0:59",
        "9.45",
        "12.03",
        "1.02.03",
        "1:09:45",
        "",
        "tja",
    ]
    assert timestamp_seconds("9.45") == 585 and timestamp_seconds("9.75") is None


def test_the_interview_screen_orders_quotes_by_the_domain_rule() -> None:
    from eftertanke.tui.interview_links import timestamp_key

    refs = ["(I03, 1:09:45)", "(I03, 9.45)", "(I03)", "(I03, 12.03)"]
    assert sorted(refs, key=timestamp_key) == [
        "(I03)",
        "(I03, 9.45)",
        "(I03, 12.03)",
        "(I03, 1:09:45)",
    ]
