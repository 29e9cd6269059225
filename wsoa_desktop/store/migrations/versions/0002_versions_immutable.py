"""Published versions are immutable: a trigger refuses any UPDATE of plan_version.

The snapshot's SHA-256 already detects tampering when a version is read; the
trigger stops the change being made at all, as the audit trail's does.

Revision ID: 0002_versions_immutable
Revises: 0001_initial
Create Date: 2026-11-24
"""
from alembic import op

revision = "0002_versions_immutable"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TRIGGER plan_version_immutable BEFORE UPDATE ON plan_version "
        "BEGIN SELECT RAISE(ABORT, 'a published version cannot be changed'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS plan_version_immutable")
