"""Signed checkpoints of the audit chain's head, and checking the trail from the newest one.

Every entry is sealed (checker.audit.chain.entry_seal) when it is appended. Every N entries,
at least daily, and for every dossier, the head is stated in a checkpoint signed with the
organisation's key. The check starts at the newest checkpoint: its signature, the entry it names
still there with its hash, no entry before it missing, and every entry after it linked and
sealed. So it stays fast however long the trail grows, and an entry someone inserts into the
database without the key is found. A checkpoint is only written once the entries since the one
before have been checked, so it never vouches for an entry added behind the system's back.
"""

import base64
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

from flask import current_app
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.engine import Connection

from checker import clock
from checker.audit.chain import ChainCheck
from checker.audit.chain import checkpoint_bytes
from checker.audit.chain import entry_hash
from checker.audit.chain import iso_time
from checker.audit.chain import verify_chain
from checker.signing.checks import check_detached
from checker.signing.cms import sign_bytes
from checker.web import signing
from checker.web.audit.trail import entry_from_row
from checker.web.audit.trail import stream
from checker.web.extensions import db
from checker.web.models import AuditCheckpoint
from checker.web.models import AuditEntry

ENTRIES = AuditEntry.__table__
CHECKPOINTS = AuditCheckpoint.__table__
MAX_AGE = timedelta(days=1)


def seal_key() -> bytes:
    return current_app.config["AUDIT_SEAL_KEY"].encode("utf-8")


NEWEST = select(CHECKPOINTS).order_by(CHECKPOINTS.c.seq.desc()).limit(1)
# Built once: an append asks for it every time, and building a statement costs more than running it.
NEWEST_AT = select(CHECKPOINTS.c.seq, CHECKPOINTS.c.at).order_by(CHECKPOINTS.c.seq.desc()).limit(1)


def _newest(connection: Connection):
    return connection.execute(NEWEST).first()


def _entry(connection: Connection, seq: int):
    row = connection.execute(select(ENTRIES).where(ENTRIES.c.seq == seq)).first()
    return entry_from_row(row) if row else None


@dataclass(frozen=True)
class TrailCheck:
    """The chain checked from a checkpoint: the entries after it, and the checkpoint itself."""

    chain: ChainCheck
    checkpoint_seq: int | None = None
    checkpoints_checked: int = 0
    problem: str = ""
    reason: str = ""  # a key of checker.web.audit.forms.CHAIN_PROBLEMS, for the page

    @property
    def is_intact(self) -> bool:
        return self.chain.is_intact and not self.problem


def _checkpoint_problem(connection: Connection, checkpoint, trusted) -> tuple[str, str]:
    """What is wrong with a checkpoint, in words and as a reason key: its signature, or the
    entry it states."""
    payload = checkpoint_bytes(checkpoint.seq, checkpoint.hash, iso_time(checkpoint.at))
    signature = check_detached(payload, checkpoint.signature, trusted)
    if not signature.is_valid:
        return f"checkpoint {checkpoint.seq}: {signature.problem}", "checkpoint_signature"
    entry = _entry(connection, checkpoint.seq)
    if (
        entry is None
        or entry["hash"] != checkpoint.hash
        or entry_hash(entry, entry["prev_hash"]) != entry["hash"]
    ):
        return (
            f"entry {checkpoint.seq} is not the one checkpoint {checkpoint.seq} signed: the trail "
            "was rewritten",
            "checkpoint_entry",
        )
    return "", ""


def _tail(connection: Connection, checkpoint) -> ChainCheck:
    start = None
    if checkpoint is not None:
        start = {"seq": checkpoint.seq, "hash": checkpoint.hash}
    after = checkpoint.seq if checkpoint is not None else 0
    entries = stream(after=after, execute=connection.execute)
    return verify_chain(entries, start=start, seal_key=seal_key())


