"""Which known source a list is (importing/identity.py): the old list's share decides."""

from __future__ import annotations

from readlist.importing.identity import identify

KNOWN = [("Awesome BERT & Transfer Learning in NLP", "Awesome BERT & Transfer Learning in NLP"),
         ("PLMs", "Must-Read Papers on Pre-trained Language Models (PLMs)")]
NEW_TITLE = "Awesome Transformer & Transfer Learning in NLP"


def test_a_grown_renamed_copy_is_the_old_list() -> None:
    # 135 of the old list's 135 entries, in a list of 292: the larger list's share is < half
    name, why = identify(NEW_TITLE, KNOWN, None, {KNOWN[0][0]: (135, 135)}, 0.5)
    assert name == KNOWN[0][0] and why == "holds 100% of its 135 entries"


def test_a_list_citing_some_of_a_known_lists_papers_is_another_list() -> None:
    name, why = identify(NEW_TITLE, KNOWN, None, {"PLMs": (40, 127)}, 0.5)
    assert (name, why) == (NEW_TITLE, "")


def test_an_unlike_title_needs_nearly_all_of_the_old_list() -> None:
    other = "Awesome Production Machine Learning"
    assert identify(other, KNOWN, None, {KNOWN[0][0]: (80, 135)}, 0.5) == (other, "")
    assert identify(other, KNOWN, None, {KNOWN[0][0]: (130, 135)}, 0.5)[0] == KNOWN[0][0]


def test_title_then_origin_come_first() -> None:
    assert identify(KNOWN[1][1], KNOWN, None, {}, 0.5) == ("PLMs", "same title")
    assert identify("Anything", KNOWN, "PLMs", {}, 0.5) == ("PLMs", "same file or address")
