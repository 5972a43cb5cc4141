"""The audit trail's hash chain: hashing and checking entries as plain dicts (no Flask, no DB).

Each entry's hash is the SHA-256 of a canonical JSON object made of its fields and the hash
of the entry before it, so editing or deleting an entry breaks the chain from that point on.
The web application stores the entries; the dossier verifier checks them offline with the
same code.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

GENESIS = "0" * 64
CHECKPOINT_FORMAT = "climate-audit-checkpoint/1"
# The fields an entry's hash covers, besides the previous entry's hash.
FIELDS = (
    "seq",
    "at",
    "actor",
    "actor_id",
    "kind",
    "table",
    "row_id",
    "procurement_id",
    "organisation_id",
    "before",
    "after",
)


def iso_time(moment: datetime) -> str:
    """ISO 8601 in UTC to the microsecond, with a Z: one spelling for every database."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(value) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same data always gives the same bytes."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def entry_hash(entry: dict, prev_hash: str) -> str:
    """The hash of one entry chained to the hash of the entry before it."""
    covered = {name: entry.get(name) for name in FIELDS}
    covered["prev_hash"] = prev_hash
    return hashlib.sha256(canonical(covered)).hexdigest()


def seal(entry: dict, prev_hash: str) -> dict:
    """The entry with its previous hash and its own hash filled in."""
    return {**entry, "prev_hash": prev_hash, "hash": entry_hash(entry, prev_hash)}


def entry_seal(key: bytes, digest: str) -> str:
    """An entry's seal: HMAC-SHA256 of its hash with the instance's audit seal key. Anyone can
    compute a hash; only the system can seal, so an entry added behind its back is found."""
    return hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()


def checkpoint_bytes(seq: int, digest: str, at: str) -> bytes:
    """What a checkpoint's signature covers: the chain's head entry and when it was stated."""
    return canonical({"format": CHECKPOINT_FORMAT, "seq": seq, "hash": digest, "at": at})


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of checking entries: how many, and the first problem if any."""

    checked: int
    head_seq: int | None
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""
    gaps: tuple[tuple[int, int], ...] = ()
    reason: str = ""  # a key of REASONS, for callers that word the problem themselves

    @property
    def is_intact(self) -> bool:
        return self.broken_seq is None


REASONS = {
    "no_seq": "the entry has no sequence number",
    "edited": "its content does not match its hash: it has been edited",
    "missing": "entries before it are missing: deleted",
    "cut": "its previous hash is not the hash of the entry before: the chain was cut",
    "order": "entries are out of order or repeated",
    "unsealed": "it carries no valid seal: added without the key, straight into the database",
}


def _own_problem(entry: dict, seal_key: bytes | None = None) -> str:
    if not isinstance(entry.get("seq"), int):
        return "no_seq"
    if entry_hash(entry, entry.get("prev_hash") or "") != entry.get("hash"):
        return "edited"
    if seal_key is not None and not hmac.compare_digest(
        entry.get("seal") or "", entry_seal(seal_key, entry["hash"])
    ):
        return "unsealed"
    return ""


def _broken(count: int, head: dict | None, entry: dict, reason: str, gaps=()) -> ChainCheck:
    head = head or {"seq": None, "hash": GENESIS}
    problem = REASONS[reason]
    if reason == "missing" and isinstance(entry.get("seq"), int):
        first = (head["seq"] or 0) + 1
        problem = f"entries {first}–{entry['seq'] - 1} are missing: deleted"
    return ChainCheck(count, head["seq"], head["hash"], entry.get("seq"), problem, gaps, reason)


def verify_chain(
    entries: Iterable[dict], start: dict | None = None, seal_key: bytes | None = None
) -> ChainCheck:
    """Check the chain: numbers 1, 2, 3 … with no gap, each entry's hash recomputed, each
    previous hash equal to the hash of the entry before. From the start given ({seq, hash} of
    the entry before the first one, e.g. a checkpoint's) or from the first entry; with a seal
    key, every entry must carry its seal."""
    last, count = start, 0
    for entry in entries:
        reason = _own_problem(entry, seal_key)
        expected_seq = last["seq"] + 1 if last else 1
        if not reason and entry["seq"] != expected_seq:
            reason = "missing" if entry["seq"] > expected_seq else "order"
        elif not reason and entry.get("prev_hash") != (last["hash"] if last else GENESIS):
            reason = "cut"
        if reason:
            return _broken(count, last, entry, reason)
        last, count = entry, count + 1
    head = last or {"seq": None, "hash": GENESIS}
    return ChainCheck(count, head["seq"], head["hash"])


def verify_excerpt(entries: Iterable[dict]) -> ChainCheck:
    """Check a subsequence of the chain (e.g. one procurement's entries): every entry's own hash,
    and the link wherever two included entries are neighbours in the chain. Gaps (entries that
    belong to other procurements) cannot be checked here and are reported as such."""
    last, gaps, count = None, [], 0
    for entry in entries:
        reason = _own_problem(entry)
        if not reason and last is not None:
            if entry["seq"] <= last["seq"]:
                reason = "order"
            elif entry["seq"] == last["seq"] + 1 and entry.get("prev_hash") != last["hash"]:
                reason = "cut"
            elif entry["seq"] > last["seq"] + 1:
                gaps.append((last["seq"] + 1, entry["seq"] - 1))
        if reason:
            return _broken(count, last, entry, reason)
        last, count = entry, count + 1
    head = last or {"seq": None, "hash": GENESIS}
    return ChainCheck(count, head["seq"], head["hash"], gaps=tuple(gaps))
