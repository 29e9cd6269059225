"""How a status reads on paper and on screen: one wording for every report and view.

A carried-forward rating is never shown as if it were this month's; a reason, a
sign-off and a revised target appear where the rating does. Every report, export
and screen takes its words from here, so they cannot drift apart.
"""

from __future__ import annotations

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, SignOffNote, StatusView
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.domain.status_rules import is_complete, reason_expected

NOT_UPDATED = "not updated"
NO_REASON = "no reason recorded"
NO_SIGN_OFF = "no sign-off recorded"
#: The legend's line for the marker.
NOT_UPDATED_MEANING = ("The rating was carried forward from an earlier period and has not been "
                       "updated this period.")
#: The heading of the count of carried-forward ratings in summaries and charts.
NOT_UPDATED_HEADING = "Not updated"
#: What a legend shows as the marker's example.
NOT_UPDATED_EXAMPLE = "(not updated since …)"
REASON_LABEL = "Reason"
#: The words the plan's papers write beside a rating ("On track"), and evidence kept for an item.
STATUS_LABEL = "Status"
EVIDENCE_LABEL = "Evidence"
SIGN_OFF_LABEL = "Sign-off"


def is_not_updated(status: StatusView | None) -> bool:
    return status is not None and status.carried_forward


def not_updated_text(status: StatusView | None) -> str:
    """``"not updated since July 2022"`` (or ``"not updated this period"``); "" when current."""
    if not is_not_updated(status):
        return ""
    assert status is not None
    return f"{NOT_UPDATED} since {status.since_label}" if status.since_label else \
        f"{NOT_UPDATED} this period"


def rating_caption(status: StatusView | None, scheme: RatingScheme | None = None) -> str:
    """``"Amber"``, ``"Amber (not updated since July 2022)"``, or "" when unrated.

    With a scheme, a synonym typed by an officer prints as the scheme's name ("Yellow" → "Amber").
    """
    if status is None or not status.rating:
        return ""
    name = status.rating
    if scheme is not None:
        found = scheme.match(name)
        name = found.name if found is not None else name.strip()
    marker = not_updated_text(status)
    return f"{name} ({marker})" if marker else name


def not_updated_items(outline: PlanOutline) -> list[ActionNode]:
    """The rated items whose rating was carried forward and nobody updated this period."""
    return [n for n in outline.rated_items() if is_not_updated(n.status) and n.status and n.status.rating]


def not_updated_warning(outline: PlanOutline, items: list[ActionNode] | None = None,
                        rated: int | None = None) -> str:
    """One line for a printer or a publisher: how many ratings are carried forward ("" when none).

    ``items`` and ``rated`` narrow it to part of the plan (one priority's highlight report).
    """
    items = not_updated_items(outline) if items is None else items
    if not items:
        return ""
    if rated is None:
        rated = sum(1 for n in outline.rated_items() if n.status is not None and n.status.rating)
    period = outline.period.label if outline.period else "this period"
    were = "was" if len(items) == 1 else "were"
    return (f"{len(items)} of {rated} ratings for {period} {were} not updated this period "
            "(carried forward); the report marks each “not updated since …”.")


def item_line(node: ActionNode) -> str:
    """``"1.1.2 Review the framework — Amber (not updated since July 2022)"`` for a warning list."""
    return f"{node.ref} {node.description} — {rating_caption(node.status)}"


def format_day(value: object) -> str:
    """14 July 2022 (no leading zero), as committee papers write dates."""
    day = getattr(value, "day", None)
    if day is None:
        return ""
    return f"{day} {value:%B %Y}"


def sign_off_text(note: SignOffNote | None) -> str:
    """``"Closed with <board> approval, 14 July 2022, minute 23/45"`` (the board as the sign-off names it)."""
    if note is None:
        return NO_SIGN_OFF
    parts = [f"Closed with {note.body} approval" if note.body else "Closed with approval"]
    if note.approved_on is not None:
        parts.append(format_day(note.approved_on))
    if note.minute_ref:
        ref = note.minute_ref
        parts.append(ref if ref.casefold().startswith("minute") else f"minute {ref}")
    return ", ".join(parts)


def target_caption(node: ActionNode) -> str:
    """``"December 2022 (was July 2022)"`` for a revised target; the text as typed otherwise."""
    was = node.target_was
    if was and was != node.target.text:
        return f"{node.target.text} (was {was})"
    return node.target.text


def reason_line(scheme: RatingScheme, node: ActionNode) -> str:
    """The reason a report prints under the progress text, or "" when none is called for.

    Called for when the rating is the worst (Red) or worse than last period's.
    """
    status = node.status
    if status is None or not status.rating:
        return ""
    previous = node.previous.rating if node.previous else None
    if not reason_expected(scheme, previous, status.rating):
        return ""
    return status.reason.strip() or NO_REASON


def any_reason(node: ActionNode) -> str:
    """An exception report's reason: whatever was given, or "no reason recorded"."""
    if node.status is None or not node.status.rating:
        return ""
    return node.status.reason.strip() or NO_REASON


def sign_off_line(scheme: RatingScheme, node: ActionNode) -> str:
    """For a complete (Blue) rating: its sign-off, or "no sign-off recorded"; "" otherwise."""
    if node.status is None or not is_complete(scheme, node.status.rating):
        return ""
    return sign_off_text(node.sign_off)
