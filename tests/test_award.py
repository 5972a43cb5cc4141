"""Award arithmetic against cases computed by hand."""

import pytest

from checker.assessment.award import evaluate

CRITERIA = [
    {"id": "price", "name": "Pris", "weight_percent": 60, "scoring": "price"},
    {"id": "quality", "name": "Kvalitet", "weight_percent": 10, "scoring": "manual"},
    {"id": "climate", "name": "Klima og miljø", "weight_percent": 30, "scoring": "rules"},
]


def tender(id, price, verdict="compliant", points=0.0, quality=None, failing=()):
    return {
        "id": id,
        "name": f"Entreprenør {id}",
        "price_nok": price,
        "verdict": verdict,
        "failing": list(failing),
        "award_points": points,
        "award_max_points": 10,
        "manual": {} if quality is None else {"quality": quality},
    }


def by_id(result):
    return {entry["id"]: entry for entry in result["tenders"]}


def test_lowest_price_full_points_others_in_proportion_weighted_and_ranked():
    result = evaluate(
        CRITERIA,
        [
            tender("A", 40_000_000, points=6, quality=8),
            tender("B", 50_000_000, points=9, quality=6),
            tender("C", 30_000_000, "non_compliant", points=10, quality=10, failing=["M7 diesel"]),
        ],
    )
    entries = by_id(result)
    # A: 10*0.6 + 8*0.1 + 6*0.3 = 6 + 0.8 + 1.8 = 8.6
    assert entries["A"]["scores"]["price"] == {"points": 10.0, "weighted": 6.0}
    assert entries["A"]["total"] == 8.6 and entries["A"]["rank"] == 1
    # B: price 10*40/50 = 8 -> 4.8; quality 0.6; climate 2.7 -> 8.1
    assert entries["B"]["scores"]["price"] == {"points": 8.0, "weighted": 4.8}
    assert entries["B"]["total"] == 8.1 and entries["B"]["rank"] == 2
    # The rejected tender neither ranks nor sets the lowest price.
    assert entries["C"]["status"] == "rejected" and entries["C"]["rank"] is None
    assert entries["C"]["reasons"] == ["M7 diesel"]
    assert result["lowest_price_nok"] == 40_000_000
    assert [e["id"] for e in result["tenders"]] == ["A", "B", "C"]
    assert result["complete"] is True


def test_equal_totals_share_a_rank_and_are_marked_as_a_tie():
    # X: price 10*30/45 = 6.666.. -> 4.0 weighted; quality 10 -> 1.0; climate 10 -> 3.0 = 8.0
    # Y: price 10 -> 6.0; quality 5 -> 0.5; climate 5 -> 1.5 = 8.0
    result = evaluate(
        CRITERIA,
        [
            tender("X", 45_000_000, points=10, quality=10),
            tender("Y", 30_000_000, points=5, quality=5),
            tender("Z", 60_000_000, points=0, quality=0),
        ],
    )
    entries = by_id(result)
    assert entries["X"]["scores"]["price"]["points"] == 6.67
    assert entries["X"]["total"] == entries["Y"]["total"] == 8.0
    assert entries["X"]["rank"] == entries["Y"]["rank"] == 1
    assert entries["X"]["tie"] and entries["Y"]["tie"]
    # Z: price 5 -> 3.0, nothing else; third place, not second
    assert entries["Z"]["total"] == 3.0 and entries["Z"]["rank"] == 3 and not entries["Z"]["tie"]


def test_missing_scores_and_open_reviews_keep_the_evaluation_incomplete():
    result = evaluate(
        CRITERIA,
        [
            tender("A", 40_000_000, points=6),  # no quality points entered
            tender("B", 50_000_000, "incomplete", failing=["E1 awaits a decision"]),
        ],
    )
    entries = by_id(result)
    assert entries["A"]["missing"] == [{"criterion": "quality", "problem": "score_missing"}]
    assert entries["A"]["total"] is None and entries["A"]["rank"] is None
    assert entries["B"]["status"] == "pending"
    assert result["complete"] is False


@pytest.mark.parametrize("price", [None, 0, -5])
def test_a_tender_without_a_price_cannot_get_price_points(price):
    result = evaluate(CRITERIA, [tender("A", price, points=1, quality=1)])
    assert by_id(result)["A"]["missing"] == [{"criterion": "price", "problem": "price_missing"}]


def test_rules_scoring_needs_award_rules_in_the_chosen_level():
    entry = tender("A", 1_000, points=0, quality=5)
    entry["award_max_points"] = 0
    result = evaluate(CRITERIA, [entry])
    assert by_id(result)["A"]["missing"] == [{"criterion": "climate", "problem": "no_award_rules"}]
