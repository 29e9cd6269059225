"""Impact measures: baselines, targets, milestones, readings and the actions they belong to.

Revision ID: 0006_impact_measures
Revises: 0005_governance
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_impact_measures"
down_revision = "0005_governance"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "impact_measure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_when", sa.String(), nullable=False),
        sa.Column("baseline_on", sa.Date(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_when", sa.String(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_impact_measure_plan_id_plan"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_impact_measure")),
        sa.UniqueConstraint("plan_id", "ref", name=op.f("uq_impact_measure_plan_id")),
    )
    with op.batch_alter_table("impact_measure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_impact_measure_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "measure_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("due_when", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["impact_measure.id"],
                                name=op.f("fk_measure_milestone_measure_id_impact_measure"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_milestone")),
    )
    with op.batch_alter_table("measure_milestone", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_milestone_measure_id"), ["measure_id"], unique=False)

    op.create_table(
        "measure_action",
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["impact_measure.id"],
                                name=op.f("fk_measure_action_measure_id_impact_measure"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name=op.f("fk_measure_action_action_id_action"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("measure_id", "action_id", name=op.f("pk_measure_action")),
    )
    with op.batch_alter_table("measure_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_action_action_id"), ["action_id"], unique=False)

    op.create_table(
        "measure_reading",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("entered_by", sa.String(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["impact_measure.id"],
                                name=op.f("fk_measure_reading_measure_id_impact_measure"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_reading")),
        sa.UniqueConstraint("measure_id", "as_of", name=op.f("uq_measure_reading_measure_id")),
    )
    with op.batch_alter_table("measure_reading", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_reading_measure_id"), ["measure_id"], unique=False)


def downgrade() -> None:
    for table in ("measure_reading", "measure_action", "measure_milestone", "impact_measure"):
        op.drop_table(table)
