"""Plans in other shapes: sections, named actions under several refs, status text, dated progress
and version history brought in from a plan's own papers.

* ``priority.kind``: "priority", or "section" for a plan grouped under headings
  ("CYPS IMPROVEMENT PLAN MEASURES") rather than numbered priorities;
* ``action.linked_refs``: the other references an action is written under
  ("SEND 1 / SEND 4"), as a JSON list;
* ``status_update.status_text``: the words written beside a rating ("On track",
  "Behind Schedule"), kept as typed;
* ``progress_entry``: dated progress entries ("03/04/17 – group convened") kept as
  the item's history;
* ``plan_version.source``: "" for a version published in the app; otherwise where
  a line of an imported version-history table came from (such a version has no
  snapshot: its ``snapshot`` and ``sha256`` are empty).

Revision ID: 0004_plan_shapes
Revises: 0002_versions_immutable
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_plan_shapes"
down_revision = "0002_versions_immutable"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("priority", sa.Column("kind", sa.String(), nullable=False, server_default="priority"))
    op.add_column("action", sa.Column("linked_refs", sa.String(), nullable=False, server_default="[]"))
    op.add_column("status_update", sa.Column("status_text", sa.String(), nullable=False, server_default=""))
    op.add_column("plan_version", sa.Column("source", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "progress_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("date_text", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name=op.f("fk_progress_entry_action_id_action"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_entry")),
    )
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_entry_action_id"), ["action_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("progress_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_entry_action_id"))
    op.drop_table("progress_entry")
    # Plain ALTER TABLE: a batch rebuild would drop plan_version's immutability trigger.
    for table, column in (("plan_version", "source"), ("status_update", "status_text"),
                          ("action", "linked_refs"), ("priority", "kind")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
