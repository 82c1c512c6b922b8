"""drop the assessment index on competency_id alone

No query reads assessments by competency without the person (they go through
ix_assessment_staff_competency_date), and competencies are never deleted one by one, so the index only cost
time: rebuilding it after a bulk load of 670,000 levels took 0.5 s of a 9 s import.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 02:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_assessment_competency_id')


def downgrade() -> None:
    with op.batch_alter_table('assessment', schema=None) as batch_op:
        batch_op.create_index('ix_assessment_competency_id', ['competency_id'], unique=False)
