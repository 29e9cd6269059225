"""The detail pane says what the paper says: not updated, the reason, the sign-off."""

from __future__ import annotations

from datetime import date

from wsoa_desktop.gui.detail_pane import action_html
from wsoa_desktop.services import rounds, signoff
from wsoa_desktop.services.outline import load_outline


def test_carried_forward_reason_and_sign_off_are_shown(sample_store):
    rounds.new_period(sample_store, 1, "September 2022")
    signoff.record_sign_off(sample_store, 1, "2.2.3", approved_on=date(2022, 9, 14), minute_ref="23/45",
                            period_label="September 2022")
    outline = load_outline(sample_store, 1, "September 2022")
    carried = action_html(outline.find("2.2.2"), outline)
    assert "not updated since August 2022" in carried
    red = action_html(outline.find("2.5.3"), outline)  # Red in the sample's history, no reason
    assert "Reason:</b> no reason recorded" in red
    blue = action_html(outline.find("2.2.3"), outline)
    assert "Closed with SEND Executive Board approval, 14 September 2022, minute 23/45" in blue
    assert "not updated" not in blue
