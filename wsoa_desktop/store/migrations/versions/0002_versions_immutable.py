"""Published versions are immutable: a trigger refuses any UPDATE of plan_version.

The snapshot's SHA-256 already detects tampering when a version is read; the
trigger stops the change being made at all, as the audit trail's does.

Revision ID: 0002_versions_immutable
Revises: 0001_initial
Create Date: 2026-11-24
"""
from wsoa_desktop.store.triggers import drop_refusal, refuse_updates

revision = "0002_versions_immutable"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    refuse_updates("plan_version", "plan_version_immutable", "a published version cannot be changed")


def downgrade() -> None:
    drop_refusal("plan_version", "plan_version_immutable")
