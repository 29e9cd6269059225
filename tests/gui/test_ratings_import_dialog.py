"""File ▸ Import ratings…: the preview row by row, Apply only when nothing is refused, all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt

from wsoa_desktop.gui import worker
from wsoa_desktop.gui.ratings_import_dialog import RatingsImportDialog
from wsoa_desktop.services.rounds import new_period

REFUSED = ("Ref,RAG,Progress Update,Reason\n2.2.2,Green,,\n2.2.3,Red,Chased twice,\n2.2.4,Blue,,\n"
           "9.9.9,Green,,\n2.3.1,Purple,,\n")
CLEAN = "Ref,RAG,Progress Update,Reason\n2.2.2,Green,,\n2.2.3,Red,Chased twice,Provider has not replied\n"


def _digest(store) -> str:  # type: ignore[no-untyped-def]
    return hashlib.sha256(store.path.read_bytes()).hexdigest()


def _texts(dialog: RatingsImportDialog) -> list[list[str]]:
    m = dialog.model
    return [[str(m.data(m.index(r, c))) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_import_ratings_from_the_file_menu(qtbot, window, tmp_path: Path, prompts) -> None:  # type: ignore[no-untyped-def]
    new_period(window.store, window.plan_id, "September 2022", by="t")
    window.switch_period(None)  # the latest period
    refused = tmp_path / "september.csv"
    refused.write_text(REFUSED, encoding="utf-8")
    prompts.answer("open_file", str(refused))
    before = _digest(window.store)
    shown: list[RatingsImportDialog] = []

    def drive(dialog: RatingsImportDialog) -> None:
        shown.append(dialog)
        qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
        assert dialog.period_combo.currentText() == "September 2022"
        rows = _texts(dialog)
        assert [r[1] for r in rows] == ["2.2.2", "2.2.3", "2.2.4", "9.9.9", "2.3.1"]
        assert rows[0][2] == "confirmed"
        assert rows[1][2] == "Refused: worse or Red without a reason" and "Give a reason" in rows[1][4]
        assert rows[2][2] == "Refused: complete without a sign-off"
        assert rows[3][2] == "Refused: unknown ref" and rows[4][2] == "Refused: unknown rating"
        assert not dialog.apply_button.isEnabled() and "4 problem(s)" in dialog.summary.text()
        # The officer fixes the file and checks again, then applies with a click.
        refused.write_text(CLEAN, encoding="utf-8")
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.checking() and dialog.apply_button.isEnabled(), timeout=30000)
        assert [r[2] for r in _texts(dialog)] == ["confirmed", "changed"]
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.changed is not None, timeout=30000)

    prompts.answer("RatingsImportDialog", drive)
    action = next(a for a in window.menu("File").actions() if a.objectName() == "actionImportRatings")
    assert action.text() == "Import ratin&gs…"
    action.trigger()
    qtbot.waitUntil(worker.idle, timeout=30000)
    assert shown and shown[0].changed == 2
    assert _digest(window.store) != before
    node = window.outline.find("2.2.3")
    assert (node.rating, node.status.reason, node.progress) == ("Red", "Provider has not replied", "Chased twice")
    assert "2 items changed" in window.statusBar().currentMessage()


def test_nothing_applies_while_anything_is_refused(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    new_period(window.store, window.plan_id, "September 2022", by="t")
    path = tmp_path / "bad.csv"
    path.write_text(REFUSED, encoding="utf-8")
    before = _digest(window.store)
    dialog = RatingsImportDialog(window.store, window.plan_id, path, ["August 2022", "September 2022"],
                                 "September 2022", by="officer")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
    assert not dialog.apply_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not apply a refused file
    qtbot.waitUntil(worker.idle, timeout=30000)
    assert dialog.changed is None and _digest(window.store) == before
    # Choosing August (the published month) previews against August instead.
    dialog.period_combo.setFocus()
    qtbot.keyClick(dialog.period_combo, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
    assert dialog.period_combo.currentText() == "August 2022"
    assert "August 2022" in dialog.summary.text()


def test_the_import_dialog_asks_who_an_open_owner_is_and_which_scheme(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox

    from tests.services.plan_shapes import joint_plan_docx
    from wsoa_desktop.gui.import_dialog import ImportDialog
    from wsoa_desktop.services.outline import load_outline

    dialog = ImportDialog(window.store, joint_plan_docx(tmp_path / "joint.docx"), by="officer")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
    assert dialog.owners_box.isVisible() and set(dialog.owner_combos) == {"PW", "Paula Williams"}
    assert "“PW” could be" in dialog.report.toPlainText()
    assert dialog.import_button.isEnabled()  # kept as written unless the officer says who
    combo: QComboBox = dialog.owner_combos["PW"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first person offered: Paula Williams (I)
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
    assert combo.currentText() == "Paula Williams (I)"
    assert "“PW” could be" not in dialog.report.toPlainText()
    scheme = dialog.scheme_combo
    scheme.setFocus()
    qtbot.keyClick(scheme, Qt.Key.Key_Down)  # WSOA BRAG instead of the document's own key
    qtbot.waitUntil(lambda: not dialog.checking(), timeout=30000)
    assert "scheme you chose: “WSOA BRAG”" in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan_id is not None, timeout=30000)
    outline = load_outline(window.store, dialog.plan_id)
    assert outline.find("SEND 1").leads == ["Paula Williams (I)"]
    assert outline.scheme.name == "WSOA BRAG"