def verify_from_checkpoint(connection: Connection | None = None) -> TrailCheck:
    """The fast check: from the newest checkpoint to the head."""
    connection = connection or db.session.connection()
    checkpoint = _newest(connection)
    if checkpoint is None:
        return TrailCheck(_tail(connection, None))
    problem, reason = _checkpoint_problem(connection, checkpoint, signing.current().trusted())
    before = connection.execute(
        select(func.count()).select_from(ENTRIES).where(ENTRIES.c.seq <= checkpoint.seq)
    ).scalar()
    if not problem and before != checkpoint.seq:
        problem = f"{checkpoint.seq - before} entries up to checkpoint {checkpoint.seq} are missing"
        reason = "checkpoint_missing"
    return TrailCheck(_tail(connection, checkpoint), checkpoint.seq, 1, problem, reason)


def verify_everything() -> TrailCheck:
    """The whole trail: every entry's hash and link, every checkpoint, then the fast check."""
    connection = db.session.connection()
    whole = verify_chain(stream())
    trusted = signing.current().trusted()
    count = 0
    for checkpoint in connection.execute(select(CHECKPOINTS).order_by(CHECKPOINTS.c.seq)):
        count += 1
        problem, reason = _checkpoint_problem(connection, checkpoint, trusted)
        if problem:
            return TrailCheck(whole, checkpoint.seq, count, problem, reason)
    if not whole.is_intact:
        return TrailCheck(whole, None, count)
    fast = verify_from_checkpoint(connection)
    return TrailCheck(fast.chain, fast.checkpoint_seq, count, fast.problem, fast.reason)


def _write(connection: Connection, seq: int, digest: str, moment: datetime) -> dict:
    key = signing.current().key
    at = iso_time(moment)
    signature = sign_bytes(checkpoint_bytes(seq, digest, at), key)
    connection.execute(
        CHECKPOINTS.insert().values(
            seq=seq, hash=digest, at=moment, certificate_sha256=key.fingerprint, signature=signature
        )
    )
    return record(_newest(connection))


def checkpoint_head(connection: Connection, moment: datetime | None = None) -> dict | None:
    """Sign the chain's head now, once the entries since the last checkpoint check out; None
    when there is nothing to sign or they do not (logged: the trail needs looking at)."""
    head = connection.execute(
        select(ENTRIES.c.seq, ENTRIES.c.hash).order_by(ENTRIES.c.seq.desc()).limit(1)
    ).first()
    if head is None:
        return None
    last = _newest(connection)
    if last is not None and last.seq == head.seq:
        return record(last)
    tail = verify_from_checkpoint(connection)
    if not tail.is_intact:
        current_app.logger.error(
            "audit checkpoint refused: %s",
            tail.problem or f"entry {tail.chain.broken_seq}: {tail.chain.problem}",
        )
        return None
    return _write(connection, head.seq, head.hash, moment or clock.now())


def record(checkpoint) -> dict:
    """A stored checkpoint as a dossier carries it."""
    return {
        "seq": checkpoint.seq,
        "hash": checkpoint.hash,
        "at": iso_time(checkpoint.at),
        "certificate_sha256": checkpoint.certificate_sha256,
        "signature": base64.b64encode(checkpoint.signature).decode("ascii"),
    }


def after_append(connection: Connection, seq: int, moment: datetime) -> None:
    """Every N entries and at least daily, the entry just appended is signed as the head."""
    last = connection.execute(NEWEST_AT).first()
    every = current_app.config["AUDIT_CHECKPOINT_EVERY"]
    if last is None or seq - last.seq >= every or moment - last.at >= MAX_AGE:
        checkpoint_head(connection, moment)


def vouch_for_unsealed_trail(connection: Connection) -> dict | None:
    """A trail from before entries were sealed gets its first checkpoint (once its chain holds):
    the checkpoint vouches for the unsealed entries it covers."""
    if _newest(connection) is not None:
        return None
    sealed = connection.execute(
        select(func.count()).select_from(ENTRIES).where(ENTRIES.c.seal.is_not(None))
    ).scalar()
    if sealed or not verify_chain(stream(execute=connection.execute)).is_intact:
        return None
    head = connection.execute(
        select(ENTRIES.c.seq, ENTRIES.c.hash).order_by(ENTRIES.c.seq.desc()).limit(1)
    ).first()
    return _write(connection, head.seq, head.hash, clock.now()) if head else None
