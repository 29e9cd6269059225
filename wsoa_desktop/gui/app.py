"""Application start-up: open the database, offer the sample on first run, show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from wsoa_desktop import APP_NAME
from wsoa_desktop.domain.errors import WsoaError


def run(db_path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    from wsoa_desktop.services.plans import list_plans
    from wsoa_desktop.services.sample import add_sample
    from wsoa_desktop.store.database import open_store

    try:
        store = open_store(db_path)
    except WsoaError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    plans = list_plans(store)
    if not plans:
        answer = QMessageBox.question(None, APP_NAME, "This database is empty. Load the bundled "
                                      "Rotherham sample plan?")
        if answer == QMessageBox.StandardButton.Yes:
            add_sample(store)
            plans = list_plans(store)
    window = QMainWindow()
    title = plans[0].title if plans else "no plan"
    window.setWindowTitle(f"{APP_NAME} — {title}")
    window.setCentralWidget(QLabel(f"{title}: {plans[0].sub_actions if plans else 0} sub-actions"))
    window.resize(1200, 800)
    window.show()
    return app.exec()
