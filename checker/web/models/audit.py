"""The append-only, hash-chained audit trail."""

from datetime import datetime

from sqlalchemy import DDL
from sqlalchemy import JSON
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import event
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from checker.audit.chain import iso_time
from checker.web.extensions import db
from checker.web.models.base import UtcDateTime


class AuditEntry(db.Model):
    """One entry of the append-only audit trail, chained to the one before by its hash
    (checker.audit_chain). Written only by checker.web.audit; never updated or deleted."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_procurement_seq", "procurement_id", "seq"),)

    # No foreign keys: the trail must outlive (and never block) the rows it describes.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(300))
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    table: Mapped[str] = mapped_column("table_name", String(64), index=True)
    row_id: Mapped[str | None] = mapped_column(String(64))
    procurement_id: Mapped[int | None] = mapped_column(Integer)
    organisation_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC of the hash with the instance's audit seal key (not part of the hash): an entry
    # inserted by someone without the key has none that fits. None on entries made before
    # seals existed, which the first checkpoint vouches for.
    seal: Mapped[str | None] = mapped_column(String(64))

    def as_dict(self) -> dict:
        """The entry as checker.audit_chain reads it (the time as its ISO 8601 spelling)."""
        fields = ("seq", "actor", "actor_id", "kind", "table", "row_id", "procurement_id")
        entry = {name: getattr(self, name) for name in fields}
        entry.update(
            at=iso_time(self.at),
            organisation_id=self.organisation_id,
            before=self.before,
            after=self.after,
            prev_hash=self.prev_hash,
            hash=self.hash,
        )
        return entry


class AuditCheckpoint(db.Model):
    """A signed statement of the chain's head: entry `seq` had hash `hash` at `at`, signed with
    the organisation's key (a detached CMS signature over checker.audit.chain's checkpoint
    bytes). The chain is checked from the newest one; written by checker.web.audit only."""

    __tablename__ = "audit_checkpoint"
    __audited__ = False  # a checkpoint states the trail's head; recording it would move the head

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    certificate_sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)


# The trail is append-only in the database too: UPDATE and DELETE are refused by a trigger (the
# migration creates the same ones). Someone with the rights to drop a trigger can still tamper;
# the hash chain is what detects that.
APPEND_ONLY_SQL = {
    "sqlite": [
        "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
        "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$",
        "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
    ],
}


CHECKPOINT_APPEND_ONLY_SQL = {
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


for _table, _sql in ((AuditEntry, APPEND_ONLY_SQL), (AuditCheckpoint, CHECKPOINT_APPEND_ONLY_SQL)):
    for _dialect, _statements in _sql.items():
        for _statement in _statements:
            event.listen(
                _table.__table__, "after_create", DDL(_statement).execute_if(dialect=_dialect)
            )
