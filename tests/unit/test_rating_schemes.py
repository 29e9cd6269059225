import pytest

from wsoa_desktop.domain.rating_schemes import RAG_2017, WSOA_BRAG


@pytest.mark.parametrize("typed, name", [
    ("Amber", "Amber"), ("amber ", "Amber"), (" YELLOW", "Amber"), ("Yellow", "Amber"),
    ("blue", "Blue"), ("Gray", "Grey"), ("  red  ", "Red"), ("green", "Green"),
])
def test_brag_matches_case_spaces_and_synonyms(typed, name):
    assert WSOA_BRAG.match(typed).name == name


@pytest.mark.parametrize("typed", ["Purple", "", "   ", None, "Amberish"])
def test_unknown_ratings_do_not_match(typed):
    assert WSOA_BRAG.match(typed) is None


def test_brag_order_and_meanings():
    assert WSOA_BRAG.names() == ["Blue", "Green", "Amber", "Red", "Grey"]
    assert WSOA_BRAG.get("Blue").meaning.startswith("Action complete, impact measures achieved and approval")
    assert WSOA_BRAG.get("Blue").is_complete
    assert WSOA_BRAG.get("Grey").meaning == "Action awaiting start."


def test_direction_of_travel():
    assert WSOA_BRAG.compare("Amber", "Green") == 1
    assert WSOA_BRAG.compare("Green", "Red") == -1
    assert WSOA_BRAG.compare("Green", "Green") == 0
    assert WSOA_BRAG.compare(None, "Green") == 0


def test_2017_scheme_has_green_as_complete():
    assert RAG_2017.names() == ["Green", "Amber", "Red"]
    assert RAG_2017.get("Green").is_complete
    assert RAG_2017.match("Blue") is None


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("scheme", [WSOA_BRAG, RAG_2017])
def test_rating_text_meets_wcag_aa_contrast(scheme):
    for r in scheme.ratings:
        a, b = sorted([_luminance(r.colour), _luminance(r.text_colour)], reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5, r.name
