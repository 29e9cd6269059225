"""File ▸ New plan…: the plan's title and the rating scheme it will use.

The scheme is chosen at creation because every rating the plan records belongs
to it: the WSOA's BRAG, the 2017 joint plan's three-level RAG, or one the
officer defines (names, meanings, colours checked for contrast, synonyms,
which rating means complete). The chosen scheme's legend is shown with each
rating's name on its colour, as reports will print it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wsoa_desktop.domain.rating_schemes import BUILTIN_SCHEMES, DEFAULT_SCHEME, RatingScheme
from wsoa_desktop.domain.scheme_design import drafts_of

CUSTOM = "A scheme I define…"


def legend_html(scheme: RatingScheme) -> str:
    """The legend as rich text: each name on its colour, then its meaning (user text escaped)."""
    rows = []
    for r in sorted(scheme.ratings, key=lambda r: r.position):
        marks = " (complete)" if r.is_complete else " (not started)" if r.is_not_started else ""
        rows.append(f"<tr><td style='background:{r.colour}; color:{r.text_colour}; padding:2px 8px;'>"
                    f"<b>{escape(r.name, quote=False)}</b></td><td style='padding:2px 8px;'>{escape(r.meaning, quote=False)}"
                    f"{escape(marks, quote=False)}</td></tr>")
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


class NewPlanDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, title: str = "Written Statement of Action") -> None:
        super().__init__(parent)
        self.setObjectName("NewPlanDialog")
        self.setWindowTitle("New plan")
        self.custom: RatingScheme | None = None
        self.title = QLineEdit(title)
        self.title.setAccessibleName("Title of the new plan")
        self.title.selectAll()
        self.scheme_choice = QComboBox()
        self.scheme_choice.setAccessibleName("Rating scheme")
        for scheme in BUILTIN_SCHEMES.values():
            self.scheme_choice.addItem(f"{scheme.name}: {', '.join(scheme.names())}")
        self.scheme_choice.addItem(CUSTOM)
        self.scheme_choice.setCurrentIndex(list(BUILTIN_SCHEMES.values()).index(DEFAULT_SCHEME))
        self.define_button = QPushButton("&Define…")
        self.define_button.setObjectName("defineScheme")
        self.define_button.setAutoDefault(False)
        self.define_button.setToolTip("Define the scheme's ratings, starting from the one chosen")
        self.define_button.clicked.connect(lambda *_: self.define())
        self.scheme_choice.activated.connect(self._chosen)
        self.legend = QLabel()
        self.legend.setObjectName("schemeLegend")
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName("The scheme's legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addWidget(self.scheme_choice, 1)
        row.addWidget(self.define_button)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        label = QLabel("Rating &scheme:")
        label.setBuddy(self.scheme_choice)
        form.addRow(label, row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.legend)
        layout.addWidget(buttons)
        self._show_legend()

    def scheme(self) -> RatingScheme:
        index = self.scheme_choice.currentIndex()
        builtins = list(BUILTIN_SCHEMES.values())
        if 0 <= index < len(builtins):
            return builtins[index]
        return self.custom or DEFAULT_SCHEME

    def _chosen(self, index: int) -> None:
        if self.scheme_choice.itemText(index) == CUSTOM and self.custom is None:
            self.define()
        self._show_legend()

    def _show_legend(self) -> None:
        self.legend.setText(legend_html(self.scheme()))

    def define(self) -> bool:
        """Open the scheme dialog from the chosen scheme; the result becomes the plan's scheme."""
        from wsoa_desktop.gui import messages
        from wsoa_desktop.gui.rating_scheme_dialog import RatingSchemeDialog

        start = self.scheme()
        dialog = RatingSchemeDialog(start.name if self.custom else f"{start.name} (own)",
                                    drafts_of(start, keep_original=False), parent=self)
        if not messages.run_dialog(dialog):
            if self.custom is None:
                self.scheme_choice.setCurrentIndex(list(BUILTIN_SCHEMES.values()).index(DEFAULT_SCHEME))
            self._show_legend()
            return False
        self.custom = dialog.scheme()
        custom_index = self.scheme_choice.count() - 1
        self.scheme_choice.setItemText(custom_index, f"{self.custom.name}: {', '.join(self.custom.names())}")
        self.scheme_choice.setCurrentIndex(custom_index)
        self._show_legend()
        return True

    def values(self) -> tuple[str, RatingScheme]:
        return self.title.text(), self.scheme()
