"""rate events: login attempts and anonymous drafts counted in the database

Revision ID: 5b9d3e1f2a44
Revises: 8d2e4b7c9a10
Create Date: 2026-12-01 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "5b9d3e1f2a44"
down_revision = "8d2e4b7c9a10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_event")),
    )
    with op.batch_alter_table("rate_event", schema=None) as batch_op:
        batch_op.create_index("ix_rate_event_kind_at", ["kind", "at"], unique=False)
        batch_op.create_index("ix_rate_event_kind_key_at", ["kind", "key", "at"], unique=False)


def downgrade():
    with op.batch_alter_table("rate_event", schema=None) as batch_op:
        batch_op.drop_index("ix_rate_event_kind_key_at")
        batch_op.drop_index("ix_rate_event_kind_at")
    op.drop_table("rate_event")
