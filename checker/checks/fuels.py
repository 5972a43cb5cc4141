"""Checks on declared fuels: feedstock sustainability and fuel standards."""

import re

from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import check
from checker.checks.base import item
from checker.formats.texts import say
from checker.formats.vocabulary import BIOFUEL_CARRIERS
from checker.formats.vocabulary import FUEL_PRODUCTS

# --- fuels -------------------------------------------------------------------------------------


@check(
    "biofuel_feedstock",
    {"fuels"},
    runs_without_entries=True,
    excluded_feedstocks=Param("feedstock_list"),
)
def biofuel_feedstock(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Biofuels are advanced or come from no excluded (high-ILUC) feedstock; their users name them."""
    excluded = set(params["excluded_feedstocks"])
    results = []
    for entry in entries:
        if entry["product"] == "diesel":
            results.append(item(entry, "not_applicable", say("not a biofuel", "ikke biodrivstoff")))
            continue
        feedstock = entry.get("feedstock")
        if feedstock is None:
            results.append(
                item(
                    entry,
                    "not_answered",
                    say("feedstock is missing", "feedstock (råstoff) mangler"),
                )
            )
        elif feedstock in excluded:
            results.append(
                item(
                    entry,
                    "fail",
                    say(
                        "{id} is made from {feed}, which is excluded (high ILUC risk); buy {product} made "
                        "from waste or residues (e.g. used cooking oil, animal fat), or use an electric machine",
                        "{id} er laget av {feed}, som er utelukket (høy ILUC-risiko); kjøp {product} laget av "
                        "avfall eller rester (f.eks. brukt frityrolje, animalsk fett), eller bruk en elektrisk maskin",
                        id=entry["id"],
                        feed=feedstock,
                        product=entry["product"],
                    ),
                )
            )
        else:
            kind = "advanced" if entry.get("advanced") else "not high-ILUC"
            results.append(
                item(
                    entry,
                    "pass",
                    say("{feed} ({kind})", "{feed} ({kind})", feed=feedstock, kind=kind),
                )
            )
    results += _undeclared_biofuel_users(ctx)
    return Outcome(None, items=results)


def _undeclared_biofuel_users(
    ctx: Context, carriers=BIOFUEL_CARRIERS - {"bio_pellets"}
) -> list[dict]:
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
                            "{id} runs on {carrier} but names no declared fuel (fuel_id)",
                            "{id} går på {carrier}, men oppgir ikke hvilket drivstoff (fuel_id)",
                            id=entry["id"],
                            carrier=entry["energy_carrier"],
                        ),
                    )
                )
    return missing


def _standard_tokens(text: str) -> set[str]:
    """'EN 15940:2016, ISCC' -> {'en15940', 'iscc'}: standards compared as whole names, not substrings."""
    tokens = set()
    for part in re.split(r"[,;/+&]", text):
        name = re.sub(r"\s+", "", part.split(":")[0]).lower()
        if name:
            tokens.add(name)
    return tokens


@check(
    "fuel_standard",
    {"fuels"},
    runs_without_entries=True,
    product=Param("string"),
    standard=Param("string"),
)
def fuel_standard(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Fuels of one product meet the named standard (e.g. HVO100 to EN 15940)."""
    product, standard = params["product"], params["standard"]
    wanted = re.sub(r"\s+", "", standard).lower()
    results = []
    for entry in entries:
        if entry["product"] != product:
            results.append(item(entry, "not_applicable", say("not {p}", "ikke {p}", p=product)))
        elif not entry.get("standard"):
            results.append(
                item(
                    entry,
                    "not_answered",
                    say(
                        "standard is missing; expected {s}",
                        "standard mangler; forventet {s}",
                        s=standard,
                    ),
                )
            )
        elif wanted in _standard_tokens(entry["standard"]):
            results.append(item(entry, "pass", say("meets {s}", "oppfyller {s}", s=standard)))
        else:
            results.append(
                item(
                    entry,
                    "fail",
                    say(
                        "{id} states {found}; {s} is required",
                        "{id} oppgir {found}; {s} kreves",
                        id=entry["id"],
                        found=entry["standard"],
                        s=standard,
                    ),
                )
            )
    if product in FUEL_PRODUCTS:
        results += _undeclared_biofuel_users(ctx, {product})
    return Outcome(None, items=results)
