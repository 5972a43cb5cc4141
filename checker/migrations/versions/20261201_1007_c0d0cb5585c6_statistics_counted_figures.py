"""Climate statistics: counted figures (per document, per organisation and month, covered and
expected days, a revision per organisation), the factor files used, and the publication

Revision ID: c0d0cb5585c6
Revises: ec3e7ab1cab9
Create Date: 2026-12-01 10:47:44.021918

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c0d0cb5585c6"
down_revision = "ec3e7ab1cab9"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "statistic_factor_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factors_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("carriers", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistic_factor_file")),
        sa.UniqueConstraint("sha256", name=op.f("uq_statistic_factor_file_sha256")),
    )
    op.create_table(
        "statistic_month",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("basis", sa.String(length=10), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("energy_carrier", sa.String(length=30), nullable=False),
        sa.Column("ruleset_id", sa.String(length=100), nullable=False),
        sa.Column("factor_file_id", sa.Integer(), nullable=False),
        sa.Column("litres", sa.Float(), nullable=False),
        sa.Column("kwh", sa.Float(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("km", sa.Float(), nullable=False),
        sa.Column("fossil_co2e_kg", sa.Float(), nullable=False),
        sa.Column("biogenic_co2_kg", sa.Float(), nullable=False),
        sa.Column("indirect_co2e_kg", sa.Float(), nullable=False),
        sa.Column("sustainable_kwh", sa.Float(), nullable=False),
        sa.Column("estimated_kwh", sa.Float(), nullable=False),
        sa.Column("mass_transport_km", sa.Float(), nullable=False),
        sa.Column("sustainable_km", sa.Float(), nullable=False),
        sa.Column("entries", sa.Float(), nullable=False),
        sa.Column("missing_energy", sa.Float(), nullable=False),
        sa.Column("missing_km", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["factor_file_id"],
            ["statistic_factor_file.id"],
            name=op.f("fk_statistic_month_factor_file_id_statistic_factor_file"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_statistic_month_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistic_month")),
        sa.UniqueConstraint(
            "organisation_id",
            "year",
            "basis",
            "month",
            "source",
            "energy_carrier",
            "ruleset_id",
            "factor_file_id",
            name=op.f("uq_statistic_month_organisation_id"),
        ),
    )
    op.create_table(
        "statistic_revision",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_statistic_revision_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_statistic_revision")),
    )
    op.create_table(
        "statistics_publication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_statistics_publication_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["user.id"],
            name=op.f("fk_statistics_publication_published_by_id_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_publication")),
        sa.UniqueConstraint(
            "organisation_id", name=op.f("uq_statistics_publication_organisation_id")
        ),
    )
    op.create_table(
        "statistic_coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("first_day", sa.SmallInteger(), nullable=False),
        sa.Column("last_day", sa.SmallInteger(), nullable=False),
        sa.Column("days_01", sa.SmallInteger(), nullable=False),
        sa.Column("days_02", sa.SmallInteger(), nullable=False),
        sa.Column("days_03", sa.SmallInteger(), nullable=False),
        sa.Column("days_04", sa.SmallInteger(), nullable=False),
        sa.Column("days_05", sa.SmallInteger(), nullable=False),
        sa.Column("days_06", sa.SmallInteger(), nullable=False),
        sa.Column("days_07", sa.SmallInteger(), nullable=False),
        sa.Column("days_08", sa.SmallInteger(), nullable=False),
        sa.Column("days_09", sa.SmallInteger(), nullable=False),
        sa.Column("days_10", sa.SmallInteger(), nullable=False),
        sa.Column("days_11", sa.SmallInteger(), nullable=False),
        sa.Column("days_12", sa.SmallInteger(), nullable=False),
        sa.Column("expected_01", sa.SmallInteger(), nullable=False),
        sa.Column("expected_02", sa.SmallInteger(), nullable=False),
        sa.Column("expected_03", sa.SmallInteger(), nullable=False),
        sa.Column("expected_04", sa.SmallInteger(), nullable=False),
        sa.Column("expected_05", sa.SmallInteger(), nullable=False),
        sa.Column("expected_06", sa.SmallInteger(), nullable=False),
        sa.Column("expected_07", sa.SmallInteger(), nullable=False),
        sa.Column("expected_08", sa.SmallInteger(), nullable=False),
        sa.Column("expected_09", sa.SmallInteger(), nullable=False),
        sa.Column("expected_10", sa.SmallInteger(), nullable=False),
        sa.Column("expected_11", sa.SmallInteger(), nullable=False),
        sa.Column("expected_12", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_statistic_coverage_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_statistic_coverage_procurement_id_procurement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistic_coverage")),
        sa.UniqueConstraint(
            "procurement_id", "year", name=op.f("uq_statistic_coverage_procurement_id")
        ),
    )
    with op.batch_alter_table("statistic_coverage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_statistic_coverage_organisation", ["organisation_id", "year"], unique=False
        )

    op.create_table(
        "statistic_contribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("procurement_id", sa.Integer(), nullable=False),
        sa.Column("tender_id", sa.Integer(), nullable=False),
        sa.Column("period_report_id", sa.Integer(), nullable=True),
        sa.Column("basis", sa.String(length=10), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("energy_carrier", sa.String(length=30), nullable=False),
        sa.Column("factor_file_id", sa.Integer(), nullable=False),
        sa.Column("litres", sa.Float(), nullable=False),
        sa.Column("kwh", sa.Float(), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("km", sa.Float(), nullable=False),
        sa.Column("fossil_co2e_kg", sa.Float(), nullable=False),
        sa.Column("biogenic_co2_kg", sa.Float(), nullable=False),
        sa.Column("indirect_co2e_kg", sa.Float(), nullable=False),
        sa.Column("sustainable_kwh", sa.Float(), nullable=False),
        sa.Column("estimated_kwh", sa.Float(), nullable=False),
        sa.Column("mass_transport_km", sa.Float(), nullable=False),
        sa.Column("sustainable_km", sa.Float(), nullable=False),
        sa.Column("entries", sa.Float(), nullable=False),
        sa.Column("missing_energy", sa.Float(), nullable=False),
        sa.Column("missing_km", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["factor_file_id"],
            ["statistic_factor_file.id"],
            name=op.f("fk_statistic_contribution_factor_file_id_statistic_factor_file"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_statistic_contribution_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["period_report_id"],
            ["period_report.id"],
            name=op.f("fk_statistic_contribution_period_report_id_period_report"),
        ),
        sa.ForeignKeyConstraint(
            ["procurement_id"],
            ["procurement.id"],
            name=op.f("fk_statistic_contribution_procurement_id_procurement"),
        ),
        sa.ForeignKeyConstraint(
            ["tender_id"], ["tender.id"], name=op.f("fk_statistic_contribution_tender_id_tender")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistic_contribution")),
    )
    with op.batch_alter_table("statistic_contribution", schema=None) as batch_op:
        batch_op.create_index(
            "ix_statistic_contribution_cell",
            ["organisation_id", "year", "month", "source"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_statistic_contribution_period_report_id"),
            ["period_report_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_statistic_contribution_project", ["procurement_id", "year", "month"], unique=False
        )


def downgrade():
    with op.batch_alter_table("statistic_contribution", schema=None) as batch_op:
        batch_op.drop_index("ix_statistic_contribution_project")
        batch_op.drop_index(batch_op.f("ix_statistic_contribution_period_report_id"))
        batch_op.drop_index("ix_statistic_contribution_cell")

    op.drop_table("statistic_contribution")
    with op.batch_alter_table("statistic_coverage", schema=None) as batch_op:
        batch_op.drop_index("ix_statistic_coverage_organisation")

    op.drop_table("statistic_coverage")
    op.drop_table("statistics_publication")
    op.drop_table("statistic_revision")
    op.drop_table("statistic_month")
    op.drop_table("statistic_factor_file")
