"""Item data roles of the dashboard's models, in a module light enough for the window's start-up."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: The MeasureLine of a measures row (for the small multiples and the detail chart).
LINE_ROLE = Qt.ItemDataRole.UserRole + 20
#: A count cell's number as an int (charts read this; the view shows the same as text).
COUNT_ROLE = Qt.ItemDataRole.UserRole + 21
