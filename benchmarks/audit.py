"""Benchmark: checking the audit trail's hash chain of 10,000 entries.

Run from the repository root:

    python benchmarks/audit.py

It makes a fresh SQLite database in a temporary folder, appends 10,000 entries through the
trail's own code (checker.web.audit.append: read the newest entry, chain, insert; 500 per
transaction) with before/after values the size of a typical procurement change, and measures:

- appending: microseconds per entry;
- checking the stored chain (checker.web.audit_trail.verify_stored_chain: read in batches,
  rebuild each entry's canonical JSON, hash, compare links), the way `checker audit verify`
  and the chain page do; median of 5;
- the core alone (checker.audit_chain.verify_chain on the entries already in memory);
- the baseline: hashlib.sha256 over the same canonical bytes, already made, in the same run.

Target: the whole check under 1 s for 10,000 entries (the chain page verifies on demand); the
ratio to hashlib alone is printed to show what the JSON and database reading cost.

Then a trail of 1,000,000 entries (each hashed, chained and sealed with the trail's own core
functions, inserted in bulk; a checkpoint signed with a real RSA-3072 key every 1,000 entries,
the newest at 999,001, so 999 entries follow it: the most a check from a checkpoint meets) and:

- the check from the newest checkpoint (checker.web.audit.checkpoints.verify_from_checkpoint:
  the checkpoint's signature, the entry it signed, the count of entries before it, then every
  entry after it hashed, linked and sealed), the way `checker audit verify` and the chain page
  do; median of 5;
- the baseline in the same run: the full re-hash of all 1,000,000 entries (verify_stored_chain),
  once.

Target: the check from the checkpoint under 1 s at 1,000,000 entries. `--skip-million` leaves
the second part out. This is a measurement, not a test: it exits 0 and prints TARGET MISSED when
a target is missed.
"""

import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.audit.chain import FIELDS  # noqa: E402
from checker.audit.chain import canonical  # noqa: E402
from checker.audit.chain import verify_chain  # noqa: E402

ENTRIES = 10_000
PER_TRANSACTION = 500
RUNS = 5
TARGET_SECONDS = 1.0


def _entry(number: int) -> dict:
    return {
        "kind": "changed",
        "table": "procurement",
        "row_id": str(number % 300 + 1),
        "procurement_id": number % 300 + 1,
        "organisation_id": 1,
        "before": {"title": f"Nye Bryn skole {number}", "state": "draft", "tailoring": {}},
        "after": {"title": f"Nye Bryn skole {number + 1}", "state": "published"},
    }


def _fill(db, audit) -> float:
    started = time.perf_counter()
    for first in range(0, ENTRIES, PER_TRANSACTION):
        connection = db.session.connection()
        for number in range(first, first + PER_TRANSACTION):
            audit.append(connection, _entry(number))
        db.session.commit()
    return time.perf_counter() - started


def _fill_unsealed(folder: str, audit) -> float:
    """The same appends into a second database with sealing and checkpoints switched off: what
    appending cost before entries were sealed, on this machine, now."""
    from sqlalchemy import create_engine

    from checker.web.models import AuditEntry

    engine = create_engine(f"sqlite:///{folder}/unsealed.sqlite")
    AuditEntry.__table__.create(engine)
    after_append, entry_seal = audit.checkpoints.after_append, audit.entry_seal
    audit.checkpoints.after_append = lambda connection, seq, moment: None
    audit.entry_seal = lambda key, digest: None
    try:
        started = time.perf_counter()
        for first in range(0, ENTRIES, PER_TRANSACTION):
            with engine.begin() as connection:
                for number in range(first, first + PER_TRANSACTION):
                    audit.append(connection, _entry(number))
        return time.perf_counter() - started
    finally:
        audit.checkpoints.after_append, audit.entry_seal = after_append, entry_seal
        engine.dispose()


