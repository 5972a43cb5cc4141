"""Contract follow-up: period reports of awarded tenders, every version kept

Revision ID: 527a696671aa
Revises: 5196b527e75c
Create Date: 2026-12-01 09:38:20.362702

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "527a696671aa"
down_revision = "5196b527e75c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "period_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["accepted_by_id"], ["user.id"], name=op.f("fk_period_report_accepted_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_period_report_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_period_report_procurement_id_procurement"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["user.id"], name=op.f("fk_period_report_submitted_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_period_report_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_report")),
        sa.UniqueConstraint(
            "tender_id", "period_start", "version", name=op.f("uq_period_report_tender_id")
        ),
    )
    with op.batch_alter_table("period_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_period_report_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_period_report_procurement_id"), ["procurement_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("period_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_period_report_procurement_id"))
        batch_op.drop_index(batch_op.f("ix_period_report_organisation_id"))

    op.drop_table("period_report")
