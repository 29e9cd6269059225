"""Rating schemes an officer defines: contrast computed, names distinct, one complete, a severity order."""

from __future__ import annotations

import pytest

from wsoa_desktop.domain.colour_contrast import (
    best_text_colour,
    contrast_ratio,
    describe_contrast,
    normalise_hex,
)
from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RAG_2017, WSOA_BRAG
from wsoa_desktop.domain.scheme_design import (
    RatingDraft,
    build_scheme,
    drafts_of,
    scheme_problems,
    split_synonyms,
)


def test_contrast_ratios_are_the_wcag_figures():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert contrast_ratio("#F2A900", "#FFFFFF") < 4.5 < contrast_ratio("#F2A900", "#000000")


@pytest.mark.parametrize("fill, text", [("#F2A900", "#000000"), ("#1F5FAD", "#FFFFFF"), ("#FFFF00", "#000000"),
                                        ("#C8102E", "#FFFFFF"), ("#8A8D8F", "#000000")])
def test_the_better_of_black_and_white_is_offered(fill, text):
    assert best_text_colour(fill) == text


def test_colours_are_read_as_typed_and_described_in_words():
    assert normalise_hex("1f5fad") == "#1F5FAD" and normalise_hex(" #fff ") == "#FFFFFF"
    assert normalise_hex("blue") is None and normalise_hex("#12345") is None
    assert describe_contrast("#FFFF00", "#FFFFFF").endswith("use black text (19.6:1)")
    assert describe_contrast("#1F5FAD", "#FFFFFF").endswith("passes AA")


def test_the_builtin_schemes_pass_their_own_checks():
    for scheme in (WSOA_BRAG, RAG_2017):
        assert scheme_problems(scheme.name, drafts_of(scheme)) == []
        assert build_scheme(scheme.name, drafts_of(scheme)) == scheme


def _three() -> list[RatingDraft]:
    return [RatingDraft("Done", "Completed", "#1F5FAD", "#FFFFFF", ["Complete"], is_complete=True, severity=0),
            RatingDraft("On track", "", "#2E8540", "#FFFFFF", ["OK"], severity=1),
            RatingDraft("Late", "", "#C8102E", "#FFFFFF", ["Behind"], severity=2)]


def test_a_custom_scheme_is_built_in_the_order_typed_with_synonyms_tidied():
    drafts = _three()
    drafts[1].synonyms = [" ok ", "On Track", "Fine"]
    scheme = build_scheme("  Team  RAG ", drafts)
    assert scheme.name == "Team RAG" and scheme.names() == ["Done", "On track", "Late"]
    assert scheme.get("fine").name == "On track" and scheme.get("OK").name == "On track"
    assert scheme.get("On track").synonyms == ("ok", "Fine")  # its own name is not kept as a synonym
    assert scheme.compare("On track", "Late") == -1


@pytest.mark.parametrize("change, words", [
    (lambda d: setattr(d[2], "text_colour", "#E06666"), "hard to read.*1.8:1.*Use white"),
    (lambda d: setattr(d[1], "colour", "green"), "“green” is not a colour"),
    (lambda d: setattr(d[1], "name", "done"), "“done” would mean both Done and done"),
    (lambda d: d[2].synonyms.append("OK"), "“OK” would mean both On track and Late"),
    (lambda d: setattr(d[0], "is_complete", False), "exactly one rating as meaning complete"),
    (lambda d: setattr(d[1], "is_complete", True), "Only one rating can mean complete"),
    (lambda d: setattr(d[2], "severity", 1), "same severity"),
    (lambda d: setattr(d[1], "name", "  "), "Rating 2 has no name"),
    (lambda d: d.__delitem__(slice(1, 3)), "at least two ratings"),
])
def test_a_bad_draft_is_refused_with_what_to_change(change, words):
    drafts = _three()
    change(drafts)
    with pytest.raises(ValidationError, match=words):
        build_scheme("Team RAG", drafts)


def test_every_problem_is_listed_at_once():
    drafts = _three()
    drafts[0].is_complete = False
    drafts[2].text_colour = "#C8102E"
    problems = scheme_problems("", drafts)
    assert len(problems) == 3 and problems[0].startswith("Give the scheme a name")


def test_synonyms_are_split_as_officers_type_them():
    assert split_synonyms("Yellow, At risk; A | Orange ,, ") == ["Yellow", "At risk", "A", "Orange"]
