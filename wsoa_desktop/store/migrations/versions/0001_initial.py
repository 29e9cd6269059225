"""Initial schema: plans, priorities, actions, leads, ratings, periods, status updates,
sign-off, evidence, versions, audit trail and the governance calendar.

The audit trail is append-only: a trigger refuses any UPDATE of it.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-24
"""
import sqlalchemy as sa
from alembic import op

from wsoa_desktop.store.triggers import drop_refusal, refuse_updates

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('local_area', sa.String(), nullable=False),
    sa.Column('approved_by', sa.String(), nullable=False),
    sa.Column('governance', sa.String(), nullable=False),
    sa.Column('sample_key', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_sample_key'), ['sample_key'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('ref', sa.String(), nullable=False),
    sa.Column('field_name', sa.String(), nullable=False),
    sa.Column('old_value', sa.String(), nullable=False),
    sa.Column('new_value', sa.String(), nullable=False),
    sa.Column('operation', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_audit_entry_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_ref'), ['ref'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('reports', sa.String(), nullable=False),
    sa.Column('for_whom', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_meeting_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_plan_id'), ['plan_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('initials', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('organisation', sa.String(), nullable=False),
    sa.Column('is_team', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_person_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('plan_id', 'name', name=op.f('uq_person_plan_id'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('period_label', sa.String(), nullable=False),
    sa.Column('snapshot', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_version_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_version')),
    sa.UniqueConstraint('plan_id', 'number', name=op.f('uq_plan_version_plan_id'))
    )
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_version_plan_id'), ['plan_id'], unique=False)

    op.create_table('priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(), nullable=False),
    sa.Column('sort_key', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('area_of_concern', sa.String(), nullable=False),
    sa.Column('lead_officers', sa.String(), nullable=False),
    sa.Column('outcome_statement', sa.String(), nullable=False),
    sa.Column('delivery_partners', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_priority_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority')),
    sa.UniqueConstraint('plan_id', 'ref', name=op.f('uq_priority_plan_id'))
    )
    with op.batch_alter_table('priority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_priority_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_priority_sort_key'), ['sort_key'], unique=False)

    op.create_table('rating_scheme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_rating_scheme_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_scheme')),
    sa.UniqueConstraint('plan_id', name=op.f('uq_rating_scheme_plan_id'))
    )
    op.create_table('reporting_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('is_closed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_reporting_period_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reporting_period')),
    sa.UniqueConstraint('plan_id', 'label', name=op.f('uq_reporting_period_plan_id'))
    )
    with op.batch_alter_table('reporting_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reporting_period_plan_id'), ['plan_id'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('ref', sa.String(), nullable=False),
    sa.Column('sort_key', sa.String(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('outcomes', sa.String(), nullable=False),
    sa.Column('impact_measures_heading', sa.String(), nullable=False),
    sa.Column('impact_measures', sa.String(), nullable=False),
    sa.Column('lead_text', sa.String(), nullable=False),
    sa.Column('target_text', sa.String(), nullable=False),
    sa.Column('target_due', sa.Date(), nullable=True),
    sa.Column('target_precision', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['action.id'], name=op.f('fk_action_parent_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_action_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], name=op.f('fk_action_priority_id_priority'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action')),
    sa.UniqueConstraint('plan_id', 'ref', name=op.f('uq_action_plan_id'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_priority_id'), ['priority_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_sort_key'), ['sort_key'], unique=False)

    op.create_table('rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scheme_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('meaning', sa.String(), nullable=False),
    sa.Column('colour', sa.String(), nullable=False),
    sa.Column('text_colour', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('synonyms', sa.String(), nullable=False),
    sa.Column('is_complete', sa.Boolean(), nullable=False),
    sa.Column('is_not_started', sa.Boolean(), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['scheme_id'], ['rating_scheme.id'], name=op.f('fk_rating_scheme_id_rating_scheme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating')),
    sa.UniqueConstraint('scheme_id', 'name', name=op.f('uq_rating_scheme_id'))
    )
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_scheme_id'), ['scheme_id'], unique=False)

    op.create_table('subgroup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_subgroup_plan_id_plan'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], name=op.f('fk_subgroup_priority_id_priority'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subgroup'))
    )
    with op.batch_alter_table('subgroup', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subgroup_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subgroup_priority_id'), ['priority_id'], unique=False)

    op.create_table('action_lead',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_action_lead_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_action_lead_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'person_id', name=op.f('pk_action_lead'))
    )
    with op.batch_alter_table('action_lead', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_lead_person_id'), ['person_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('filename', sa.String(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('link', sa.String(), nullable=False),
    sa.Column('added_by', sa.String(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_evidence_action_id_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_action_id'), ['action_id'], unique=False)

    op.create_table('sign_off',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=True),
    sa.Column('minute_ref', sa.String(), nullable=False),
    sa.Column('recorded_by', sa.String(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_sign_off_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['reporting_period.id'], name=op.f('fk_sign_off_period_id_reporting_period'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_off'))
    )
    with op.batch_alter_table('sign_off', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_off_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_off_period_id'), ['period_id'], unique=False)

    op.create_table('status_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=True),
    sa.Column('progress', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('carried_forward', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_status_update_action_id_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['reporting_period.id'], name=op.f('fk_status_update_period_id_reporting_period'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rating_id'], ['rating.id'], name=op.f('fk_status_update_rating_id_rating'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_update')),
    sa.UniqueConstraint('action_id', 'period_id', name=op.f('uq_status_update_action_id'))
    )
    with op.batch_alter_table('status_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_update_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_update_period_id'), ['period_id'], unique=False)

    op.create_table('subgroup_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subgroup_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('is_chair', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['subgroup_id'], ['subgroup.id'], name=op.f('fk_subgroup_member_subgroup_id_subgroup'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subgroup_member'))
    )
    with op.batch_alter_table('subgroup_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subgroup_member_subgroup_id'), ['subgroup_id'], unique=False)

    op.create_table('target_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('old_text', sa.String(), nullable=False),
    sa.Column('old_due', sa.Date(), nullable=True),
    sa.Column('new_text', sa.String(), nullable=False),
    sa.Column('new_due', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(), nullable=False),
    sa.Column('changed_by', sa.String(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], name=op.f('fk_target_revision_action_id_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_revision'))
    )
    with op.batch_alter_table('target_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_revision_action_id'), ['action_id'], unique=False)


    refuse_updates("audit_entry", "audit_entry_append_only", "the audit trail cannot be changed")


def downgrade() -> None:
    drop_refusal("audit_entry", "audit_entry_append_only")

    with op.batch_alter_table('target_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_revision_action_id'))

    op.drop_table('target_revision')
    with op.batch_alter_table('subgroup_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subgroup_member_subgroup_id'))

    op.drop_table('subgroup_member')
    with op.batch_alter_table('status_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_update_period_id'))
        batch_op.drop_index(batch_op.f('ix_status_update_action_id'))

    op.drop_table('status_update')
    with op.batch_alter_table('sign_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_off_period_id'))
        batch_op.drop_index(batch_op.f('ix_sign_off_action_id'))

    op.drop_table('sign_off')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_action_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('action_lead', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_lead_person_id'))

    op.drop_table('action_lead')
    with op.batch_alter_table('subgroup', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subgroup_priority_id'))
        batch_op.drop_index(batch_op.f('ix_subgroup_plan_id'))

    op.drop_table('subgroup')
    with op.batch_alter_table('rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_scheme_id'))

    op.drop_table('rating')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_sort_key'))
        batch_op.drop_index(batch_op.f('ix_action_priority_id'))
        batch_op.drop_index(batch_op.f('ix_action_plan_id'))
        batch_op.drop_index(batch_op.f('ix_action_parent_id'))

    op.drop_table('action')
    with op.batch_alter_table('reporting_period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reporting_period_plan_id'))

    op.drop_table('reporting_period')
    op.drop_table('rating_scheme')
    with op.batch_alter_table('priority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_priority_sort_key'))
        batch_op.drop_index(batch_op.f('ix_priority_plan_id'))

    op.drop_table('priority')
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_version_plan_id'))

    op.drop_table('plan_version')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_plan_id'))

    op.drop_table('person')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_plan_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_ref'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_plan_id'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_sample_key'))

    op.drop_table('plan')

