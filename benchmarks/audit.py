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
ratio to hashlib alone is printed to show what the JSON and database reading cost. This is a
measurement, not a test: it exits 0 and prints TARGET MISSED when the target is missed.
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


def _median_time(function) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as folder:
        measure(folder)


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
    print(f"append:                 {appending / ENTRIES * 1e6:8.0f} µs per entry")
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
