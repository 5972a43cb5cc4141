"""The audit trail's hash chain: hashing and checking entries as plain dicts (no Flask, no DB).

Each entry's hash is the SHA-256 of a canonical JSON object made of its fields and the hash
of the entry before it, so editing or deleting an entry breaks the chain from that point on.
The web application stores the entries; the dossier verifier checks them offline with the
same code.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime

GENESIS = "0" * 64
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


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of checking entries: how many, and the first problem if any."""

    checked: int
    head_seq: int | None
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""
    gaps: tuple[tuple[int, int], ...] = ()

    @property
    def is_intact(self) -> bool:
        return self.broken_seq is None


def _own_problem(entry: dict) -> str:
    if not isinstance(entry.get("seq"), int):
        return "has no sequence number"
    if entry_hash(entry, entry.get("prev_hash") or "") != entry.get("hash"):
        return "its content does not match its hash: it has been edited"
    return ""


def verify_chain(entries: Iterable[dict]) -> ChainCheck:
    """Check the whole chain from the first entry: numbers 1, 2, 3 … with no gap, each entry's
    hash recomputed, each previous hash equal to the hash of the entry before."""
    expected_seq, prev, count = 1, GENESIS, 0
    for entry in entries:
        problem = _own_problem(entry)
        if not problem and entry["seq"] != expected_seq:
            problem = f"entries {expected_seq}–{entry['seq'] - 1} are missing: deleted"
        elif not problem and entry.get("prev_hash") != prev:
            problem = "its previous hash is not the hash of the entry before: the chain was cut"
        if problem:
            return ChainCheck(count, expected_seq - 1 or None, prev, entry.get("seq"), problem)
        prev, expected_seq, count = entry["hash"], expected_seq + 1, count + 1
    return ChainCheck(count, expected_seq - 1 or None, prev)


def verify_excerpt(entries: Iterable[dict]) -> ChainCheck:
    """Check a subsequence of the chain (e.g. one procurement's entries): every entry's own hash,
    and the link wherever two included entries are neighbours in the chain. Gaps (entries that
    belong to other procurements) cannot be checked here and are reported as such."""
    last, gaps, count = None, [], 0
    for entry in entries:
        problem = _own_problem(entry)
        if not problem and last is not None:
            if entry["seq"] <= last["seq"]:
                problem = "entries are out of order or repeated"
            elif entry["seq"] == last["seq"] + 1 and entry.get("prev_hash") != last["hash"]:
                problem = "its previous hash is not the hash of the entry before: the chain was cut"
            elif entry["seq"] > last["seq"] + 1:
                gaps.append((last["seq"] + 1, entry["seq"] - 1))
        if problem:
            head = last or {"seq": None, "hash": GENESIS}
            return ChainCheck(count, head["seq"], head["hash"], entry.get("seq"), problem, ())
        last, count = entry, count + 1
    head = last or {"seq": None, "hash": GENESIS}
    return ChainCheck(count, head["seq"], head["hash"], gaps=tuple(gaps))
