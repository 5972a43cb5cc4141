"""The audit trail: every insert, update and delete of every model is recorded, chained by hash.

Recording is generic: mapper events on the declarative base see each row the unit of work
writes, so models added later are audited with no extra code. Each entry names who (the logged-in
user, or the actor set with `acting_as`), when, what (table, row, kind), and the values before
and after. Secrets are noted as changed without their values; binary columns are kept as their
SHA-256 and size. Semantic events (a report issued, a dossier exported) are added with `record`.
"""

import contextvars
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from decimal import Decimal

from flask import g
from flask import has_request_context
from sqlalchemy import ColumnElement
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Connection

from checker import clock
from checker.audit.chain import GENESIS
from checker.audit.chain import entry_seal
from checker.audit.chain import iso_time
from checker.audit.chain import seal
from checker.web.audit import checkpoints
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement

# Any number will do, as long as nothing else in the database takes the same advisory lock.
CHAIN_LOCK = 74_331_909
REDACTED = "(changed; value not recorded)"
SECRET_WORDS = ("password", "token", "secret")
TABLE = AuditEntry.__table__


@dataclass(frozen=True)
class Actor:
    label: str
    user_id: int | None = None


SYSTEM = Actor("system")
_acting: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("audit_actor", default=None)


def actor_for_user(user) -> Actor:
    return Actor(f"{user.email} ({user.role})", user.id)


@contextmanager
def acting_as(who):
    """Record changes made inside the block as done by this user, or by a label such as
    'cli: checker demo load' (commands and jobs have no logged-in user)."""
    if isinstance(who, Actor):
        actor = who
    elif isinstance(who, str):
        actor = Actor(who)
    else:
        actor = actor_for_user(who)
    token = _acting.set(actor)
    try:
        yield
    finally:
        _acting.reset(token)


def remember_request_user(user) -> None:
    """Called when the login manager loads a user, so the trail knows the actor without having
    to load the user during a flush."""
    g.audit_actor = actor_for_user(user)


def current_actor() -> Actor:
    explicit = _acting.get()
    if explicit is not None:
        return explicit
    if has_request_context() and g.get("audit_actor") is not None:
        return g.audit_actor
    if has_request_context():
        return Actor("anonymous web visitor")
    return SYSTEM


def _plain(value):
    """A column value as JSON the hash can cover: numbers exact, times ISO 8601, bytes hashed."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def _is_secret(model, key: str) -> bool:
    redacted = getattr(model, "__audit_redacted__", frozenset())
    return key in redacted or any(word in key.lower() for word in SECRET_WORDS)


def _value(model, key: str, value):
    return REDACTED if _is_secret(model, key) and value is not None else _plain(value)


def _columns(target):
    mapper = inspect(target).mapper
    return [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]


def _inserted_values(target) -> dict:
    """Every column as inserted (values the database makes itself are not known yet)."""
    state = inspect(target)
    return {
        key: _value(target, key, state.dict[key])
        for key, _column in _columns(target)
        if key in state.dict
    }


def recorded_values(target) -> dict:
    """A loaded row's columns as the trail records them (a dossier carries rows this way)."""
    return {key: _value(target, key, getattr(target, key)) for key, _column in _columns(target)}


def _stored_row(connection: Connection, target):
    """The row as the database holds it now, read before it is changed or deleted: the object
    may not have loaded (or may have expired) the values the trail must show as 'before'."""
    mapper = inspect(target).mapper
    keys = mapper.primary_key_from_instance(target)
    condition = [column == key for column, key in zip(mapper.primary_key, keys, strict=True)]
    return connection.execute(select(mapper.local_table).where(*condition)).mappings().first()


def _stored_values(connection: Connection, target) -> dict:
    row = _stored_row(connection, target) or {}
    return {key: _value(target, key, row.get(column)) for key, column in _columns(target)}


def _changes(connection: Connection, target) -> tuple[dict, dict]:
    state = inspect(target)
    changed = [(k, c) for k, c in _columns(target) if state.attrs[k].history.has_changes()]
    if not changed:
        return {}, {}
    row = _stored_row(connection, target) or {}
    before, after = {}, {}
    for key, column in changed:
        old, new = row.get(column), state.attrs[key].history.added
        new = new[0] if new else None
        if _plain(old) != _plain(new):
            before[key], after[key] = _value(target, key, old), _value(target, key, new)
    return before, after


def _row_id(target) -> str:
    keys = inspect(target).mapper.primary_key_from_instance(target)
    return "/".join(str(part) for part in keys)


def _resolve(connection: Connection, value):
    if isinstance(value, ColumnElement):
        return connection.execute(select(value)).scalar()
    return value


