"""What one item's cells say on paper, the same in every report, PDF and Word alike.

The rating cell carries the "not updated since …" marker of a carried-forward
rating; the target cell shows a revised target with the one it replaced; under
the progress text come the words written beside the rating ("Status: On track"),
the reason for a worse or Red rating, the sign-off of a Blue one and the evidence
kept for the item (links and file names). The words themselves come from :mod:`wsoa_desktop.domain.status_words`;
this module only applies the officer's report options to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from wsoa_desktop.domain import status_words as words
from wsoa_desktop.domain.outline import ActionNode, StatusView
from wsoa_desktop.domain.rating_schemes import RatingScheme
from wsoa_desktop.reports.options import ReportOptions


@dataclass(frozen=True)
class Note:
    """A labelled line printed under the progress text ("Reason: no reason recorded")."""

    label: str
    text: str

    def __str__(self) -> str:
        return f"{self.label}: {self.text}"


def rating_text(status: StatusView | None, scheme: RatingScheme) -> str:
    """The rating's name, with the not-updated marker when it was carried forward."""
    return words.rating_caption(status, scheme)


def target_text(node: ActionNode, options: ReportOptions) -> str:
    """``"December 2022 (was July 2022)"`` unless the officer turned revised targets off."""
    return words.target_caption(node) if options.revised_targets else node.target.text


def notes(scheme: RatingScheme, node: ActionNode, options: ReportOptions, *,
          every_reason: bool = False) -> list[Note]:
    """The status words, the reason (for a worse or Red rating, or any listed exception), the
    sign-off (Blue) and the evidence, each a labelled line."""
    out: list[Note] = []
    words_beside = (node.status.status_text if node.status else "").strip()
    if words_beside:
        out.append(Note(words.STATUS_LABEL, words_beside))
    if options.reasons:
        reason = words.any_reason(node) if every_reason else words.reason_line(scheme, node)
        if reason:
            out.append(Note(words.REASON_LABEL, reason))
    if options.sign_off:
        sign_off = words.sign_off_line(scheme, node)
        if sign_off:
            out.append(Note(words.SIGN_OFF_LABEL, sign_off))
    out.extend(Note(words.EVIDENCE_LABEL, e.text) for e in node.evidence)
    return out


def progress_with_notes(scheme: RatingScheme, node: ActionNode, options: ReportOptions, *,
                        every_reason: bool = False) -> str:
    """The progress text and its notes as plain lines (Word cells, spreadsheets)."""
    lines = [node.progress] if node.progress else []
    lines += [str(n) for n in notes(scheme, node, options, every_reason=every_reason)]
    return "\n".join(lines)
