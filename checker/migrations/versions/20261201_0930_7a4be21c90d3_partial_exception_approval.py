"""partial exception approval: the share of an item's energy an approval waives

Revision ID: 7a4be21c90d3
Revises: 527a696671aa
Create Date: 2026-12-01 09:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7a4be21c90d3"
down_revision = "527a696671aa"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("exception_decision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("waived_share", sa.Numeric(precision=5, scale=4), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("exception_decision", schema=None) as batch_op:
        batch_op.drop_column("waived_share")
