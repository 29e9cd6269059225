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


class StaleEdit(WsoaError):
    """Someone else saved a change to the row since the officer read it: nothing was saved.

    Two officers editing one plan at once never overwrite each other silently:
    the second save is refused with who changed it and when, and the window keeps
    what the officer typed so they can reload and apply it again.
    """

    def __init__(self, ref: str, by: str, when: str, *, deleted: bool = False) -> None:
        who = by or "someone else"
        at = f" at {when}" if when else ""
        if deleted:
            text = f"{ref} was deleted by {who}{at} — reload to see the plan as it is now; your text is kept."
        else:
            text = f"{ref} was changed by {who}{at} — reload to see their change; your text is kept."
        super().__init__(text, command_hint="" if deleted else
                         "See their change with 'wsoa-desktop export', then run your command again to "
                         "apply yours over it.")
        self.ref, self.by, self.when, self.deleted = ref, by, when, deleted
