import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import (
    child_ref,
    is_numbered,
    is_ref,
    normalise_ref,
    parent_ref,
    ref_key,
    ref_level,
    ref_sort_text,
    sort_refs,
    split_ref,
    split_several,
)


def test_natural_order_puts_10_after_9():
    refs = ["1.2.10", "1.2.9", "1.10", "1.2", "2", "1", "1.2.1", "10.1"]
    assert sort_refs(refs) == ["1", "1.2", "1.2.1", "1.2.9", "1.2.10", "1.10", "2", "10.1"]


def test_sort_text_orders_like_key():
    refs = ["1.2.10", "1.2.9", "1.10", "1.2", "2", "1", "4a", "4"]
    assert sorted(refs, key=ref_sort_text) == sorted(refs, key=ref_key)


def test_levels_and_parents():
    assert ref_level("1") == 1 and ref_level("1.1") == 2 and ref_level("1.1.1") == 3
    assert parent_ref("1.2.3") == "1.2"
    assert parent_ref("1") is None


def test_normalise_trailing_dot_and_spaces():
    assert normalise_ref(" 1.1. ") == "1.1"


@pytest.mark.parametrize("bad", ["", "a.b", "1..2", "1.-2", "x"])
def test_bad_refs_are_refused(bad):
    with pytest.raises(ValidationError):
        split_ref(bad)


def test_child_ref_is_next_free_number():
    assert child_ref("1.2", ["1.2.1", "1.2.9", "1.2.10"]) == "1.2.11"
    assert child_ref(None, ["1", "2"]) == "3"
    assert child_ref("3.1", []) == "3.1.1"


# Named references (the 2017 joint action plan: "SEND 1", "LAC 2-2", "EH12") ----------------------

def test_named_refs_sort_naturally_after_numbered_ones():
    refs = ["SEND 10", "SEND 2", "1.1", "LAC 2-2", "EH12", "SEND 1.2", "SEND 1", "Peer Review 10",
            "Peer Review 9", "1.10", "1.9"]
    assert sort_refs(refs) == ["1.1", "1.9", "1.10", "EH12", "LAC 2-2", "Peer Review 9", "Peer Review 10",
                               "SEND 1", "SEND 1.2", "SEND 2", "SEND 10"]
    assert sorted(refs, key=ref_sort_text) == sorted(refs, key=ref_key)


def test_numbered_sort_text_is_unchanged_for_databases_already_written():
    assert ref_sort_text("1.2.10") == "000001.000002.000010"
    assert ref_sort_text("4a") == "000004a"


def test_named_refs_keep_their_words_and_are_actions():
    assert normalise_ref("SEND  1 ") == "SEND 1"
    assert normalise_ref("1. 2. 3") == "1.2.3"
    assert ref_level("SEND 1") == 2 and parent_ref("SEND 1") is None
    assert ref_level("SEND 1.2") == 3 and parent_ref("SEND 1.2") == "SEND 1"
    assert is_numbered("1.2") and not is_numbered("SEND 1")


@pytest.mark.parametrize("heading", ["CYPS IMPROVEMENT PLAN MEASURES", "PEER REVIEW MEASURES",
                                     "SEND JOINT COMMISSIONING PLAN 2016/17", "Priority 1",
                                     "Action Plan", "A reference that is far too long to be one 1"])
def test_headings_are_not_refs(heading):
    assert not is_ref(heading)
    assert split_several(heading) == []


def test_several_refs_in_one_cell():
    assert split_several("SEND 1 / SEND 4") == ["SEND 1", "SEND 4"]
    assert split_several("SEND 1 \nSEND 2\nSEND 4") == ["SEND 1", "SEND 2", "SEND 4"]
    assert split_several("SEND 7 \nWORK-\nFORCE \nDEV 1") == ["SEND 7", "WORK-FORCE DEV 1"]
    assert split_several("1.2.3") == ["1.2.3"]


def test_child_ref_follows_named_siblings():
    assert child_ref("1", ["SEND 1", "SEND 9"]) == "SEND 10"
    assert child_ref("SEND 1", ["SEND 1.1", "SEND 1.2"]) == "SEND 1.3"
