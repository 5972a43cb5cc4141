"""Reading the audit trail: filtered lists, one procurement's entries, checking the chain."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from sqlalchemy import Select
from sqlalchemy import and_
from sqlalchemy import or_
from sqlalchemy import select

from checker.audit.chain import ChainCheck
from checker.audit.chain import iso_time
from checker.audit.chain import verify_chain
from checker.clock import OSLO
from checker.web.extensions import db
from checker.web.models import AuditEntry

TABLE = AuditEntry.__table__
BATCH = 2000


def entry_from_row(row) -> dict:
    """A stored row as the dict checker.audit_chain hashes."""
    return {
        "seq": row.seq,
        "at": iso_time(row.at),
        "actor": row.actor,
        "actor_id": row.actor_id,
        "kind": row.kind,
        "table": row.table_name,
        "row_id": row.row_id,
        "procurement_id": row.procurement_id,
        "organisation_id": row.organisation_id,
        "before": row.before,
        "after": row.after,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
        "seal": row.seal,
    }


def stream(query: Select | None = None, after: int = 0, execute=None) -> Iterator[dict]:
    """Entries in chain order (those after seq `after`), read in batches so a long trail does
    not fill the memory; through `execute` (a connection's, inside a flush) if given."""
    query = query if query is not None else select(TABLE)
    query = query.order_by(TABLE.c.seq)
    execute = execute or db.session.execute
    last = after
    while True:
        rows = execute(query.where(TABLE.c.seq > last).limit(BATCH)).all()
        yield from (entry_from_row(row) for row in rows)
        if len(rows) < BATCH:
            return
        last = rows[-1].seq


def verify_stored_chain() -> ChainCheck:
    """Check the hashes and links of the whole stored trail from its first entry (the seals
    and checkpoints: checker.web.audit.checkpoints)."""
    return verify_chain(stream())


def procurement_entries(procurement_id: int, organisation_ids=()) -> list[dict]:
    """One procurement's entries, and those of the organisations named (the buyer and the
    tenderers), as a dossier carries them (their seals stay in the system)."""
    named = [str(i) for i in organisation_ids]
    query = select(TABLE).where(
        or_(
            TABLE.c.procurement_id == procurement_id,
            and_(TABLE.c.table_name == "organisation", TABLE.c.row_id.in_(named)),
        )
    )
    return [{k: v for k, v in entry.items() if k != "seal"} for entry in stream(query)]


def entry_hash_at(seq: int) -> str | None:
    return db.session.scalar(select(TABLE.c.hash).where(TABLE.c.seq == seq))


def head() -> dict | None:
    row = db.session.execute(select(TABLE).order_by(TABLE.c.seq.desc()).limit(1)).first()
    return entry_from_row(row) if row else None


@dataclass(frozen=True)
class TrailFilter:
    """What an auditor asked to see; every field optional."""

    procurement_id: int | None = None
    actor_id: int | None = None
    kind: str | None = None
    table: str | None = None
    since: date | None = None
    until: date | None = None

    def apply(self, query: Select) -> Select:
        conditions = []
        if self.procurement_id is not None:
            conditions.append(AuditEntry.procurement_id == self.procurement_id)
        if self.actor_id is not None:
            conditions.append(AuditEntry.actor_id == self.actor_id)
        if self.kind:
            conditions.append(AuditEntry.kind == self.kind)
        if self.table:
            conditions.append(AuditEntry.table == self.table)
        if self.since:
            conditions.append(AuditEntry.at >= _day_start(self.since))
        if self.until:
            conditions.append(AuditEntry.at < _day_start(self.until + timedelta(days=1)))
        return query.where(*conditions)


def _day_start(day: date) -> datetime:
    # Days as the buyer sees them: the web pages show times in Norwegian time.
    return datetime.combine(day, time(0), tzinfo=OSLO)


def filtered(trail_filter: TrailFilter, organisation_id: int | None = None) -> Select:
    """Entries matching the filter, newest first; only one organisation's when given."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if organisation_id is not None:
        query = query.where(AuditEntry.organisation_id == organisation_id)
    return trail_filter.apply(query)
