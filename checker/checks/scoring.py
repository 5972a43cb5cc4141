"""Checks on shares of energy, hours or km, and award points."""

from checker.assessment.emissions import effective_class
from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import check
from checker.checks.base import item
from checker.formats.texts import ids
from checker.formats.texts import percent
from checker.formats.texts import say

# --- shares and award points -------------------------------------------------------------------

SHARE_METRICS = {
    "zero_emission_share": ("energy_shares", "zero_emission"),
    "zero_emission_incl_biogas_share": ("energy_shares", "zero_emission_incl_biogas"),
    "fossil_free_share": ("energy_shares", "fossil_free"),
    "fossil_free_share_machines_vehicles": ("energy_shares_machines_vehicles", "fossil_free"),
    "zero_emission_share_machines_vehicles": ("energy_shares_machines_vehicles", "zero_emission"),
    "zero_emission_share_hours": ("machine_hours", "zero_emission"),
    "transport_zero_emission_share_km": ("transport_km", "zero_emission"),
    "transport_zero_emission_incl_biogas_share_km": ("transport_km", "zero_emission_incl_biogas"),
}


def share_of(metrics: dict, name: str) -> tuple[float | None, list[str]]:
    """A share from the metrics, and the ids of entries whose data it lacks."""
    block, key = SHARE_METRICS[name]
    shares = metrics[block].get("shares", metrics[block])
    return shares[key], shares["missing"]


def _unknown_share(name: str, missing: list[str]) -> Outcome | None:
    """A share over an incomplete list is not judged: a missing entry could change it."""
    if missing:
        listed = ", ".join(missing[:8]) + (f" (+{len(missing) - 8})" if len(missing) > 8 else "")
        return Outcome(
            "not_answered",
            say(
                "{m} cannot be judged: data missing for {ids} (litres, kWh, or power and hours)",
                "{m} kan ikke vurderes: data mangler for {ids} (liter, kWh, eller effekt og timer)",
                m=name,
                ids=listed,
            ),
            points=0.0,
        )
    return None


@check("share_min", {"tender"}, metric=Param("metric"), min=Param("share"))
def share_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """A share from the metrics (e.g. zero-emission share of energy) reaches a minimum."""
    share, missing = share_of(ctx.metrics, params["metric"])
    unknown = _unknown_share(params["metric"], missing)
    if unknown:
        return unknown
    if share is None:
        return Outcome(
            "not_answered",
            say(
                "{m} cannot be computed: nothing is declared",
                "{m} kan ikke beregnes: ingenting er oppgitt",
                m=params["metric"],
            ),
        )
    status = "pass" if share >= params["min"] else "fail"
    return Outcome(
        status,
        say(
            "{m} is {s}; required at least {min}",
            "{m} er {s}; kravet er minst {min}",
            m=params["metric"],
            s=percent(share),
            min=percent(params["min"]),
        ),
    )


@check(
    "award_share",
    {"tender"},
    metric=Param("metric"),
    full_points_at=Param("positive_share"),
    max_points=Param("points"),
)
def award_share(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points in proportion to a share, full points at or above full_points_at."""
    share, missing = share_of(ctx.metrics, params["metric"])
    unknown = _unknown_share(params["metric"], missing)
    if unknown:
        return unknown
    if share is None:
        return Outcome(
            "not_answered",
            say("{m} cannot be computed", "{m} kan ikke beregnes", m=params["metric"]),
            points=0.0,
        )
    points = round(params["max_points"] * min(share / params["full_points_at"], 1.0), 2)
    return Outcome(
        "pass",
        say(
            "{m} {s} gives {p} of {max} points",
            "{m} {s} gir {p} av {max} poeng",
            m=params["metric"],
            s=percent(share),
            p=points,
            max=params["max_points"],
        ),
        points=points,
    )


@check(
    "award_by_carrier",
    {"machines", "vehicles"},
    scores=Param("score_map"),
    weight_by=Param("weight_field"),
    max_points=Param("points"),
)
def award_by_carrier(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points from each entry's carrier score (carrier or class), weighted by km or hours."""
    scores, weight_field = params["scores"], params["weight_by"]
    total_weight = scored = 0.0
    results = []
    for entry in entries:
        carrier = entry.get("energy_carrier")
        cls = effective_class(entry, ctx.fuels)
        score = scores.get(carrier, scores.get(cls, 0.0)) if carrier else 0.0
        weight = entry.get(weight_field) or 0.0
        total_weight += weight
        scored += score * weight
        results.append(
            item(
                entry,
                "informational",
                say(
                    "{c}: score {s} x {w} {f}",
                    "{c}: poeng {s} x {w} {f}",
                    c=carrier or "?",
                    s=score,
                    w=weight,
                    f=weight_field,
                ),
            )
        )
    if not total_weight:
        return Outcome(
            "not_answered",
            say("no {f} declared", "ingen {f} oppgitt", f=weight_field),
            results,
            0.0,
        )
    points = round(params["max_points"] * scored / total_weight, 2)
    return Outcome(
        "pass",
        say(
            "weighted score gives {p} of {max} points for {n}",
            "vektet poengsum gir {p} av {max} poeng for {n}",
            p=points,
            max=params["max_points"],
            n=ids(entries),
        ),
        results,
        points,
    )
