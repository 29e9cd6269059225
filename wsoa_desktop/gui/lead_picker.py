"""Choosing an action's leads from the plan's directory of people and teams.

The officer picks names from the directory or types a new one and presses Add;
a new name joins the directory when the edit is saved (services.ensure_person).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LeadPicker(QWidget):
    changed = Signal()

    def __init__(self, directory: list[str], leads: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadPicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("leadList")
        self.list.setAccessibleName("Leads of this action")
        self.list.setMaximumHeight(self.fontMetrics().height() * 5 + 8)
        self.list.addItems(leads)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.name = QComboBox(self)
        self.name.setObjectName("leadName")
        self.name_edit = QLineEdit(self.name)  # typing a new name (setLineEdit makes the box editable)
        self.name.setLineEdit(self.name_edit)
        self.name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name.addItems(directory)
        self.name.setCurrentText("")
        self.name_edit.setPlaceholderText("Pick from the directory or type a new name")
        self.name.setAccessibleName("Lead to add: pick from the directory or type a new name")
        completer = QCompleter(directory, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.name_edit.returnPressed.connect(self.add_current)
        self.add_button = QPushButton("&Add lead", self)
        self.add_button.setAccessibleName("Add this lead")
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton("Re&move lead", self)
        self.remove_button.setAccessibleName("Remove the selected lead")
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.name, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

    def leads(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add(self, name: str) -> bool:
        name = " ".join(name.split())
        if not name or name in self.leads():
            return False
        self.list.addItem(name)
        self.changed.emit()
        return True

    def add_current(self) -> None:
        if self.add(self.name.currentText()):
            self.name.setCurrentText("")
        self.name_edit.setPlaceholderText("Pick from the directory or type a new name")

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
