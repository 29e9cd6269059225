"""The committee's covering report: drafted from the plan, the meeting and the calendar, as Word and PDF."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import docx
import pytest

from tests.reports.helpers import assert_in_order, pdf_pages, squash
from wsoa_desktop.domain.errors import NotFoundError, ValidationError
from wsoa_desktop.domain.scheme_design import RatingDraft, build_scheme
from wsoa_desktop.domain.status_words import is_not_updated
from wsoa_desktop.reports.cover import draft_cover, make_cover
from wsoa_desktop.services import governance_calendar as cal
from wsoa_desktop.services import periods, plan_items, plans, rounds
from wsoa_desktop.services.outline import load_outline

SEPTEMBER_COMMITTEE = 2  # the sample's calendar: Improving Lives Select Commission, 6 September 2022
FRONT = ["Purpose", "Recommendations", "List of Appendices Included", "Background Papers",
         "Consideration by any other Council Committee, Scrutiny or Advisory Panel", "1. Background",
         "2. Key Issues"]


def _expected_counts(store, period):
    outline = load_outline(store, 1, period)
    counted = Counter()
    for node in outline.rated_items():
        if not node.rating:
            counted["Not rated"] += 1
        elif is_not_updated(node.status):
            counted["Not updated"] += 1
        else:
            counted[outline.scheme.match(node.rating).name] += 1
    return outline, counted


def test_word_report_has_the_seed_front_sheet_as_real_headings(sample_store, tmp_path):
    out = make_cover(sample_store, tmp_path / "cover.docx", period_label="August 2022",
                     meeting_id=SEPTEMBER_COMMITTEE, author="Nathan Heath", today=date(2022, 8, 30))
    d = docx.Document(str(out))
    assert d.core_properties.title == "Covering report: Improving Lives Select Commission, 6 September 2022"
    assert d.core_properties.language == "en-GB" and d.core_properties.author == "Nathan Heath"
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == FRONT
    assert [p.style.name for p in d.paragraphs][0] == "Title"
    texts = [p.text for p in d.paragraphs]
    assert texts[texts.index("Recommendations") + 1].startswith("1.\tThat Improving Lives Select Committee notes")
    appendices = [p.text for p in d.paragraphs if p.style.name == "List Bullet" and p.text.startswith("Appendix")]
    assert appendices == [
        "Appendix 1 – Rotherham Local Area SEND 0-25 Written Statement of Action, January 2022",
        "Appendix 2 – BRAG rating of progress of Rotherham Local Area SEND 0-25 Written Statement of Action, "
        "January 2022 – August 2022"]
    considered = texts[texts.index(FRONT[4]) + 1]
    assert considered.startswith("Improving Lives Select Commission – 8 March 2022: Received an update")
    assert any("chaired by Julie Day and Ian Tankard" in t for t in texts)
    assert "Next meetings" in texts and "DfE and NHS England quarterly review – 7 October 2022" in texts
    front = d.tables[0]
    assert front.rows[0].cells[1].text == "Improving Lives Select Commission – 6 September 2022"


def test_counts_by_priority_and_rating_match_the_plan_not_updated_counted_apart(sample_store, tmp_path):
    rounds.new_period(sample_store, 1, "September 2022", by="Ann")
    rounds.rate(sample_store, 1, "2.2.4", "September 2022", "Green", progress="Audit done")
    outline, counted = _expected_counts(sample_store, "September 2022")
    assert counted["Not updated"] > 0
    out = make_cover(sample_store, tmp_path / "cover.docx", period_label="September 2022",
                     meeting_id=SEPTEMBER_COMMITTEE, today=date(2022, 9, 30))
    table = docx.Document(str(out)).tables[1]
    heads = [c.text for c in table.rows[0].cells]
    assert heads == ["Priority", "Blue", "Green", "Amber", "Red", "Grey", "Not updated", "Not rated", "Total",
                     "Overdue"]
    total = dict(zip(heads, (c.text for c in table.rows[-1].cells), strict=True))
    for name in ("Blue", "Green", "Amber", "Red", "Grey", "Not updated", "Not rated"):
        assert int(total[name]) == counted[name], name
    assert int(total["Total"]) == len(outline.rated_items())
    per_priority = [int(r.cells[heads.index("Total")].text) for r in table.rows[1:-1]]
    assert sum(per_priority) == int(total["Total"]) and len(per_priority) == 4
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert f"{counted['Not updated']} ratings were carried forward from an earlier period and not updated" in text


def test_overdue_is_counted_as_at_the_period(sample_store):
    report = draft_cover(sample_store, 1, "August 2022", SEPTEMBER_COMMITTEE, today=date(2030, 1, 1))
    outline = load_outline(sample_store, 1, "August 2022")
    from wsoa_desktop.domain.outline import is_overdue

    expected = sum(is_overdue(n, date(2022, 8, 31), outline.scheme) for n in outline.rated_items())
    assert report.total.overdue == expected > 0
    assert "(as at 31 August 2022)" in " ".join(report.counts_note)


def test_the_officers_text_for_the_meeting_is_used_and_printed_as_typed(sample_store, tmp_path):
    view = cal.get_meeting(sample_store, 1, SEPTEMBER_COMMITTEE)
    cal.update_meeting(sample_store, 1, view.id, replace(
        view.fields(), purpose="To update members on <b>progress</b> & risks.",
        recommendations=("That members note the report & its <appendix>.", "That a further update comes in March."),
        background_papers=()))
    pdf = make_cover(sample_store, tmp_path / "cover.pdf", period_label="August 2022",
                     meeting_id=SEPTEMBER_COMMITTEE, today=date(2022, 8, 30))
    text = "\n".join(pdf_pages(pdf))
    assert "To update members on <b>progress</b> & risks." in text
    assert "That members note the report & its <appendix>." in text
    assert_in_order(squash(text), [squash(h) for h in FRONT] + ["Progresssummary,August2022"])
    assert squash("Background Papers\nNone") in squash(text)


def test_by_default_the_next_meeting_in_the_calendar(sample_store, tmp_path):
    report = draft_cover(sample_store, 1, "August 2022", today=date(2022, 8, 20))
    assert (report.committee, report.meeting_date) == ("Improving Lives Select Commission", date(2022, 9, 6))
    report = draft_cover(sample_store, 1, "August 2022", today=date(2022, 9, 10))  # no covering report due: the next meeting
    assert report.committee == "DfE and NHS England quarterly review"
    assert report.recommendations[0] == ("That the DfE and NHS England quarterly review notes the update on the "
                                         "progress of the Rotherham Local Area SEND 0-25 Written Statement of "
                                         "Action, January 2022.")
    with pytest.raises(NotFoundError, match="no meeting from today on"):
        draft_cover(sample_store, 1, "August 2022", today=date(2023, 1, 1))
    with pytest.raises(ValidationError, match="covering report can be written as .docx or .pdf"):
        make_cover(sample_store, tmp_path / "cover.txt", meeting_id=SEPTEMBER_COMMITTEE)
    assert not (tmp_path / "cover.txt").exists()


def test_a_custom_scheme_heads_the_counts_in_its_colours(store, tmp_path):
    scheme = build_scheme("Team RAG", [
        RatingDraft("Done", "Completed", "#1F5FAD", "#FFFFFF", is_complete=True, severity=0),
        RatingDraft("Fine", "On track", "#FFD200", "#000000", severity=1),
        RatingDraft("Stuck", "Behind", "#6A1B9A", "#FFFFFF", severity=2)])
    pid = plans.create_plan(store, "Team plan", scheme=scheme)
    plan_items.add_priority(store, pid, "1", "Only priority")
    plan_items.add_action(store, pid, "1.1", plan_items.ActionFields("Act", target="June 2025"))
    plan_items.add_action(store, pid, "1.2", plan_items.ActionFields("Other", target="June 2025"))
    periods.add_period(store, pid, "May 2025")
    rounds.rate(store, pid, "1.1", "May 2025", "Fine")
    rounds.rate(store, pid, "1.2", "May 2025", "Stuck", reason="No staff")
    mid = cal.add_meeting(store, pid, "Schools Forum", date(2025, 6, 10), reports=["BRAG appendix"])
    out = make_cover(store, tmp_path / "team.docx", plan=pid, meeting_id=mid, today=date(2025, 6, 1))
    d = docx.Document(str(out))
    head = d.tables[1].rows[0].cells
    assert [c.text for c in head[1:4]] == ["Done", "Fine", "Stuck"]
    assert head[2]._tc.tcPr.xpath("./w:shd")[0].get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") == "FFD200"
    texts = [p.text for p in d.paragraphs]
    assert "Items rated Stuck" in texts and "1.2 Other – No staff" in texts
    assert "1 of the plan's 2 items" not in " ".join(texts)
    assert "2 of the plan's 2 items carry a rating (1 Fine, 1 Stuck)" in " ".join(texts)
