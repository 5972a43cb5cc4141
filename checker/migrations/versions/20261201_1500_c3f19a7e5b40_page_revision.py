"""the data revision kept pages are checked against

Revision ID: c3f19a7e5b40
Revises: a17c0e5d3b62
Create Date: 2026-12-01 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "c3f19a7e5b40"
down_revision = "a17c0e5d3b62"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "page_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_revision")),
    )
    # The one row the counter lives in: without it no page is kept.
    op.bulk_insert(table, [{"id": 1, "revision": 0}])


def downgrade():
    op.drop_table("page_revision")
