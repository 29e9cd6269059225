"""Errors a person can cause, each carrying a plain message that says what to do."""

from __future__ import annotations


class WsoaError(Exception):
    """Base class: the message is shown to the officer as it is."""


class ValidationError(WsoaError):
    """Input the plan cannot accept; nothing was changed."""

    def __init__(self, message: str, *, ref: str | None = None) -> None:
        super().__init__(message)
        self.ref = ref


class NotFoundError(WsoaError):
    """A plan, reference or period that does not exist."""


class DatabaseError(WsoaError):
    """The database file cannot be used (not ours, newer, locked, corrupt)."""
