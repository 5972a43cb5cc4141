"""Shared by the share checks: which metric a `metric` parameter names, and reading it."""

from checker.checks.base import Outcome
from checker.formats.messages import define
from checker.formats.messages import say
from checker.rulesets.wording import metric_name

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


def share_of(metrics: dict, name: str, hydrogen: str = "any") -> tuple[float | None, list[str]]:
    """A share from the metrics, and the ids of entries whose data it lacks.

    With hydrogen `fuel_cell_only`, hydrogen burnt in an engine leaves the zero-emission part.
    """
    block, key = SHARE_METRICS[name]
    shares = metrics[block].get("shares", metrics[block])
    share = shares[key]
    if share is not None and hydrogen == "fuel_cell_only" and key.startswith("zero_emission"):
        share = round(share - (shares.get("hydrogen_combustion") or 0.0), 4)
    return share, shares["missing"]


def unknown_share(name: str, missing: list[str]) -> Outcome | None:
    """A share over an incomplete list is not judged: a missing entry could change it."""
    if missing:
        return Outcome(
            "not_answered",
            say("shares.share_data_missing", m=metric_name(name), ids={"ids": missing}),
            points=0.0,
            code="share_data_missing",
        )
    return None


def not_computable(name: str) -> Outcome:
    return Outcome(
        "not_answered",
        say("shares.share_not_computable", m=metric_name(name)),
        points=0.0,
        code="share_not_computable",
    )


MESSAGES = define(
    {
        "shares.share_data_missing": (
            "{m} cannot be judged: data missing for {ids} (litres, kWh, or power and hours)",
            "{m} kan ikke vurderes: data mangler for {ids} (liter, kWh, eller effekt og timer)",
            "{m} kan ikkje vurderast: data manglar for {ids} (liter, kWh, eller effekt og timar)",
        ),
        "shares.share_not_computable": (
            "{m} cannot be computed: nothing is declared",
            "{m} kan ikke beregnes: ingenting er oppgitt",
            "{m} kan ikkje reknast ut: ingenting er oppgitt",
        ),
    }
)