def _ownership(connection: Connection, target) -> tuple[int | None, int | None]:
    """(procurement id, organisation id) the row belongs to, where the model says."""
    procurement_id = _resolve(connection, getattr(target, "audit_procurement_id", None))
    if procurement_id is not None:
        organisation_id = connection.execute(
            select(Procurement.organisation_id).where(Procurement.id == procurement_id)
        ).scalar()
        return procurement_id, organisation_id
    return None, _resolve(connection, getattr(target, "audit_organisation_id", None))


def _take_turns(connection: Connection) -> None:
    """Two transactions must never chain to the same entry: they take turns from here to the
    end of the transaction, so the one that waited reads the other's entry."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    elif connection.dialect.name == "sqlite":
        # A write that changes nothing takes SQLite's write lock before the newest entry is read.
        connection.execute(text("UPDATE audit_entry SET seq = seq WHERE 0 = 1"))


def append(connection: Connection, entry: dict) -> dict:
    """Chain one entry to the newest, seal it and insert it, inside the caller's transaction
    (with a signed checkpoint when one is due)."""
    _take_turns(connection)
    last = connection.execute(
        select(TABLE.c.seq, TABLE.c.hash).order_by(TABLE.c.seq.desc()).limit(1)
    ).first()
    actor = current_actor()
    moment = clock.now()
    entry = {
        "seq": last.seq + 1 if last else 1,
        "at": iso_time(moment),
        "actor": actor.label,
        "actor_id": actor.user_id,
        **entry,
    }
    sealed = seal(entry, last.hash if last else GENESIS)
    sealed["seal"] = entry_seal(checkpoints.seal_key(), sealed["hash"])
    row = {attr.columns[0].key: sealed[attr.key] for attr in AuditEntry.__mapper__.column_attrs}
    connection.execute(TABLE.insert().values(**(row | {"at": moment})))
    checkpoints.after_append(connection, sealed["seq"], moment)
    return sealed


def _row_entry(connection, target, kind: str, before, after) -> None:
    procurement_id, organisation_id = _ownership(connection, target)
    append(
        connection,
        {
            "kind": kind,
            "table": target.__table__.name,
            "row_id": _row_id(target),
            "procurement_id": procurement_id,
            "organisation_id": organisation_id,
            "before": before,
            "after": after,
        },
    )


def _audited(model) -> bool:
    """Every model but the trail itself and those that say `__audited__ = False`."""
    return model is not AuditEntry and getattr(model, "__audited__", True)


def _after_insert(mapper, connection, target):
    if _audited(type(target)):
        _row_entry(connection, target, "created", None, _inserted_values(target))


def _before_update(mapper, connection, target):
    if not _audited(type(target)):
        return
    before, after = _changes(connection, target)
    if after:
        _row_entry(connection, target, "changed", before, after)


def _before_delete(mapper, connection, target):
    if _audited(type(target)):
        _row_entry(connection, target, "deleted", _stored_values(connection, target), None)


class BulkChangeNotAudited(RuntimeError):
    """A bulk UPDATE or DELETE would change rows without the audit trail seeing them."""


def _refuse_bulk_changes(state):
    mapper = state.bind_mapper
    if mapper is not None and not _audited(mapper.class_):
        return
    if (state.is_update or state.is_delete) and state.is_orm_statement:
        raise BulkChangeNotAudited(
            "bulk UPDATE/DELETE bypasses the audit trail: load the rows and change them instead"
        )


def record(
    kind: str, table: str, row_id=None, *, procurement_id=None, organisation_id=None, details=None
) -> dict:
    """Add a semantic entry (e.g. 'report_issued', 'dossier_exported') in the current
    transaction; the caller commits."""
    connection = db.session.connection()
    if procurement_id is not None:
        organisation_id = connection.execute(
            select(Procurement.organisation_id).where(Procurement.id == procurement_id)
        ).scalar()
    return append(
        connection,
        {
            "kind": kind,
            "table": table,
            "row_id": None if row_id is None else str(row_id),
            "procurement_id": procurement_id,
            "organisation_id": organisation_id,
            "before": None,
            "after": _plain(details),
        },
    )


def install() -> None:
    """Listen to every model, present and future (once per process)."""
    # db.Model, not extensions.Base: Flask-SQLAlchemy builds its own base class from it.
    if event.contains(db.Model, "after_insert", _after_insert):
        return
    event.listen(db.Model, "after_insert", _after_insert, propagate=True)
    event.listen(db.Model, "before_update", _before_update, propagate=True)
    event.listen(db.Model, "before_delete", _before_delete, propagate=True)
    event.listen(db.session, "do_orm_execute", _refuse_bulk_changes)
