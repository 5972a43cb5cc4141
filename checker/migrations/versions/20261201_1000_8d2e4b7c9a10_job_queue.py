"""job queue: procrastinate's schema on PostgreSQL, job ids and notes on runs and reports

Revision ID: 8d2e4b7c9a10
Revises: 3f6c1a9e7b21
Create Date: 2026-12-01 10:00:00

Background work (assessment runs, report rendering) goes through procrastinate's queue on
PostgreSQL. Its tables and functions live in their own schema, `procrastinate`, so they are
apart from the application's tables (and from what autogenerate compares). The schema is the one
of the pinned procrastinate version; a later version brings its own migration scripts, which a
new revision here applies. SQLite (the embedded default) runs jobs in the server process and
needs no queue tables.
"""

import sqlalchemy as sa
from alembic import op

revision = "8d2e4b7c9a10"
down_revision = "3f6c1a9e7b21"
branch_labels = None
depends_on = None

QUEUE_SCHEMA = "procrastinate"


def upgrade():
    for table in ("assessment_run", "issued_report"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("job_id", sa.BigInteger(), nullable=True))
            batch_op.add_column(sa.Column("note", sa.Text(), server_default="", nullable=False))
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from procrastinate.schema import SchemaManager

    bind.exec_driver_sql(f"DROP SCHEMA IF EXISTS {QUEUE_SCHEMA} CASCADE")
    bind.exec_driver_sql(f"CREATE SCHEMA {QUEUE_SCHEMA}")
    bind.exec_driver_sql(f"SET LOCAL search_path TO {QUEUE_SCHEMA}")
    # Straight to the driver: the script has '%' signs that are not placeholders.
    bind.connection.driver_connection.execute(SchemaManager.get_schema())
    bind.exec_driver_sql("SET LOCAL search_path TO DEFAULT")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.get_bind().exec_driver_sql(f"DROP SCHEMA IF EXISTS {QUEUE_SCHEMA} CASCADE")
    for table in ("assessment_run", "issued_report"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("note")
            batch_op.drop_column("job_id")
