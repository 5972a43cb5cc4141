"""Shared by the fuel checks: machines, vehicles and heaters on a biofuel must name their fuel."""

from checker.checks.base import Context
from checker.checks.base import item
from checker.checks.base import names
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.vocabulary import BIOFUEL_CARRIERS

FUEL_NOT_NAMED = "fuel_not_named"


def undeclared_fuel_users(ctx: Context, carriers=BIOFUEL_CARRIERS - {"bio_pellets"}) -> list[dict]:
    """Machines, vehicles and heaters on these carriers must say which declared fuel they use."""
    missing = []
    for kind in ("machines", "heating", "vehicles"):
        for entry in ctx.tender.get(kind) or []:
            if entry.get("energy_carrier") in carriers and not entry.get("fuel_id"):
                missing.append(
                    item(
                        entry,
                        "not_answered",
                        say(
                            "fuel_users.runs_but_names_no",
                            id=entry["id"],
                            carrier=names(entry["energy_carrier"]),
                        ),
                        FUEL_NOT_NAMED,
                    )
                )
    return missing


MESSAGES = define(
    {
        "fuel_users.runs_but_names_no": (
            "{id} runs on {carrier} but names no declared fuel (Fuel ID)",
            "{id} går på {carrier}, men oppgir ikke hvilket drivstoff (Drivstoff-ID)",
            "{id} går på {carrier}, men oppgir ikkje kva drivstoff (Drivstoff-ID)",
        ),
    }
)
