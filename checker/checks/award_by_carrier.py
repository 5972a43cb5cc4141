"""Check type `award_by_carrier`: points from each entry's energy carrier, weighted by km or hours."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import item
from checker.checks.base import register
from checker.checks.energy_carrier import entry_class
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.texts import ids
from checker.formats.texts import points as points_text


def award_by_carrier(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points from each entry's carrier score (carrier or class), weighted by km or hours."""
    scores, weight_field = params["scores"], params["weight_by"]
    total_weight = scored = 0.0
    results = []
    for entry in entries:
        carrier = entry.get("energy_carrier")
        cls = entry_class(entry, ctx, {})
        charged = entry.get("charged_from") not in (None, "grid")
        # A carrier's own score does not apply to electricity from an on-site generator.
        by_carrier = None if charged else scores.get(carrier)
        score = (by_carrier if by_carrier is not None else scores.get(cls, 0.0)) if carrier else 0.0
        weight = entry.get(weight_field) or 0.0
        total_weight += weight
        scored += score * weight
        message = say(
            "award_by_carrier.score_x",
            c={"code": carrier},
            s=float(score),
            w=float(weight),
            f={"field": weight_field},
        )
        results.append(item(entry, "informational", message, "scored"))
    if not total_weight:
        return Outcome(
            "not_answered",
            say("award_by_carrier.weight_missing", f={"field": weight_field}),
            results,
            0.0,
            code="weight_missing",
        )
    points = round(params["max_points"] * scored / total_weight, 2)
    return Outcome(
        "pass",
        say(
            "award_by_carrier.points_given",
            p=points_text(points),
            max=points_text(params["max_points"]),
            n=ids(entries),
        ),
        results,
        points,
        code="points_given",
    )


def advise(finding: Finding) -> dict | None:
    return None  # award rules score; they never reject, so there is nothing to fix


RULE = {
    "scores": {"zero_emission": 1.0, "biogas": 0.5},
    "weight_by": "planned_km",
    "max_points": 10,
}


def _truck(id_, carrier, km) -> dict:
    return {"id": id_, "purpose": "mass_transport", "energy_carrier": carrier, "planned_km": km}


EXAMPLES = (
    Example(
        "electric trucks score in full",
        RULE,
        {"vehicles": [_truck("V1", "battery_electric", 1000)]},
        "pass",
    ),
    Example("biogas trucks score half", RULE, {"vehicles": [_truck("V1", "biogas", 1000)]}, "pass"),
    Example(
        "no km declared: not answered",
        RULE,
        {"vehicles": [_truck("V1", "biogas", None)]},
        "not_answered",
    ),
    Example("no trucks in scope: not applicable", RULE, {"vehicles": []}, "not_applicable"),
)

register(
    "award_by_carrier",
    award_by_carrier,
    targets={"machines", "vehicles"},
    params={
        "scores": Param("score_map"),
        "weight_by": Param("weight_field"),
        "max_points": Param("points"),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "award_by_carrier.score_x": (
            "{c}: score {s} × {w} {f}",
            "{c}: poeng {s} × {w} {f}",
            "{c}: poeng {s} × {w} {f}",
        ),
        "award_by_carrier.weight_missing": (
            "no {f} declared",
            "ingen {f} oppgitt",
            "ingen {f} oppgitt",
        ),
        "award_by_carrier.points_given": (
            "weighted score gives {p} of {max} points for {n}",
            "vektet poengsum gir {p} av {max} poeng for {n}",
            "vekta poengsum gir {p} av {max} poeng for {n}",
        ),
    }
)
