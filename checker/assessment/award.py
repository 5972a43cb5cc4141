"""Award evaluation: points per criterion, weighted totals and the ranking. No I/O.

Every criterion is scored on a scale of 0 to 10 points, then weighted by the award model:
    total = sum(score(criterion) * weight_percent / 100)        (0 to 10)
- price:  the lowest price among the tenders still in the competition gets 10 points, the
          others in proportion: 10 * lowest / price (a tender twice as dear gets half the points);
- rules:  climate points from the rule set's award rules, put on the same scale:
          10 * award_points / award_max_points;
- manual: points from 0 to 10 entered by the officer (e.g. quality), with a written reason.
A tender that fails a requirement is rejected with the reason and leaves the ranking; a tender
whose assessment still waits for the officer's review cannot be ranked yet.
"""

from decimal import ROUND_HALF_UP
from decimal import Decimal

from checker.formats.messages import define
from checker.formats.messages import say

SCALE = Decimal(10)
SCORINGS = ("price", "rules", "manual")
CENT = Decimal("0.01")
# Totals are compared at this precision, so 1/3 + 2/3 ties with 1.
COMPARE = Decimal("0.000001")

MESSAGES = define(
    {
        "award.price_formula": (
            "points = 10 × lowest price / tender price (the lowest price gets 10 points)",
            "poeng = 10 × laveste pris / tilbudets pris (laveste pris får 10 poeng)",
            "poeng = 10 × lågaste pris / prisen i tilbodet (lågaste pris får 10 poeng)",
        ),
        "award.rules_formula": (
            "points = 10 × award points from the rule set / the rule set's maximum",
            "poeng = 10 × tildelingspoeng fra regelsettet / regelsettets maksimum",
            "poeng = 10 × tildelingspoeng frå regelsettet / maksimum i regelsettet",
        ),
        "award.total_formula": (
            "total = sum of points × weight / 100 (0 to 10)",
            "sum = summen av poeng × vekt / 100 (0 til 10)",
            "sum = summen av poeng × vekt / 100 (0 til 10)",
        ),
    }
)


def shown(value: Decimal | None) -> float | None:
    """A figure as the reports show it: two decimals, half up."""
    return None if value is None else float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _status(tender: dict) -> tuple[str, list[str]]:
    if tender["verdict"] == "non_compliant":
        return "rejected", list(tender.get("failing") or [])
    if tender["verdict"] != "compliant":
        return "pending", list(tender.get("failing") or [])
    return "competing", []


def _lowest_price(tenders: list[dict]) -> Decimal | None:
    prices = [Decimal(str(t["price_nok"])) for t in tenders if (t.get("price_nok") or 0) > 0]
    return min(prices) if prices else None


def _score(criterion: dict, tender: dict, lowest: Decimal | None) -> tuple[Decimal | None, str]:
    """A tender's points for one criterion, or None and what is missing."""
    if criterion["scoring"] == "price":
        price = tender.get("price_nok")
        if not price or price <= 0 or lowest is None:
            return None, "price_missing"
        return SCALE * lowest / Decimal(str(price)), ""
    if criterion["scoring"] == "rules":
        maximum = Decimal(str(tender.get("award_max_points") or 0))
        if maximum <= 0:
            return None, "no_award_rules"
        return SCALE * Decimal(str(tender.get("award_points") or 0)) / maximum, ""
    entered = (tender.get("manual") or {}).get(criterion["id"])
    if entered is None:
        return None, "score_missing"
    return Decimal(str(entered)), ""


def _points(criteria: list[dict], tender: dict, lowest: Decimal | None) -> dict:
    scores, missing, total = {}, [], Decimal(0)
    for criterion in criteria:
        score, problem = _score(criterion, tender, lowest)
        if score is None:
            missing.append({"criterion": criterion["id"], "problem": problem})
            scores[criterion["id"]] = {"points": None, "weighted": None}
            continue
        weighted = score * Decimal(str(criterion["weight_percent"])) / 100
        total += weighted
        scores[criterion["id"]] = {"points": shown(score), "weighted": shown(weighted)}
    return {"scores": scores, "missing": missing, "total": None if missing else total}


def _rank(entries: list[dict]) -> None:
    """Rank by total, highest first; equal totals share a rank and are marked as a tie."""
    ranked = sorted(
        (e for e in entries if e["status"] == "competing" and e["exact_total"] is not None),
        key=lambda e: (-e["exact_total"], e["name"]),
    )
    previous, rank = None, 0
    for position, entry in enumerate(ranked, start=1):
        if entry["exact_total"] != previous:
            rank, previous = position, entry["exact_total"]
        entry["rank"] = rank
    ranks = [entry["rank"] for entry in ranked]
    for entry in ranked:
        entry["tie"] = ranks.count(entry["rank"]) > 1


def evaluate(criteria: list[dict], tenders: list[dict]) -> dict:
    """Score, weigh and rank.

    criteria: [{id, name, weight_percent, scoring: price|rules|manual}]
    tenders:  [{id, name, price_nok, verdict, failing: [reasons], award_points,
                award_max_points, manual: {criterion id: points 0-10}}]
    """
    statuses = {t["id"]: _status(t) for t in tenders}
    competing = [t for t in tenders if statuses[t["id"]][0] == "competing"]
    lowest = _lowest_price(competing)
    entries = []
    for tender in tenders:
        status, reasons = statuses[tender["id"]]
        points = _points(criteria, tender, lowest) if status == "competing" else None
        total = points["total"] if points else None
        entries.append(
            {
                "id": tender["id"],
                "name": tender["name"],
                "price_nok": tender.get("price_nok"),
                "status": status,
                "reasons": reasons,
                "scores": points["scores"] if points else {},
                "missing": points["missing"] if points else [],
                "exact_total": None if total is None else total.quantize(COMPARE),
                "total": shown(total),
                "rank": None,
                "tie": False,
            }
        )
    _rank(entries)
    for entry in entries:
        del entry["exact_total"]
    return {
        "scale": int(SCALE),
        "lowest_price_nok": None if lowest is None else float(lowest),
        "criteria": criteria,
        "tenders": sorted(entries, key=_order),
        "complete": all(e["status"] != "pending" and not e["missing"] for e in entries),
        "formulas": {
            "price": say("award.price_formula"),
            "rules": say("award.rules_formula"),
            "total": say("award.total_formula"),
        },
    }


def _order(entry: dict) -> tuple:
    """Ranked tenders first by rank, then those waiting, then the rejected."""
    group = {"competing": 0, "pending": 1, "rejected": 2}[entry["status"]]
    return (group, entry["rank"] or 0, entry["name"])
