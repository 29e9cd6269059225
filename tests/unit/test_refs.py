import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.refs import (
    child_ref,
    normalise_ref,
    parent_ref,
    ref_key,
    ref_level,
    ref_sort_text,
    sort_refs,
    split_ref,
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
