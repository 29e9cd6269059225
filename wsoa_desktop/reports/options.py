"""What the officer chooses for a printed report, in one place for the CLI and the app.

The same :class:`ReportOptions` drives the PDF and the Word output, so a report
printed from the app and one made with ``report brag`` are the same document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from wsoa_desktop.domain.errors import ValidationError

#: Optional columns of the BRAG appendix, in the order they print.
OPTIONAL_COLUMNS = ("lead", "progress", "previous", "revised")
COLUMN_TITLES = {
    "lead": "Lead",
    "progress": "Progress Update",
    "previous": "previous period's rating",
    "revised": "revised target marker",
}
ORIENTATIONS = ("landscape", "portrait")


def parse_columns(text: str | None) -> tuple[str, ...]:
    """``"lead,progress"`` → ``("lead", "progress")``, refusing unknown names."""
    if text is None or not text.strip():
        return ()
    wanted = [w.strip().casefold() for w in text.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in OPTIONAL_COLUMNS]
    if unknown:
        raise ValidationError(
            f"“{unknown[0]}” is not a column: choose from {', '.join(OPTIONAL_COLUMNS)} "
            "(separated by commas).")
    return tuple(c for c in OPTIONAL_COLUMNS if c in wanted)


@dataclass(frozen=True)
class ReportOptions:
    """Choices for one report. ``period_label`` None means the latest period."""

    period_label: str | None = None
    version: int | None = None
    columns: tuple[str, ...] = ()
    appendix_number: str = "2"
    orientation: str = "landscape"
    author: str = ""
    printed_on: date = field(default_factory=date.today)
    priority_ref: str | None = None  # the highlight report's priority

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
