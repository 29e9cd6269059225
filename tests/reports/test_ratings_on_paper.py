"""What the committee can trust on paper: "not updated" shown, reasons, sign-off, revised targets.

A plan one month on (September opened, most ratings carried forward) printed as
PDF and Word, read back with pypdf and python-docx.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.reports.conftest import CARRIED
from tests.reports.helpers import docx_text, pdf_pages, squash
from wsoa_desktop.domain import status_words as words
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.produce import make_report
from wsoa_desktop.reports.progress_summary import summarise
from wsoa_desktop.services.outline import load_outline

SEPT = ReportOptions(period_label=CARRIED["period"], printed_on=date(2022, 10, 3), author="Officer")
MARKER = f"(not updated since {CARRIED['since']})"


def _pdf(store, tmp_path: Path, kind: str = "brag", options: ReportOptions = SEPT, name: str = "a.pdf") -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    make_report(store, kind, out, options)
    return "\n".join(pdf_pages(out))


def test_carried_forward_ratings_are_marked_counted_apart_and_explained(carried_store, tmp_path: Path) -> None:
    text = _pdf(carried_store, tmp_path)
    flat = squash(text)
    # The rating keeps its colour and name, with the marker under it (2.2.3 was Amber in August).
    assert squash(f"Amber {MARKER}") in flat
    assert squash(f"Red {MARKER}") in flat
    # The legend says what the marker means.
    assert squash(words.NOT_UPDATED_MEANING) in flat
    # The summary counts them as "Not updated", never as this period's ratings.
    outline = load_outline(carried_store, 1, CARRIED["period"])
    summary = summarise(outline)
    total = summary.total
    assert total.not_updated == 22 and total.counts["Amber"] == 1 and total.counts["Blue"] == 1
    assert total.total == 75
    spaced = " ".join(text.split())
    for row in summary.rows + [total]:
        numbers = [row.counts[n] for n in summary.rating_names] + [row.not_updated, row.not_rated, row.total]
        assert " ".join(str(n) for n in numbers) in spaced
    # Direction of travel: not updated is not "unchanged".
    assert "Not updated" in text
    assert (total.improved, total.unchanged, total.worse, total.not_updated) == (0, 1, 1, 22)
    assert "Total 0 1 1 22 51" in spaced


def test_reasons_sign_off_and_revised_targets_print_under_progress(carried_store, tmp_path: Path) -> None:
    flat = squash(_pdf(carried_store, tmp_path))
    assert squash(f"Reason: {CARRIED['reason']}") in flat  # Green → Amber, with its reason
    assert squash(f"Reason: {words.NO_REASON}") in flat  # the Red items came without one
    assert squash(f"Sign-off: {CARRIED['sign_off']}") in flat
    assert squash(f"Sign-off: {words.NO_SIGN_OFF}") in flat  # 2.4.1 is Blue with none recorded
    assert squash(CARRIED["revised"]) in flat


def test_each_option_turns_its_line_off_but_never_the_marker(carried_store, tmp_path: Path) -> None:
    off = replace(SEPT, reasons=False, sign_off=False, revised_targets=False)
    flat = squash(_pdf(carried_store, tmp_path, options=off))
    for gone in (f"Reason: {CARRIED['reason']}", words.NO_REASON, "Sign-off:", CARRIED["sign_off"],
                 "(was September 2022)"):
        assert squash(gone) not in flat, gone
    assert squash(MARKER) in flat  # a carried-forward rating is never shown as this month's
    only_reasons = squash(_pdf(carried_store, tmp_path, options=replace(off, reasons=True), name="b.pdf"))
    assert squash(CARRIED["reason"]) in only_reasons and "Sign-off:" not in only_reasons


def test_exception_report_gives_every_item_a_reason(carried_store, tmp_path: Path) -> None:
    text = _pdf(carried_store, tmp_path, "exceptions")
    flat = squash(text)
    assert squash(f"Reason: {CARRIED['reason']}") in flat
    assert flat.count(squash(f"Reason: {words.NO_REASON}")) >= 2  # 2.5.3 and 2.5.5 (Red) at least
    assert squash(f"Red {MARKER}") in flat
    word = tmp_path / "exceptions.docx"
    make_report(carried_store, "exceptions", word, SEPT)
    wtext = docx_text(word)
    assert f"Reason: {CARRIED['reason']}" in wtext and f"Reason: {words.NO_REASON}" in wtext
    assert MARKER in wtext


def test_highlight_and_plan_reports_mark_not_updated(carried_store, tmp_path: Path) -> None:
    flat = squash(_pdf(carried_store, tmp_path, "highlight", replace(SEPT, priority_ref="2")))
    assert squash(f"Red {MARKER}") in flat and squash(words.NOT_UPDATED_MEANING) in flat
    plan = squash(_pdf(carried_store, tmp_path, "plan", name="plan.pdf"))
    assert squash(f"Amber {MARKER}") in plan and squash(CARRIED["sign_off"]) in plan
    hl = tmp_path / "highlight.docx"
    make_report(carried_store, "highlight", hl, replace(SEPT, priority_ref="2"))
    assert "18 not updated" in docx_text(hl)


def test_word_appendix_says_the_same_and_is_accessible(carried_store, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    out = tmp_path / "appendix.docx"
    make_report(carried_store, "brag", out, SEPT)
    text = docx_text(out)
    for needle in (f"Amber\n{MARKER}", f"Reason: {CARRIED['reason']}", f"Sign-off: {CARRIED['sign_off']}",
                   f"Sign-off: {words.NO_SIGN_OFF}", CARRIED["revised"], words.NOT_UPDATED_MEANING):
        assert needle in text, needle
    d = docx.Document(str(out))
    assert d.core_properties.title == "Appendix 2 – BRAG rating of progress — September 2022"
    assert d.core_properties.language == "en-GB"
    styles = [p.style.name for p in d.paragraphs]
    assert styles[0] == "Title"
    assert {"Heading 1", "Heading 2"} <= set(styles)
    for t in d.tables:  # every table: a header row that repeats, and a caption for screen readers
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert t._tbl.tblPr.find(qn("w:tblCaption")) is not None
    # The summary's numbers are a table (the chart's numbers, for those who cannot see it).
    counts = next(t for t in d.tables if t.rows[0].cells[0].text == "Priority")
    assert [c.text for c in counts.rows[0].cells][-3:] == ["Not updated", "Not rated", "Total"]
    assert [c.text for c in counts.rows[-1].cells][-3:] == ["22", "51", "75"]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_published_version_stamp_on_every_page(sample_store, tmp_path: Path, suffix: str) -> None:
    from wsoa_desktop.reports.produce import write_report

    stamp = "Version 3, published 14 July 2022 by J Smith"
    outline = replace(load_outline(sample_store, 1, "August 2022"), version_stamp=stamp)
    out = write_report("brag", outline, ReportOptions(), tmp_path / f"v3{suffix}")
    if suffix == ".pdf":
        pages = pdf_pages(out)
        assert len(pages) > 5
        assert all(stamp in page for page in pages)
    else:
        import docx

        footer = docx.Document(str(out)).sections[0].footer
        assert stamp in "\n".join(p.text for p in footer.paragraphs)


def test_a_long_ref_prints_on_one_line(tmp_path: Path) -> None:
    """10.50.10 must never wrap as 10.50.1 / 0, whatever the plan's other refs."""
    from wsoa_desktop.domain.outline import (
        ActionNode,
        PeriodInfo,
        PlanOutline,
        PriorityNode,
        StatusView,
    )
    from wsoa_desktop.domain.rating_schemes import WSOA_BRAG
    from wsoa_desktop.domain.target_dates import parse_target
    from wsoa_desktop.reports.brag_appendix import write_brag_pdf

    period = PeriodInfo(1, "August 2022", 1)
    priorities = []
    for p, a, s in ((1, 1, 1), (10, 50, 10), (10, 50, 9)):
        sub = ActionNode(p * 1000 + s, f"{p}.{a}.{s}", 3, "Deliver the training", 2, p, ["Ann"], "Ann",
                         parse_target("July 2022"), status=StatusView("Amber", "On its way"))
        action = ActionNode(p * 1000, f"{p}.{a}", 2, "An action", None, p, children=[sub])
        priorities.append(PriorityNode(p * 10 + s, str(p), f"Priority {p}", actions=[action]))
    outline = PlanOutline(1, "Plan", WSOA_BRAG, priorities, [period], period)
    for orientation in ("landscape", "portrait"):
        out = write_brag_pdf(outline, ReportOptions(orientation=orientation), tmp_path / f"{orientation}.pdf")
        lines = [line.strip() for page in pdf_pages(out) for line in page.splitlines()]
        assert any(line.startswith("10.50.10 ") or line == "10.50.10" for line in lines), orientation
        assert "10.50.1" not in lines  # no ref cut short at the column edge


def test_title_says_the_period_and_legend_and_summary_come_first(sample_store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "appendix.pdf"
    make_report(sample_store, "brag", out, ReportOptions(period_label="August 2022"))
    pages = pdf_pages(out)
    first = " ".join(pages[0].split())
    assert first.startswith("Appendix 2 – BRAG rating of progress — August 2022")
    assert PdfReader(str(out)).metadata.title == "Appendix 2 – BRAG rating of progress — August 2022"
    text = "\n".join(pages)
    order = [text.find(h) for h in ("RAG Status", "Progress Summary", "Progress summary: every sub-action",
                                    "Progress by priority")]
    assert -1 not in order and order == sorted(order)
    # The detail has the real appendix's columns by default.
    assert squash("Ref Action Lead Target End Date RAG August 2022 Progress Update") in squash(text)
