"""What the officer chooses for a printed report, in one place for the CLI and the app.

The same :class:`ReportOptions` drives the PDF and the Word output, so a report
printed from the app and one made with ``report brag`` are the same document.

The defaults follow the committee's real appendix (Rotherham, Appendix 2, August
2022): Ref | Action | Lead | Target End Date | RAG | Progress Update, with the
reason under every worse or Red rating, the sign-off under every Blue one and a
revised target shown with the one it replaced. Each of those can be turned off;
the "not updated" marker of a carried-forward rating cannot, because a rating
nobody updated this month must never read as this month's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.errors import ValidationError

#: Optional columns of the BRAG appendix, in the order they print.
OPTIONAL_COLUMNS = ("lead", "progress", "previous", "revised")
#: What the appendix shows when the officer does not choose (seed 003's columns).
DEFAULT_COLUMNS = ("lead", "progress")
#: ``--columns none`` (or an empty list): Ref | Action | Target End Date | RAG only.
NO_COLUMNS = ("none", "ref-only")
COLUMN_TITLES = {
    "lead": "Lead",
    "progress": "Progress Update",
    "previous": "previous period's rating",
    "revised": "revised target marker",
}
ORIENTATIONS = ("landscape", "portrait")


def parse_columns(text: str | None) -> tuple[str, ...]:
    """``"lead,progress"`` → ``("lead", "progress")``; None → the defaults; ``"none"`` → ().

    Unknown names are refused with the list of known ones.
    """
    if text is None:
        return DEFAULT_COLUMNS
    wanted = [w.strip().casefold() for w in text.split(",") if w.strip()]
    if not wanted or (len(wanted) == 1 and wanted[0] in NO_COLUMNS):
        return ()
    unknown = [w for w in wanted if w not in OPTIONAL_COLUMNS]
    if unknown:
        raise ValidationError(
            f"“{unknown[0]}” is not a column: choose from {', '.join(OPTIONAL_COLUMNS)} "
            "(separated by commas), or none.")
    return tuple(c for c in OPTIONAL_COLUMNS if c in wanted)


@dataclass(frozen=True)
class ReportOptions:
    """Choices for one report. ``period_label`` None means the latest period."""

    period_label: str | None = None
    version: int | None = None
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    appendix_number: str = "2"
    orientation: str = "landscape"
    author: str = ""
    printed_on: date = field(default_factory=date.today)
    priority_ref: str | None = None  # the highlight report's priority
    #: Under the progress text: the reason for a worse or Red rating ("no reason recorded").
    reasons: bool = True
    #: Under the progress text of a Blue (complete) rating: its sign-off ("no sign-off recorded").
    sign_off: bool = True
    #: A revised target as "December 2022 (was July 2022)" rather than the new date alone.
    revised_targets: bool = True
    #: The appendix's progress summary list (Ref | Action | Target End Date | RAG) before the detail.
    rating_list: bool = True

    def __post_init__(self) -> None:
        if self.orientation not in ORIENTATIONS:
            raise ValidationError(f"Orientation must be landscape or portrait, not “{self.orientation}”.")
        bad = [c for c in self.columns if c not in OPTIONAL_COLUMNS]
        if bad:
            raise ValidationError(f"“{bad[0]}” is not a column: choose from {', '.join(OPTIONAL_COLUMNS)}.")
        if not str(self.appendix_number).strip():
            raise ValidationError("Give the appendix a number (for example 2).")
        if len(str(self.appendix_number)) > 20:
            raise ValidationError("The appendix number is too long: use up to 20 characters, such as 2 or 2b.")

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    def has(self, column: str) -> bool:
        return column in self.columns
