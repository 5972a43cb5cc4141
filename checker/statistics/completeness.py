"""How complete the actual figures are: which contracts have months without an accepted report.

A share computed on part of a year's data is never shown as if it were the whole: each
contract's months are compared with the days its accepted period reports cover, and the
contracts with gaps are named. A contract without start and end dates cannot be placed in the
calendar and is named too.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date

from checker.statistics.months import Month
from checker.statistics.months import days_in_month
from checker.statistics.months import month_days
from checker.statistics.months import overlap_days


@dataclass(frozen=True)
class ContractCoverage:
    """One awarded contract: its dates and the days accepted reports cover, by month."""

    key: int  # the procurement's id
    reference: str
    title: str
    start: date | None
    end: date | None
    covered: dict[Month, int] = field(default_factory=dict)


def expected_days(contract: ContractCoverage, year: int, month: int, as_of: date) -> int:
    """Days of the month within the contract and not after as_of."""
    if contract.start is None or contract.end is None:
        return 0
    first, last = date(year, month, 1), date(year, month, days_in_month(year, month))
    return overlap_days(contract.start, min(contract.end, as_of), first, last)


def contract_gaps(contract: ContractCoverage, year: int, as_of: date) -> dict:
    """Expected and covered days of one contract in a year up to as_of, and its missing months."""
    if contract.start is None or contract.end is None:
        return {"status": "undated", "expected_days": None, "covered_days": None, "missing": []}
    expected = covered = 0
    missing = []
    for month in range(1, 13):
        want = expected_days(contract, year, month, as_of)
        have = min(want, contract.covered.get((year, month), 0))
        expected, covered = expected + want, covered + have
        if have < want:
            missing.append({"year": year, "month": month, "covered": have, "expected": want})
    status = "complete" if not missing else "gaps"
    return {
        "status": status,
        "expected_days": expected,
        "covered_days": covered,
        "missing": missing,
    }


def completeness(contracts: list[ContractCoverage], year: int, as_of: date) -> dict:
    """The year's completeness up to as_of: contract-days covered of those expected, and the
    contracts with gaps or without dates, named (reference, title, missing months)."""
    expected = covered = 0
    gaps, undated, complete = [], [], 0
    for contract in contracts:
        found = contract_gaps(contract, year, as_of)
        named = {"id": contract.key, "reference": contract.reference, "title": contract.title}
        if found["status"] == "undated":
            undated.append(named)
            continue
        if found["expected_days"] == 0:
            continue  # the contract does not run in this window
        expected += found["expected_days"]
        covered += found["covered_days"]
        if found["status"] == "gaps":
            gaps.append(named | found)
        else:
            complete += 1
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "contracts": complete + len(gaps),
        "complete": complete,
        "expected_days": expected,
        "covered_days": covered,
        "share": covered / expected if expected else None,
        "is_complete": not gaps and not undated,
        "with_gaps": gaps,
        "undated": undated,
    }


def coverage_of(periods: list[tuple[date, date]]) -> dict[Month, int]:
    """Days covered per month by periods (which do not overlap: the follow-up refuses that)."""
    covered: dict[Month, int] = {}
    for start, end in periods:
        for month, days in month_days(start, end):
            covered[month] = covered.get(month, 0) + days
    return covered
