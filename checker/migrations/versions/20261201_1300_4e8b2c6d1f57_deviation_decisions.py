"""deviation decisions and late-period reminders of the contract follow-up

Revision ID: 4e8b2c6d1f57
Revises: 4e1b7a2c9d58
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "4e8b2c6d1f57"
down_revision = "4e1b7a2c9d58"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "deviation_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("deviation_key", sa.String(length=300), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("item", sa.String(length=100), nullable=True),
        sa.Column("report_sha256", sa.String(length=64), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("sanction_nok", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("sanction_arithmetic", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["user.id"], name=op.f("fk_deviation_decision_decided_by_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_deviation_decision_procurement_id_procurement"),
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_deviation_decision_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deviation_decision")),
        sa.UniqueConstraint(
            "tender_id", "deviation_key", name=op.f("uq_deviation_decision_tender_id")
        ),
    )
    with op.batch_alter_table("deviation_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deviation_decision_procurement_id"), ["procurement_id"], unique=False
        )
    op.create_table(
        "period_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_period_reminder_procurement_id_procurement"),
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_period_reminder_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_reminder")),
        sa.UniqueConstraint("tender_id", "period_start", name=op.f("uq_period_reminder_tender_id")),
    )
    with op.batch_alter_table("period_reminder", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_period_reminder_procurement_id"), ["procurement_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("period_reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_period_reminder_procurement_id"))
    op.drop_table("period_reminder")
    with op.batch_alter_table("deviation_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deviation_decision_procurement_id"))
    op.drop_table("deviation_decision")
