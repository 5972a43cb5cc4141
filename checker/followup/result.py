"""The follow-up of an awarded contract (climate-followup/1): every period against the plan.

Each period's entries are assessed by the same engine, with the same rule set version, level,
tailoring and officer decisions as the tender, as of the period's last day (an approval that
expired before it waives nothing). Requirement and contract rules decide a period's verdict;
award, qualification and procedure rules were judged at the award and are shown for information.
A deviation is for the officer to handle, so a period with one is at least incomplete.
"""

from checker import __version__
from checker.assessment.emissions import Factors
from checker.assessment.emissions import load_factors
from checker.assessment.engine import assess
from checker.assessment.engine import check_decisions
from checker.assessment.engine import normalise_tailoring
from checker.followup.deviations import FOLLOWED_KINDS
from checker.followup.deviations import PeriodFacts
from checker.followup.deviations import deviations
from checker.followup.inherit import askable_ids
from checker.followup.inherit import effective_tender
from checker.followup.inherit import planned_entries
from checker.followup.metrics import add_sums
from checker.followup.metrics import indicator_sums
from checker.followup.metrics import indicators
from checker.followup.metrics import metrics_over
from checker.followup.period import order_periods
from checker.followup.sanctions import SanctionBook
from checker.followup.sanctions import check_sanctions
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.tender import tender_sha256
from checker.rulesets.ruleset import Ruleset

FOLLOWUP_FORMAT = "climate-followup/1"
VERDICTS = ("conforming", "deviating", "incomplete")
PENDING = frozenset({"error", "not_answered", "manual_review"})


def period_verdict(results: list[dict], found: list[dict]) -> str:
    """deviating when a requirement or contract rule fails; incomplete while anything is open."""
    followed = [result["status"] for result in results if result["kind"] in FOLLOWED_KINDS]
    if "fail" in followed:
        return "deviating"
    if PENDING.intersection(followed) or found:
        return "incomplete"
    return "conforming"


def contract_verdict(verdicts: list[str]) -> str:
    if "deviating" in verdicts:
        return "deviating"
    return "incomplete" if "incomplete" in verdicts else "conforming"


def check_contract_decisions(decisions: dict | None, tender: dict, periods: list[dict]) -> dict:
    """Decisions of the whole contract: each names a request of the tender or of some period
    (or a machine that claims sporadic use, in the tender or as reported)."""
    plan = planned_entries(tender, "machines")
    requests = list(tender.get("exceptions") or [])
    sporadic = [machine for machine in plan.values() if machine.get("sporadic")]
    for period in periods:
        requests += period.get("exceptions") or []
        for machine in period.get("machines") or []:
            if machine.get("sporadic", plan.get(machine["id"], {}).get("sporadic")):
                sporadic.append({"id": machine["id"], "sporadic": True})
    return check_decisions(decisions, {"exceptions": requests, "machines": sporadic})


def _applicable(decisions: dict, tender: dict) -> dict:
    askable = askable_ids(tender)
    return {key: value for key, value in decisions.items() if key in askable}


class _Contract:
    """What every period of one follow-up is assessed with."""

    def __init__(self, ruleset, level, tailoring, decisions, tender, factors):
        self.ruleset, self.level, self.tailoring = ruleset, level, tailoring
        self.decisions, self.tender, self.factors = decisions, tender, factors
        self.fuel_rules = {rule.id for rule in ruleset.rules if rule.applies_to == "fuels"}

    def assess(self, tender: dict, as_of: str | None = None) -> dict:
        return assess(
            self.ruleset,
            self.level,
            self.tailoring,
            tender,
            decisions=_applicable(self.decisions, tender),
            factors=self.factors,
            as_of=as_of,
        )

    def sums(self, tender: dict, results: list[dict]) -> dict:
        return indicator_sums(tender, results, self.factors, self.fuel_rules)


