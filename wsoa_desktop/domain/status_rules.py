"""The rules a new rating must meet, in one place (applied by ``services/status``).

These are the plan's own rules, written in its legend and its governance: a
rating that gets worse, or the scheme's worst rating (Red), must say why; the
rating that means complete (Blue) rests on an approval to close. They are pure
functions of the scheme, so the update round, the command line, lead forms and
ratings imports cannot disagree about them.
"""

from __future__ import annotations

from wsoa_desktop.domain.rating_schemes import RatingScheme


def same_label(a: str | None, b: str | None) -> bool:
    """Period labels match with case and runs of spaces ignored ("August  2022" = "august 2022")."""
    if a is None or b is None:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def worst_rating(scheme: RatingScheme) -> str | None:
    """The scheme's most severe rating (Red in BRAG), which always needs a reason."""
    rated = [r for r in scheme.ratings if not r.is_not_started]
    return max(rated, key=lambda r: r.severity).name if rated else None


def needs_reason(scheme: RatingScheme, previous: str | None, new: str | None) -> bool:
    """A change of rating for the worse, or to the worst rating, must say why."""
    new_def = scheme.match(new)
    if new_def is None:
        return False
    old_def = scheme.match(previous)
    if old_def is not None and old_def.name == new_def.name:
        return False
    return new_def.name == worst_rating(scheme) or scheme.compare(previous, new) < 0


def reason_expected(scheme: RatingScheme, previous: str | None, new: str | None) -> bool:
    """Should a report show this rating's reason (or "no reason recorded")?

    Yes for any worst rating (Red) and for any rating worse than the previous
    period's, whether or not the change happened this month.
    """
    new_def = scheme.match(new)
    if new_def is None:
        return False
    return new_def.name == worst_rating(scheme) or scheme.compare(previous, new) < 0


def is_complete(scheme: RatingScheme, rating: str | None) -> bool:
    found = scheme.match(rating)
    return bool(found and found.is_complete)


def complete_rating(scheme: RatingScheme) -> str | None:
    """The rating that means complete and closed (Blue in BRAG), if the scheme has one."""
    return next((r.name for r in scheme.ratings if r.is_complete), None)
