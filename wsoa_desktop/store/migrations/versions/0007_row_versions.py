"""Row versions: a counter on every row an officer edits, for two officers at once.

Each edit says which version of the row the officer saw and bumps it in the same
write (``UPDATE … SET …, version = version + 1 WHERE id = :id AND version =
:seen``); when the row has moved on since, the edit is refused instead of
silently overwriting someone else's change (:mod:`wsoa_desktop.services.row_versions`).

Existing rows start at version 1. The audit trail is append-only and published
versions are immutable, so neither needs one; link rows (an action's leads, a
measure's actions) are edited through their action or measure, whose version moves.

Plain ``ADD COLUMN … NOT NULL DEFAULT 1`` on both SQLite and PostgreSQL: no table
rebuild, no triggers.

Revision ID: 0007_row_versions
Revises: 0006_impact_measures
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_row_versions"
down_revision = "0006_impact_measures"
branch_labels = None
depends_on = None

#: Every table whose rows an officer edits (kept in step with store/models.py's Versioned tables).
VERSIONED_TABLES = ("plan", "rating_scheme", "rating", "person", "priority", "action", "target_revision",
                    "subgroup", "subgroup_member", "reporting_period", "status_update", "sign_off",
                    "evidence", "meeting", "impact_measure", "measure_milestone", "measure_reading")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
