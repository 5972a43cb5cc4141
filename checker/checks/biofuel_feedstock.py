"""Check type `biofuel_feedstock`: biofuels come from no excluded (high-ILUC) feedstock."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import names
from checker.checks.base import register
from checker.checks.fuel_users import undeclared_fuel_users
from checker.formats.messages import define
from checker.formats.messages import say

EXCLUDED = "feedstock_excluded"


def biofuel_feedstock(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Biofuels are advanced or come from no excluded (high-ILUC) feedstock; their users name them."""
    excluded = set(params["excluded_feedstocks"])
    results = []
    for entry in entries:
        if entry["product"] == "diesel":
            message = say("biofuel_feedstock.not_biofuel")
            results.append(item(entry, "not_applicable", message, "not_biofuel"))
            continue
        feedstock = entry.get("feedstock")
        if feedstock is None:
            message = say("biofuel_feedstock.feedstock_missing")
            results.append(item(entry, "not_answered", message, "feedstock_missing"))
        elif feedstock in excluded:
            message = say(
                "biofuel_feedstock.made_from_which_excluded",
                id=entry["id"],
                feed=names(feedstock),
                product=names(entry["product"]),
            )
            results.append(item(entry, "fail", message, EXCLUDED))
        else:
            if entry.get("advanced"):
                kind = say("biofuel_feedstock.advanced_biofuel")
            else:
                kind = say("biofuel_feedstock.not_high_iluc_risk")
            message = say("biofuel_feedstock.feedstock_ok", feed=names(feedstock), kind=kind)
            results.append(item(entry, "pass", message, "feedstock_ok"))
    results += undeclared_fuel_users(ctx)
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    """Zero-emission and biogas first (DFØ reserves against liquid biofuel), then waste feedstock."""
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code == EXCLUDED:
        return say(
            "biofuel_feedstock.run_machines_fuel_electricity",
            f={"code": finding.entry.get("feedstock") or "?"},
            id=finding.entry.get("id", "?"),
        )
    return None


RULE = {"excluded_feedstocks": ["palm_oil", "pfad"]}


def _fuel(feedstock, product="hvo100") -> dict:
    return {"id": "F1", "product": product, "feedstock": feedstock}


EXAMPLES = (
    Example(
        "HVO from used cooking oil passes", RULE, {"fuels": [_fuel("used_cooking_oil")]}, "pass"
    ),
    Example(
        "HVO from palm oil fails", RULE, {"fuels": [_fuel("palm_oil")]}, "fail", {"F1": "fail"}
    ),
    Example(
        "a biofuel without its feedstock is not answered",
        RULE,
        {"fuels": [_fuel(None)]},
        "not_answered",
    ),
    Example(
        "fossil diesel is not a biofuel", RULE, {"fuels": [_fuel(None, "diesel")]}, "not_applicable"
    ),
    Example(
        "an HVO machine that names no fuel is not answered",
        RULE,
        {
            "fuels": [],
            "machines": [{"id": "M1", "category": "excavator", "energy_carrier": "hvo100"}],
        },
        "not_answered",
        {"M1": "not_answered"},
    ),
)

register(
    "biofuel_feedstock",
    biofuel_feedstock,
    targets={"fuels"},
    params={"excluded_feedstocks": Param("feedstock_list")},
    advice=advise,
    examples=EXAMPLES,
    runs_without_entries=True,
)


MESSAGES = define(
    {
        "biofuel_feedstock.not_biofuel": (
            "not a biofuel",
            "ikke biodrivstoff",
            "ikkje biodrivstoff",
        ),
        "biofuel_feedstock.feedstock_missing": (
            "feedstock is missing",
            "råstoff mangler",
            "råstoff manglar",
        ),
        "biofuel_feedstock.made_from_which_excluded": (
            (
                "{id} is made from {feed}, which is excluded (high ILUC risk); use an electric or "
                "biogas machine, or buy {product} made from waste or residues (e.g. used cooking oil,"
                " animal fat)"
            ),
            (
                "{id} er laget av {feed}, som er utelukket (høy ILUC-risiko); bruk en elektrisk "
                "maskin eller biogassmaskin, eller kjøp {product} laget av avfall eller rester "
                "(f.eks. brukt frityrolje, animalsk fett)"
            ),
            (
                "{id} er laga av {feed}, som er utelukka (høg ILUC-risiko); bruk ei elektrisk maskin "
                "eller biogassmaskin, eller kjøp {product} laga av avfall eller restar (t.d. brukt "
                "frityrolje, animalsk feitt)"
            ),
        ),
        "biofuel_feedstock.advanced_biofuel": (
            "advanced biofuel",
            "avansert biodrivstoff",
            "avansert biodrivstoff",
        ),
        "biofuel_feedstock.not_high_iluc_risk": (
            "not high ILUC risk",
            "ikke høy ILUC-risiko",
            "ikkje høg ILUC-risiko",
        ),
        "biofuel_feedstock.feedstock_ok": ("{feed} ({kind})", "{feed} ({kind})", "{feed} ({kind})"),
        "biofuel_feedstock.run_machines_fuel_electricity": (
            (
                "Run the machines on fuel {id} on electricity or biogas instead, or buy {id} made "
                "from waste or residues (used cooking oil, animal fat, tall oil) instead of {f}, and "
                "state the feedstock with its certificate (e.g. ISCC-EU)."
            ),
            (
                "La maskinene som bruker drivstoffet {id} gå på strøm eller biogass i stedet, eller "
                "kjøp {id} laget av avfall eller rester (brukt frityrolje, animalsk fett, tallolje) i"
                " stedet for {f}, og oppgi råstoffet med sertifikat (f.eks. ISCC-EU)."
            ),
            (
                "La maskinane som brukar drivstoffet {id} gå på straum eller biogass i staden, "
                "eller kjøp {id} laga av avfall eller restar (brukt frityrolje, animalsk feitt, "
                "tallolje) i staden for {f}, og oppgi råstoffet med sertifikatet (t.d. ISCC-EU)."
            ),
        ),
    }
)