def _median_time(function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


MILLION = 1_000_000
EVERY = 1_000
BULK = 20_000


def _million_rows(seal_key: bytes, key, sign_bytes):
    """Entries 1..MILLION as rows, and a signed checkpoint every EVERY entries up to 999,001."""
    from datetime import UTC
    from datetime import datetime

    from checker.audit.chain import GENESIS
    from checker.audit.chain import checkpoint_bytes
    from checker.audit.chain import entry_seal
    from checker.audit.chain import iso_time
    from checker.audit.chain import seal

    moment = datetime(2026, 12, 1, 9, tzinfo=UTC)
    at, prev, rows, marks = iso_time(moment), GENESIS, [], []
    for seq in range(1, MILLION + 1):
        entry = seal(
            {"seq": seq, "at": at, "actor": "benchmark", "actor_id": None} | _entry(seq), prev
        )
        prev = entry["hash"]
        rows.append(
            {
                "seq": seq,
                "at": moment,
                "actor": "benchmark",
                "actor_id": None,
                "kind": entry["kind"],
                "table_name": entry["table"],
                "row_id": entry["row_id"],
                "procurement_id": entry["procurement_id"],
                "organisation_id": entry["organisation_id"],
                "before": entry["before"],
                "after": entry["after"],
                "prev_hash": entry["prev_hash"],
                "hash": entry["hash"],
                "seal": entry_seal(seal_key, entry["hash"]),
            }
        )
        if seq % EVERY == 1 and seq <= MILLION - EVERY + 1:
            payload = checkpoint_bytes(seq, entry["hash"], at)
            marks.append(
                {
                    "seq": seq,
                    "hash": entry["hash"],
                    "at": moment,
                    "certificate_sha256": key.fingerprint,
                    "signature": sign_bytes(payload, key),
                }
            )
        if len(rows) == BULK:
            yield rows, marks
            rows, marks = [], []
    if rows:
        yield rows, marks


def measure_million(folder: str) -> None:
    os.environ["CHECKER_INSTANCE_PATH"] = folder
    from checker.signing.cms import sign_bytes
    from checker.web import create_app
    from checker.web import signing
    from checker.web.audit import checkpoints
    from checker.web.audit.trail import verify_stored_chain
    from checker.web.extensions import db
    from checker.web.models import AuditCheckpoint
    from checker.web.models import AuditEntry

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/million.sqlite", "SECRET_KEY": "bench"}
    )
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        key = signing.current().key
        for rows, marks in _million_rows(checkpoints.seal_key(), key, sign_bytes):
            db.session.execute(AuditEntry.__table__.insert(), rows)
            if marks:
                db.session.execute(AuditCheckpoint.__table__.insert(), marks)
            db.session.commit()
        filling = time.perf_counter() - started
        fast, result = _median_time(checkpoints.verify_from_checkpoint)
        started = time.perf_counter()
        whole = verify_stored_chain()
        full = time.perf_counter() - started
        db.engine.dispose()
    state = "intact" if result.is_intact else f"BROKEN ({result.problem or result.chain.problem})"
    print()
    print(
        f"{MILLION:,} entries, a signed checkpoint every {EVERY:,}, SQLite (filled in {filling:.0f} s)"
    )
    print(
        f"check from the newest checkpoint ({result.checkpoint_seq:,}; {result.chain.checked} "
        f"entries after it): {fast * 1000:8.1f} ms  ({state})"
    )
    print(
        f"full re-hash of every entry (baseline):          {full * 1000:8.0f} ms  "
        f"({'intact' if whole.is_intact else 'BROKEN'})"
    )
    print(f"ratio full / from checkpoint:                    {full / fast:8.0f}")
    verdict = "met" if fast < TARGET_SECONDS and result.is_intact else "TARGET MISSED"
    print(f"target: check from a checkpoint under {TARGET_SECONDS:.0f} s at {MILLION:,}: {verdict}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as folder:
        measure(folder)
    if "--skip-million" not in sys.argv:
        with tempfile.TemporaryDirectory(prefix="audit-bench-million-") as folder:
            measure_million(folder)


def measure(folder: str) -> None:
    os.environ["CHECKER_INSTANCE_PATH"] = folder
    from checker.web import create_app
    from checker.web.audit import recording as audit
    from checker.web.audit.trail import stream
    from checker.web.audit.trail import verify_stored_chain
    from checker.web.extensions import db

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite", "SECRET_KEY": "bench"}
    )
    with app.app_context(), audit.acting_as("benchmark"):
        db.create_all()
        appending = _fill(db, audit)
        unsealed = _fill_unsealed(folder, audit)
        stored, result = _median_time(verify_stored_chain)
        entries = list(stream())
        core, _ = _median_time(lambda: verify_chain(entries))
        payloads = [
            canonical({n: e[n] for n in FIELDS} | {"prev_hash": e["prev_hash"]}) for e in entries
        ]
        baseline, _ = _median_time(lambda: [hashlib.sha256(p).hexdigest() for p in payloads])
        db.engine.dispose()
    size = sum(len(p) for p in payloads) / len(payloads)
    print(f"{ENTRIES} entries, {size:.0f} bytes of canonical JSON each on average, SQLite")
    print(
        f"append:                 {appending / ENTRIES * 1e6:8.0f} µs per entry  (sealed, "
        f"checkpoint every 1,000; without seals and checkpoints, same run: "
        f"{unsealed / ENTRIES * 1e6:.0f} µs)"
    )
    print(
        f"check stored chain:     {stored * 1000:8.1f} ms  ({'intact' if result.is_intact else 'BROKEN'})"
    )
    print(f"check in memory (core): {core * 1000:8.1f} ms")
    print(f"hashlib alone:          {baseline * 1000:8.1f} ms")
    print(f"ratio stored / hashlib: {stored / baseline:8.1f}")
    print(f"ratio core / hashlib:   {core / baseline:8.1f}")
    verdict = "met" if stored < TARGET_SECONDS else "TARGET MISSED"
    print(f"target: whole check under {TARGET_SECONDS:.0f} s for {ENTRIES} entries: {verdict}")


if __name__ == "__main__":
    main()
