"""Triggers that refuse changes to history (the audit trail, published versions), on both engines.

SQLite and PostgreSQL write triggers differently (PostgreSQL needs a function for
the trigger to call), so the migrations ask for "refuse UPDATE of this table" here
and get the form their database understands, with the same name and message.
"""

from __future__ import annotations

from alembic import op


def refuse_updates(table: str, trigger: str, message: str) -> None:
    """Add trigger ``trigger``: any UPDATE of ``table`` fails with ``message``."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation'; END $$"
        )
        op.execute(f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION {trigger}()")
    else:
        op.execute(f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, '{message}'); END")


def drop_refusal(table: str, trigger: str) -> None:
    """Remove what :func:`refuse_updates` added."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
