"""Checks on shares of energy, hours or km, and award points."""

from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import check
from checker.checks.base import item
from checker.emissions import effective_class
from checker.texts import ids
from checker.texts import percent
from checker.texts import say

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


def share_of(metrics: dict, name: str) -> float | None:
    block, key = SHARE_METRICS[name]
    source = metrics[block]
    return source.get("shares", source)[key]


@check("share_min", {"tender"}, metric=Param("metric"), min=Param("share"))
def share_min(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """A share from the metrics (e.g. zero-emission share of energy) reaches a minimum."""
    share = share_of(ctx.metrics, params["metric"])
    if share is None:
        return Outcome(
            "not_answered",
            say(
                "{m} cannot be computed: no energy or km declared or estimable",
                "{m} kan ikke beregnes: ingen energi eller km oppgitt",
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
    full_points_at=Param("share"),
    max_points=Param("number"),
)
def award_share(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points in proportion to a share, full points at or above full_points_at."""
    share = share_of(ctx.metrics, params["metric"])
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
    weight_by=Param("field_list"),
    max_points=Param("number"),
)
def award_by_carrier(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Points from each entry's carrier score (carrier or class), weighted by km or hours."""
    scores, weight_field = params["scores"], params["weight_by"][0]
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
