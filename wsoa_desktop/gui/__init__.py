"""The desktop app (PySide6). Nothing outside this package imports Qt.

Importing the package first guards against a reference-counting fault seen
with PySide6 6.12 on CPython 3.11: each call of a Qt method that returns
nothing releases one reference to ``None`` that it never took. In a window used
all day that count reaches zero and the interpreter aborts ("deallocating
None"). From Python 3.12 ``None`` is immortal and the fault is harmless; before
that we give ``None`` enough references that it can never run out. This is a
no-op on 3.12+ and on other interpreters.
"""

from __future__ import annotations

import sys


def _make_none_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    # ob_refcnt is the first field of every object in a release build of CPython.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_make_none_immortal()
