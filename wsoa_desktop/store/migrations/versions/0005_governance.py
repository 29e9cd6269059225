"""Governance: the board that signs off, and meetings that record what they decided.

``subgroup.signs_off`` marks the board whose approval closes an action, so
sign-off no longer assumes a body's name. A meeting keeps its outcome (the
minute as written), its decisions, and the covering report's purpose,
recommendations and background papers for that meeting.

Existing rows get empty values; a plan with boards and none marked signs off
with its first board, as before.

Revision ID: 0005_governance
Revises: 0002_versions_immutable
Create Date: 2026-11-25
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_governance"
down_revision = "0004_plan_shapes"
branch_labels = None
depends_on = None

MEETING_COLUMNS = (("outcome", "''"), ("decisions", "'[]'"), ("purpose", "''"),
                   ("recommendations", "'[]'"), ("background_papers", "'[]'"))


def upgrade() -> None:
    with op.batch_alter_table("subgroup", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signs_off", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name, default in MEETING_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False, server_default=sa.text(default)))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for name, _ in reversed(MEETING_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("subgroup", schema=None) as batch_op:
        batch_op.drop_column("signs_off")
