"""Benchmark: a 2,000-machine list in Excel, read and validated, against openpyxl merely reading it.

Run from the repository root:

    python benchmarks/intake.py

The workbook is the machine-list template of dfo-fossil-free-site 1.0 (Norwegian), filled by
build_xlsx with benchmarks/engine.py's tender of 2,000 machines (plus its vehicles, heating, fuels
and documents). Timed, in alternating pairs (at least 5; medians):

- ours: read_upload (ZIP checks, openpyxl in read-only mode, every cell converted and checked, per
  row problems) + apply_to + validate_tender (the whole tender against the JSON Schema and the
  semantic checks);
- openpyxl alone: load_workbook(read_only=True) and every row's values of every sheet, nothing
  else: the floor any XLSX reader in Python stands on.

Target (2-core machine): ours under 2 s. The ratio ours / openpyxl alone is printed beside it (what
our checks cost on top of reading). A measurement, not a test: it exits 0 whatever the numbers and
prints TARGET MISSED when the target is missed.
"""

import io
import statistics
import sys
import time
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine import build_tender  # noqa: E402
from checker.formats.tender import validate_tender  # noqa: E402
from checker.intake.read import read_upload  # noqa: E402
from checker.intake.template import build_xlsx  # noqa: E402
from checker.rulesets.ruleset import RuleLibrary  # noqa: E402

MACHINES = 2000
PAIRS = 5
TARGET_SECONDS = 2.0
LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions", "documents")


def ours(data: bytes, base: dict) -> dict:
    intake = read_upload("machine-list.xlsx", data)
    if intake.problems:
        raise SystemExit(f"unexpected problems: {intake.problems[:3]}")
    return validate_tender(intake.apply_to(base), "benchmark")


def openpyxl_alone(data: bytes) -> int:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
    workbook.close()
    return cells


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    tender = build_tender(machines=MACHINES)
    data = build_xlsx(RuleLibrary().get("dfo-fossil-free-site", "1.0"), "nb", tender)
    base = {key: value for key, value in tender.items() if key not in LISTS}
    result = ours(data, base)  # warm-up, and proof that the rows come back
    assert len(result["machines"]) == MACHINES
    pairs = [(timed(ours, data, base), timed(openpyxl_alone, data)) for _ in range(PAIRS)]
    ours_median = statistics.median(a for a, _ in pairs)
    alone_median = statistics.median(b for _, b in pairs)
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"workbook: {MACHINES} machines, {len(data) / 1024:.0f} KB, {PAIRS} alternating pairs")
    print(f"ours (read + check + validate): {ours_median * 1000:7.0f} ms median")
    print(f"openpyxl alone (read rows):     {alone_median * 1000:7.0f} ms median")
    print(f"ratio ours / openpyxl alone:    {ratio:7.2f}")
    verdict = "met" if ours_median < TARGET_SECONDS else "TARGET MISSED"
    print(f"target: ours under {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
