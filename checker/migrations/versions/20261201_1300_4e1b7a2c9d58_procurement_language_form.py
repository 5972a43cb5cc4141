"""the buyer's language form of a procurement (nb, nn or en)

Revision ID: 4e1b7a2c9d58
Revises: 9b2f6d4e8a13
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "4e1b7a2c9d58"
down_revision = "9b2f6d4e8a13"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language_form", sa.String(length=2), server_default="nb", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("procurement", schema=None) as batch_op:
        batch_op.drop_column("language_form")
