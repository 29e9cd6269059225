"""The governance dialogs' labels: every "&" is a real Alt-key mnemonic, and the menus' letters are unique."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QMenu

from tests.gui.test_help_and_polish import labels_without_buddies
from wsoa_desktop.domain.rating_schemes import WSOA_BRAG
from wsoa_desktop.domain.scheme_design import drafts_of
from wsoa_desktop.gui.covering_report_dialog import CoveringReportDialog
from wsoa_desktop.gui.governance_panel import BoardsPeoplePanel, PersonDialog
from wsoa_desktop.gui.group_dialog import GroupDialog
from wsoa_desktop.gui.meeting_dialog import MeetingDialog
from wsoa_desktop.gui.meetings_panel import PlanMeetingsDialog
from wsoa_desktop.gui.new_plan_dialog import NewPlanDialog
from wsoa_desktop.gui.rating_scheme_dialog import MappingDialog, RatingSchemeDialog
from wsoa_desktop.services.governance import GroupFields
from wsoa_desktop.services.governance_calendar import MeetingFields


def test_no_dialog_shows_a_literal_ampersand(window, qtbot) -> None:
    dialogs = [RatingSchemeDialog("X", drafts_of(WSOA_BRAG)), MappingDialog({"Grey": 3}, ["Green"]),
               NewPlanDialog(), GroupDialog(GroupFields("G"), [("1", "One")], adding=True), PersonDialog(),
               MeetingDialog(MeetingFields("Board", date(2022, 9, 14)), ["Board"], adding=True),
               PlanMeetingsDialog(["Board"], ["Board", "Review"]), BoardsPeoplePanel(window, window),
               CoveringReportDialog(window.plan_context(), 2, today=date(2022, 8, 20))]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert labels_without_buddies(dialog) == [], type(dialog).__name__


def _letters(menu: QMenu) -> list[str]:
    found = []
    for action in menu.actions():
        m = re.search(r"&([^&])", action.text().replace("&&", ""))
        if m:
            found.append(m.group(1).lower())
    return found


def test_alt_letters_in_the_plan_and_reports_menus_are_unique(window) -> None:
    for name in ("Plan", "Reports"):
        letters = _letters(window.menu(name))
        assert len(letters) == len(set(letters)), (name, letters)
    assert "&Rating scheme…" in [a.text() for a in window.menu("Plan").actions()]
    assert "&Boards and people…" in [a.text() for a in window.menu("Plan").actions()]