def _period(contract: _Contract, book: SanctionBook, report: dict, earlier: list[dict]) -> tuple:
    """One period's result, and the tender and sums it was computed from."""
    effective = effective_tender(contract.tender, report, earlier)
    assessment = contract.assess(effective, as_of=report["period"]["end"])
    results, metrics = assessment["results"], assessment["metrics"]
    facts = PeriodFacts(
        contract.tender, report, effective, results, metrics, contract.decisions, contract.ruleset
    )
    found = deviations(facts)
    sums = contract.sums(effective, results)
    result = {
        "period": report["period"],
        "report_sha256": tender_sha256(report),
        "assessed_sha256": assessment["tender"]["sha256"],
        "verdict": period_verdict(results, found),
        "summary": assessment["summary"],
        "results": results,
        "metrics": metrics,
        "indicators": indicators(metrics, sums),
        "deviations": found,
        "sanctions": book.for_period(report, effective, results, metrics),
    }
    return result, effective, sums


def _months(results: list[dict], tenders: list[dict], sums: list[dict], factors: Factors) -> list:
    """Indicators per calendar month (of each period's start), for the plan-against-actual chart."""
    months: dict[str, list[int]] = {}
    for index, result in enumerate(results):
        months.setdefault(result["period"]["start"][:7], []).append(index)
    found = []
    for month, indices in months.items():
        if len(indices) == 1:  # a monthly report: the month's figures are the period's
            figures = results[indices[0]]["indicators"]
        else:
            metrics = metrics_over([tenders[i] for i in indices], factors)
            figures = indicators(metrics, add_sums([sums[i] for i in indices]))
        found.append({"month": month, "indicators": figures})
    return found


def _cumulative(periods, tenders, sums, book, factors) -> dict:
    metrics = metrics_over(tenders, factors, [period["metrics"]["items"] for period in periods])
    counts: dict[str, int] = {}
    for period in periods:
        for deviation in period["deviations"]:
            counts[deviation["kind"]] = counts.get(deviation["kind"], 0) + 1
    return {
        "period": {"start": periods[0]["period"]["start"], "end": periods[-1]["period"]["end"]},
        "metrics": metrics,
        "indicators": indicators(metrics, add_sums(sums)),
        "deviations": dict(sorted(counts.items())),
        "sanctions": book.totals(),
        "verdicts": {v: sum(p["verdict"] == v for p in periods) for v in VERDICTS},
    }


def followup(
    ruleset: Ruleset,
    level: str | None,
    tailoring: dict | None,
    decisions: dict | None,
    tender: dict,
    periods: list[dict],
    *,
    factors: Factors | None = None,
) -> dict:
    """Follow up an awarded (validated) tender with validated period reports: climate-followup/1.

    Periods may come in any order; they are taken in time order and must not overlap.
    """
    if not periods:
        raise InputError("periods", [Problem("", "expected at least one period report")])
    level = level or ruleset.levels[0]
    factors = factors or load_factors()
    ordered = [
        p
        for _, p in order_periods(
            [(f"period report {n + 1}", p) for n, p in enumerate(periods)], tender
        )
    ]
    canonical = normalise_tailoring(ruleset, level, tailoring)
    sanctions = check_sanctions(
        ruleset, canonical["deselected"], (tailoring or {}).get("sanctions")
    )
    decisions = check_contract_decisions(decisions, tender, ordered)
    contract = _Contract(ruleset, level, tailoring, decisions, tender, factors)
    plan = contract.assess(tender)
    book = SanctionBook(sanctions)
    results, tenders, sums = [], [], []
    for index, report in enumerate(ordered):
        result, effective, period_sums = _period(contract, book, report, ordered[:index])
        results.append(result)
        tenders.append(effective)
        sums.append(period_sums)
    return {
        "format": FOLLOWUP_FORMAT,
        "verdict": contract_verdict([result["verdict"] for result in results]),
        "ruleset": ruleset.reference(),
        "level": level,
        "tailoring": canonical | {"sanctions": sanctions},
        "decisions": decisions,
        "tender": {
            "tender_id": tender["tender_id"],
            "sha256": tender_sha256(tender),
            "contractor": tender["contractor"],
            "procurement": tender["procurement"]["reference"],
        },
        "plan": plan["metrics"],
        "plan_indicators": indicators(plan["metrics"], contract.sums(tender, plan["results"])),
        "periods": results,
        "cumulative": _cumulative(results, tenders, sums, book, factors),
        "months": _months(results, tenders, sums, factors),
        "factors": factors.reference(),
        "engine": {"name": "climate-checker", "version": __version__},
    }
