"""The Dashboard page, the impact measures editor and the readings import (PySide6).

Nothing is imported here, so walking the package (as the Qt-free checks do) loads
no Qt; :mod:`.actions` is the module the window's extension contract installs.
"""
