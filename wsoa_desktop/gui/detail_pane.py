"""Everything about the selected item, readable and selectable, beside the tree.

The pane is a read-only rich-text browser: every field of the item, written out
with headings so a screen reader reads it in order. All plan text is escaped:
what the officer typed is shown exactly as typed, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from wsoa_desktop.domain.outline import ActionNode, PlanOutline, PriorityNode, StatusView
from wsoa_desktop.domain.status_words import not_updated_text, reason_line, sign_off_line
from wsoa_desktop.domain.target_dates import format_due
from wsoa_desktop.gui.plan_tree_model import kind_of

#: Returns the revisions of a target as (old text, new text, reason, by, when) tuples.
RevisionReader = Callable[[str], list[tuple[str, str, str, str, str]]]
#: Returns more of the pane for an item (such as its impact measures), as HTML with its text escaped.
SectionWriter = Callable[[PriorityNode | ActionNode, PlanOutline | None], str]


def _p(text: str) -> str:
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>" if text.strip() else "<p><i>None recorded</i></p>"


def _list(items: list[str]) -> str:
    if not items:
        return "<p><i>None recorded</i></p>"
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _field(label: str, value_html: str) -> str:
    return f"<h4>{escape(label)}</h4>{value_html}"


class DetailPane(QTextBrowser):
    """Shows one priority, action or sub-action in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Details of the selected item")
        self.setOpenLinks(False)
        self.setMinimumWidth(240)
        self.revision_reader: RevisionReader | None = None
        self._measure_section: SectionWriter | None = None
        self._link_handlers: dict[str, Callable[[str], object]] = {}
        self.anchorClicked.connect(self._follow)
        self.show_node(None, None)

    def set_measure_section(self, writer: SectionWriter) -> None:
        """The impact measures section (installed with the Dashboard), shown after the key impact measures."""
        self._measure_section = writer

    def handle_links(self, scheme: str, handler: Callable[[str], object]) -> None:
        """What a link of ``scheme`` in the pane does ("measure:M1" opens the measures editor)."""
        self._link_handlers[scheme] = handler

    def _follow(self, url: QUrl) -> None:
        handler = self._link_handlers.get(url.scheme())
        if handler is not None:
            handler(url.toString())

    def show_node(self, node: PriorityNode | ActionNode | None, outline: PlanOutline | None) -> None:
        if node is None:
            self.setHtml("<p><i>Select a priority, action or sub-action to see all of it here.</i></p>")
            return
        measures = self._measure_section(node, outline) if self._measure_section else ""
        if isinstance(node, PriorityNode):
            self.setHtml(priority_html(node) + measures)
        else:
            revisions = self.revision_reader(node.ref) if (self.revision_reader and node.target_revised) else []
            self.setHtml(action_html(node, outline, revisions, measures))


def priority_html(p: PriorityNode) -> str:
    parts = [f"<h2>{'Section' if p.kind == 'section' else 'Priority'} {escape(p.ref)}</h2>",
             _field("Title", _p(p.title)),
             _field("Area of concern", _p(p.area_of_concern)),
             _field("Outcome statement", _p(p.outcome_statement)),
             _field("Lead officers", _p(p.lead_officers)),
             _field("Delivery partners", _list(p.delivery_partners)),
             _field("Subgroup", _p(p.subgroup)),
             _field("Actions", _p(str(len(p.actions))))]
    return "".join(parts)


def _status_html(status: StatusView | None, outline: PlanOutline | None,
                 node: ActionNode | None = None) -> str:
    if status is None:
        return "<p><i>Not rated</i></p>"
    rating = outline.scheme.match(status.rating) if (outline and status.rating) else None
    if rating is not None:
        chip = (f"<span style='background-color:{rating.colour}; color:{rating.text_colour};'>"
                f"&nbsp;{escape(rating.name)}&nbsp;</span> — {escape(rating.meaning)}")
    else:
        chip = escape(status.rating or "Not rated")
    marker = not_updated_text(status)
    if marker:
        chip += f" <b>({escape(marker)})</b>"
    lines = [f"<p>{chip}</p>"]
    if status.status_text.strip():
        lines.append(f"<p><b>Status:</b> {escape(status.status_text)}</p>")
    lines.append(_p(status.progress))
    scheme = outline.scheme if outline else None
    reason = reason_line(scheme, node) if (scheme and node is not None and node.status is status) else ""
    if reason:
        lines.append(f"<p><b>Reason:</b> {escape(reason)}</p>")
    elif status.reason:
        lines.append(f"<p><b>Reason:</b> {escape(status.reason)}</p>")
    closed = sign_off_line(scheme, node) if (scheme and node is not None and node.status is status) else ""
    if closed:
        lines.append(f"<p><b>Sign-off:</b> {escape(closed)}</p>")
    who = []
    if status.updated_by:
        who.append(f"by {escape(status.updated_by)}")
    if status.updated_at:
        who.append(f"on {status.updated_at:%d/%m/%Y %H:%M}")
    if who:
        lines.append(f"<p><small>{', '.join(who)}</small></p>")
    return "".join(lines)


def action_html(a: ActionNode, outline: PlanOutline | None,
                revisions: list[tuple[str, str, str, str, str]] | None = None, measures: str = "") -> str:
    """The item in full; ``measures`` (already escaped HTML) follows its key impact measures."""
    kind = kind_of(a).capitalize()
    target = escape(a.target.text) if a.target.text.strip() else "<i>None recorded</i>"
    if a.target.text.strip() and not a.target.is_parsed:
        target += " <i>(kept as typed: not a date the app can read)</i>"
    elif a.target.is_parsed and format_due(a.target) != a.target.text:
        target += f" <small>(due {escape(format_due(a.target))})</small>"
    parts = [f"<h2>{escape(kind)} {escape(a.ref)}</h2>",
             _field("Action", _p(a.description)),
             _field("Lead", _list(a.leads) if a.leads else _p(a.lead_text)),
             _field("Target end date", f"<p>{target}</p>")]
    if a.lead_text and a.leads and a.lead_text != "; ".join(a.leads):
        parts.append(_field("Lead as written", _p(a.lead_text)))
    if a.linked_refs:
        parts.append(_field("Written under", _p(" / ".join(a.linked_refs))))
    if revisions:
        rows = "".join(f"<li>{escape(old)} → {escape(new)}: {escape(reason or 'no reason given')}"
                       f" <small>({escape(by)}, {escape(when)})</small></li>"
                       for old, new, reason, by, when in revisions)
        parts.append(_field("Target revisions", f"<ul>{rows}</ul>"))
    if a.level == 2 or a.outcomes or a.impact_measures:
        parts.append(_field("Intended outcomes", _list(a.outcomes)))
        parts.append(_field(a.impact_measures_heading or "Key impact measures", _list(a.impact_measures)))
    if measures:
        parts.append(measures)
    period = outline.period.label if outline and outline.period else None
    if period:
        parts.append(_field(f"Rating and progress — {period}", _status_html(a.status, outline, a)))
    if outline and outline.previous_period:
        parts.append(_field(f"Previous period — {outline.previous_period.label}",
                            _status_html(a.previous, outline)))
    if a.progress_history:
        rows = "".join(f"<li>{f'<b>{escape(n.date_text)}</b> – ' if n.date_text else ''}{escape(n.text)}</li>"
                       for n in a.progress_history)
        parts.append(_field("Progress history (from the plan's papers)", f"<ul>{rows}</ul>"))
    if a.children:
        parts.append(_field("Sub-actions", _p(str(len(a.children)))))
    return "".join(parts)
