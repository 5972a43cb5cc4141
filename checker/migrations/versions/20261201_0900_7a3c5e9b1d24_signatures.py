"""signatures: signed reports, sealed audit entries, signed audit checkpoints

Revision ID: 7a3c5e9b1d24
Revises: 7c4a2d9e1b35
Create Date: 2026-12-01 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7a3c5e9b1d24"
down_revision = "7c4a2d9e1b35"
branch_labels = None
depends_on = None

# A copy, not an import of the models: a migration stays what it was when it was written.
APPEND_ONLY_SQL = {
    "sqlite": [
        "CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint "
        "BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END",
        "CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint "
        "BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_checkpoint_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit checkpoints are append-only'; END $$",
        "CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint "
        "FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only()",
    ],
}
# SQLite's triggers refuse ALTER TABLE's copy-and-move of audit_entry; they are put back after.
ENTRY_TRIGGERS_SQLITE = [
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
]


def _add_seal():
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        # A plain ADD COLUMN: no table copy, so the rows and their triggers stay as they are.
        op.execute("ALTER TABLE audit_entry ADD COLUMN seal VARCHAR(64)")
        return
    op.add_column("audit_entry", sa.Column("seal", sa.String(length=64), nullable=True))


def upgrade():
    op.create_table(
        "audit_checkpoint",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_checkpoint")),
    )
    for statement in APPEND_ONLY_SQL.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    _add_seal()
    with op.batch_alter_table("issued_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unsigned_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("certificate_sha256", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("issued_report", schema=None) as batch_op:
        batch_op.drop_column("certificate_sha256")
        batch_op.drop_column("unsigned_sha256")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entry_no_delete")
        with op.batch_alter_table("audit_entry", schema=None) as batch_op:
            batch_op.drop_column("seal")
        for statement in ENTRY_TRIGGERS_SQLITE:
            op.execute(statement)
    else:
        op.drop_column("audit_entry", "seal")
        op.execute("DROP TRIGGER IF EXISTS audit_checkpoint_append_only ON audit_checkpoint")
        op.execute("DROP FUNCTION IF EXISTS audit_checkpoint_append_only()")
    op.drop_table("audit_checkpoint")
