"""index on procurement state and deadline, for the check whether a deadline has passed

Revision ID: 7c4a2d9e1b35
Revises: 5b9d3e1f2a44
Create Date: 2026-12-01 12:00:00
"""

from alembic import op

revision = "7c4a2d9e1b35"
down_revision = "5b9d3e1f2a44"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.create_index(
            "ix_procurement_state_deadline", ["state", "tender_deadline"], unique=False
        )


def downgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.drop_index("ix_procurement_state_deadline")
