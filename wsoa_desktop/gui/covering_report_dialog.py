"""Reports ▸ Covering report…: draft the committee's covering report for a meeting, as Word or PDF.

The officer picks the meeting (the next one needing a covering report is
chosen) and the period, and edits the purpose, recommendations and background
papers, which start as the drafted wording or the text kept for that meeting.
Saving keeps the edited text with the meeting (one undoable step), so the next
draft for the same meeting starts from it, then drafts and writes the file in the
worker (gui/worker.py), with progress and Cancel like the other reports: the
window stays responsive, and a Cancel leaves no file. Word is the main output:
officers edit it into the council's own template.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from wsoa_desktop.domain.status_words import format_day
from wsoa_desktop.gui import messages
from wsoa_desktop.gui.governance_commands import SaveMeetingCommand
from wsoa_desktop.gui.undo_commands import perform
from wsoa_desktop.gui.worker import Job, JobControl, run_in_worker, write_staged
from wsoa_desktop.services import governance_calendar
from wsoa_desktop.services.governance_calendar import MeetingFields, MeetingView

if TYPE_CHECKING:
    from wsoa_desktop.gui.plan_context import PlanContext
    from wsoa_desktop.reports.covering_content import CoveringReport
    from wsoa_desktop.store.database import Store

WORD_FILTER = "Word document (*.docx)"
PDF_FILTER = "PDF (*.pdf)"


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def default_meeting(meetings: list[MeetingView], today: date) -> MeetingView | None:
    """The next meeting needing a covering report, else the next meeting, else the latest."""
    coming = [m for m in meetings if m.held_on >= today]
    needing = [m for m in coming if any(r.casefold() == governance_calendar.COVERING_REPORT.casefold()
                                        for r in m.reports)]
    for choice in (needing, coming, meetings[-1:]):
        if choice:
            return choice[0]
    return None


def draft_wording(control: JobControl, store: Store, plan_id: int, period_label: str | None, meeting_id: int, *,
                  author: str, today: date) -> CoveringReport:
    """The report as drafted from the plan and the calendar alone (no text kept with the meeting):
    what the dialog offers, and tells typed text from. Read in the worker: a large plan takes a moment."""
    from dataclasses import replace

    from wsoa_desktop.reports.covering_content import draft
    from wsoa_desktop.services.covering_report import gather

    control.progress("Drafting the covering report…")
    sources = gather(store, plan_id, period_label, meeting_id, today=today)
    sources.meeting = replace(sources.meeting, purpose="", recommendations=[], background_papers=[])
    return draft(sources, author=author, printed_on=today)


def save_cover(control: JobControl, store: Store, plan_id: int, period_label: str | None, meeting_id: int, *,
               author: str, today: date, path: Path) -> Path:
    """Draft the covering report and write it to ``path``, in the worker: a Cancel before the last
    step leaves nothing there (and an older file at ``path`` untouched)."""
    from wsoa_desktop.reports.cover import KIND, draft_cover, render_cover
    from wsoa_desktop.reports.document import LayoutWatch, watching
    from wsoa_desktop.reports.produce import check_output

    path = check_output(KIND, path)
    control.progress("Drafting the covering report from the plan and the calendar…")
    report = draft_cover(store, plan_id, period_label, meeting_id, author=author, today=today)
    control.progress("Writing the covering report…")

    def write(staged: Path) -> None:
        with watching(LayoutWatch(on_page=lambda n: control.progress(f"Laying out page {n}…"))):
            render_cover(report, staged)
        control.check()  # a Word file has no pages to count: the last chance to stop

    return write_staged(control, path, write)


class CoveringReportDialog(QDialog):
    def __init__(self, ctx: PlanContext, meeting_id: int | None = None, *, today: date | None = None) -> None:
        super().__init__(ctx.parent)
        self.setObjectName("CoveringReportDialog")
        self.setWindowTitle("Covering report")
        self.resize(720, 620)
        self.ctx = ctx
        self.today = today or date.today()
        self.meetings = governance_calendar.meetings(ctx.store, ctx.plan_id)
        self.meeting = QComboBox()
        self.meeting.setAccessibleName("Meeting")
        for m in self.meetings:
            self.meeting.addItem(f"{format_day(m.held_on)} — {m.body}", m.id)
        chosen = next((m for m in self.meetings if m.id == meeting_id), None) or \
            default_meeting(self.meetings, self.today)
        if chosen is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(chosen.id))
        self.period = QComboBox()
        self.period.setAccessibleName("Reporting period")
        periods = [p.label for p in ctx.outline.periods]
        self.period.addItems(periods)
        if ctx.period_label in periods:
            self.period.setCurrentText(ctx.period_label)
        self.purpose = QPlainTextEdit()
        self.purpose.setMaximumHeight(110)
        self.purpose.setAccessibleName("Purpose")
        self.purpose.setTabChangesFocus(True)
        self.recommendations = QPlainTextEdit()
        self.recommendations.setAccessibleName("Recommendations, one per line")
        self.recommendations.setTabChangesFocus(True)
        self.background_papers = QPlainTextEdit()
        self.background_papers.setAccessibleName("Background papers, one per line")
        self.background_papers.setPlaceholderText("None (one per line: titles or links)")
        self.background_papers.setTabChangesFocus(True)
        self.background_papers.setMaximumHeight(80)
        self.summary = QLabel()
        self.summary.setObjectName("coverSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the report will say")
        form = QFormLayout()
        form.addRow("&Meeting:", self.meeting)
        form.addRow("&Period:", self.period)
        form.addRow("P&urpose:", self.purpose)
        form.addRow("&Recommendations:", self.recommendations)
        form.addRow("&Background papers:", self.background_papers)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.word_button = QPushButton("Save as &Word…")
        self.word_button.setObjectName("saveWord")
        self.word_button.setDefault(True)
        self.pdf_button = QPushButton("Save as P&DF…")
        self.pdf_button.setObjectName("savePdf")
        self.buttons.addButton(self.word_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.pdf_button.setAutoDefault(False)
        self.word_button.setDefault(True)
        self.word_button.clicked.connect(lambda *_: self.save(".docx"))
        self.pdf_button.clicked.connect(lambda *_: self.save(".pdf"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("The report is drafted from the plan, this meeting and the calendar. The text below is "
                       "kept with the meeting when you save.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.meeting.currentIndexChanged.connect(lambda *_: self.load_text())
        self.period.currentIndexChanged.connect(lambda *_: self.load_text())
        self.drafted: tuple[str, tuple[str, ...]] = ("", ())
        self.job: Job | None = None
        self.draft_job: Job | None = None
        self._draft_for: int | None = None
        self.load_text()

    def selected_meeting(self) -> MeetingView | None:
        mid = self.meeting.currentData()
        return next((m for m in self.meetings if m.id == mid), None)

    def load_text(self) -> None:
        """The meeting's kept text at once; the drafted wording (read from the whole plan) from the
        worker, put only into fields the meeting keeps no text for and the officer has not typed in."""
        meeting = self.selected_meeting()
        enabled = meeting is not None
        for w in (self.purpose, self.recommendations, self.background_papers):
            w.setEnabled(enabled)
        self.word_button.setEnabled(False)
        self.pdf_button.setEnabled(False)  # until the draft is known (what was typed is told from it)
        if self.draft_job is not None:
            self.draft_job.discard()  # another meeting or period: its answer is not wanted
            self.draft_job = None
        if meeting is None:
            self.summary.setText("There are no meetings in the calendar: add the committee's meeting first "
                                 "(View ▸ Coming up ▸ Add meeting…).")
            return
        self.purpose.setPlainText(meeting.purpose)
        self.recommendations.setPlainText("\n".join(meeting.recommendations))
        self.background_papers.setPlainText("\n".join(meeting.background_papers))
        for edit in (self.purpose, self.recommendations):
            edit.document().setModified(False)
        self.summary.setText("Drafting the report from the plan and the calendar…")
        job = Job(partial(draft_wording, store=self.ctx.store, plan_id=self.ctx.plan_id,
                          period_label=self.period.currentText() or None, meeting_id=meeting.id,
                          author=self.ctx.user, today=self.today), name="drafting the covering report")
        self._draft_for = meeting.id
        job.succeeded.connect(self._drafted)  # methods: forgotten with the dialog if it closes first
        job.failed.connect(self._draft_failed)
        self.draft_job = job.start()

    @property
    def drafting(self) -> bool:
        return self.draft_job is not None and self.draft_job.outcome is None

    def _drafted(self, report: CoveringReport) -> None:
        self.draft_job = None
        meeting = self.selected_meeting()
        if meeting is None or meeting.id != self._draft_for:
            return
        self.drafted = ("\n".join(report.purpose), tuple(report.recommendations))
        if not meeting.purpose and not self.purpose.document().isModified():
            self.purpose.setPlainText(self.drafted[0])
        if not meeting.recommendations and not self.recommendations.document().isModified():
            self.recommendations.setPlainText("\n".join(self.drafted[1]))
        self.word_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        total = report.total
        self.summary.setText(
            "\n".join(report.appendices) + f"\n{total.total - total.not_rated} of {total.total} items rated, "
            f"{total.not_updated} not updated, {total.overdue} overdue; {len(report.considerations)} previous "
            f"consideration{'s' if len(report.considerations) != 1 else ''} listed.")

    def _draft_failed(self, text: str) -> None:
        self.draft_job = None
        self.summary.setText(text)

    def done(self, result: int) -> None:  # noqa: D102 - a draft still being read is not wanted any more
        if self.draft_job is not None:
            self.draft_job.discard()
        super().done(result)

    def kept_fields(self, meeting: MeetingView) -> MeetingFields:
        """The meeting with the text typed here (drafted wording left out, so it keeps following the plan)."""
        purpose = self.purpose.toPlainText().strip()
        recommendations = _lines(self.recommendations)
        return MeetingFields(
            meeting.body, meeting.held_on, tuple(meeting.reports), meeting.for_whom, meeting.note, meeting.outcome,
            tuple(meeting.decisions), "" if purpose == self.drafted[0].strip() else purpose,
            () if recommendations == self.drafted[1] else recommendations, _lines(self.background_papers))

    def keep_text(self) -> bool:
        """Save the typed text with the meeting (one undoable step); True when nothing was refused."""
        meeting = self.selected_meeting()
        if meeting is None:
            return False
        after = self.kept_fields(meeting)
        if after == meeting.fields():
            return True
        saved = perform(self.ctx, SaveMeetingCommand(self.ctx, meeting.id, meeting.fields(), after,
                                                     seen=meeting.version))
        # Re-read either way: after a refusal because someone else saved first, the next save (what
        # is typed here stays) is made on their version.
        self.meetings = governance_calendar.meetings(self.ctx.store, self.ctx.plan_id)
        return saved

    def save(self, suffix: str) -> Job | None:
        """Keep the typed text, ask where, then draft and write the file in the worker."""
        if (self.job is not None and self.job.outcome is None) or self.drafting:
            return None  # one save at a time, once the draft is known
        meeting = self.selected_meeting()
        if meeting is None or not self.keep_text():
            return None
        folder = str(self.ctx.settings.get("paths/database_folder") or "") or str(Path.home())
        name = f"Covering report {meeting.body} {meeting.held_on.isoformat()}{suffix}"
        path = messages.choose_save_file(self, "Save the covering report", str(Path(folder) / name),
                                         WORD_FILTER if suffix == ".docx" else PDF_FILTER)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        chosen = self.selected_meeting() or meeting
        self.job = run_in_worker(
            self, partial(save_cover, store=self.ctx.store, plan_id=self.ctx.plan_id,
                          period_label=self.period.currentText() or None, meeting_id=chosen.id,
                          author=self.ctx.user, today=self.today, path=Path(path)),
            title="Saving the covering report…", what="saving the covering report", cancellable=True,
            on_done=self._saved, on_cancelled=lambda: self.ctx.show_status("The covering report was not saved."))
        return self.job

    def _saved(self, written: Path) -> None:
        self.ctx.show_status(f"Saved the covering report to {written}")


NO_PLAN = "Open a database with a plan first (File ▸ Open), then draft the covering report."


def open_covering_report(ctx: PlanContext, meeting_id: int | None = None) -> CoveringReportDialog:
    dialog = CoveringReportDialog(ctx, meeting_id)
    dialog.show()
    return dialog
