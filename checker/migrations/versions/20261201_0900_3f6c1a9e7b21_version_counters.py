"""version counters on bids, drafts and procurements

Revision ID: 3f6c1a9e7b21
Revises: 7a4be21c90d3
Create Date: 2026-12-01 09:00:00

Every write to these rows checks the version it read (SQLAlchemy's version_id_col), so a change
made from a stale copy fails instead of overwriting someone else's.
"""

import sqlalchemy as sa
from alembic import op

revision = "3f6c1a9e7b21"
down_revision = "7a4be21c90d3"
branch_labels = None
depends_on = None

TABLES = ("procurement", "tender", "self_assessment_draft")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
