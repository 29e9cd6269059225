"""Whatever an officer types comes back out of the PDF and the Word file as typed."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports.helpers import docx_text, pdf_pages, squash
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
from wsoa_desktop.reports.options import ReportOptions
from wsoa_desktop.reports.word.brag_docx import write_brag_docx

#: Markup characters, quotes, dashes and letters from across Europe (all in the bundled font).
ALPHABET = st.sampled_from(list("&<>\"'/;=+-@#%*()[]{}“”‘’–—≥≤→€£ aAzZ09ÀéîõüßÇñŁłŚśŹźŻżČčĎďĚěŇňŘřŠšŤťŮůŽžâŵŷÅøæ\n"))
TEXT = st.text(ALPHABET, min_size=1, max_size=300).filter(lambda t: t.strip())


def _outline(description: str, progress: str, lead: str) -> PlanOutline:
    period = PeriodInfo(1, "August 2022", 1)
    sub = ActionNode(3, "1.1.1", 3, description, 2, 1, [lead], lead, parse_target("July 2022"),
                     status=StatusView("Amber", progress))
    action = ActionNode(2, "1.1", 2, "Heading", None, 1, children=[sub])
    priority = PriorityNode(1, "1", "Priority one", "Area of concern", actions=[action])
    return PlanOutline(1, "Plan", WSOA_BRAG, [priority], [period], period)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(description=TEXT, progress=TEXT, lead=TEXT)
def test_any_text_prints_as_typed(description: str, progress: str, lead: str) -> None:
    outline = _outline(description, progress, lead)
    opts = ReportOptions(columns=("lead", "progress"), printed_on=date(2022, 9, 1))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "a.pdf"
        write_brag_pdf(outline, opts, pdf)
        flat = squash("".join(pdf_pages(pdf)))
        for value in (description, progress, lead):
            assert squash(value) in flat
        word = Path(tmp) / "a.docx"
        write_brag_docx(outline, opts, word)
        text = docx_text(word)
        for value in (description, progress):
            assert value.replace("\r", "") in text
