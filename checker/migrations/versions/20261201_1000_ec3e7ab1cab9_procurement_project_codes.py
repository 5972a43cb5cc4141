"""Climate statistics: the buyer's project number and KOSTRA function on procurements

Revision ID: ec3e7ab1cab9
Revises: 7a3c5e9b1d24
Create Date: 2026-12-01 10:00:35.719572

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "ec3e7ab1cab9"
down_revision = "7a3c5e9b1d24"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_number", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("kostra_function", sa.String(length=3), nullable=True))


def downgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.drop_column("kostra_function")
        batch_op.drop_column("project_number")
