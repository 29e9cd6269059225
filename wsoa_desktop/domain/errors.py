"""Errors a person can cause, each carrying a plain message that says what to do."""

from __future__ import annotations


class WsoaError(Exception):
    """Base class: the message is shown to the officer as it is.

    The message speaks of what to do in words that suit a window and a terminal
    alike. A hint that only makes sense on the command line ("give one with
    --plan") goes in ``command_hint``: the command line prints it after the
    message, a window never shows it.
    """

    def __init__(self, message: str = "", *, command_hint: str = "") -> None:
        super().__init__(message)
        self.command_hint = command_hint


class ValidationError(WsoaError):
    """Input the plan cannot accept; nothing was changed."""

    def __init__(self, message: str, *, ref: str | None = None, command_hint: str = "") -> None:
        super().__init__(message, command_hint=command_hint)
        self.ref = ref


class NotFoundError(WsoaError):
    """A plan, reference or period that does not exist."""


class DatabaseError(WsoaError):
    """The database file cannot be used (not ours, newer, locked, corrupt)."""
