"""dossier exports: dossiers made on the job queue

Revision ID: 9b2f6d4e8a13
Revises: 4e8a1c7d2b90
Create Date: 2026-12-01 13:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "9b2f6d4e8a13"
down_revision = "4e8a1c7d2b90"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "dossier_export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("job_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_dossier_export_procurement_id_procurement"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"], ["user.id"], name=op.f("fk_dossier_export_requested_by_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_export")),
    )
    with op.batch_alter_table("dossier_export", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_export_procurement_id"), ["procurement_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("dossier_export", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_export_procurement_id"))
    op.drop_table("dossier_export")
