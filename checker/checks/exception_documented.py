"""Check type `exception_documented`: each exception request carries the evidence its ground needs.

`not_available` needs a market check of at least N enquiries (a list of enquiries, plain texts
or {supplier, date, answer}, or a text with one enquiry a line). With `grid_statement`,
`grid_capacity` needs the grid owner's statement (who, when, the kW it can deliver) and the kW the
item needs, and the ground holds only when the grid delivers less than that.
"""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import fill_in
from checker.checks.base import item
from checker.checks.base import names
from checker.checks.base import register
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.texts import percent

GRID_FIELDS = ("grid_owner", "grid_statement_date", "grid_available_kw", "required_kw")


def enquiry_count(market_check) -> int:
    """Enquiries in a market check: list entries, or the non-empty lines of a text."""
    if isinstance(market_check, list):
        return len(market_check)
    return len([line for line in (market_check or "").splitlines() if line.strip()])


def _market_check(entry: dict, params: dict) -> dict | None:
    count = enquiry_count(entry.get("market_check"))
    if count >= params["min_enquiries"]:
        return None
    return item(
        entry,
        "fail",
        say("exception_documented.market_check_too_thin", c=count, n=params["min_enquiries"]),
        "market_check_too_thin",
    )


def _grid_statement(entry: dict) -> dict:
    missing = [name for name in GRID_FIELDS if entry.get(name) in (None, "")]
    if missing:
        return item(
            entry,
            "fail",
            say(
                "exception_documented.grid_statement_missing",
                m={"list": [{"field": name} for name in missing]},
            ),
            "grid_statement_missing",
        )
    available, needed = entry["grid_available_kw"], entry["required_kw"]
    values = {
        "a": available,
        "r": needed,
        "o": entry["grid_owner"],
        "d": {"day": entry["grid_statement_date"]},
    }
    if available >= needed:
        return item(
            entry,
            "fail",
            say("exception_documented.grid_capacity_sufficient", **values),
            "grid_capacity_sufficient",
        )
    return item(
        entry,
        "pass",
        say("exception_documented.documented", s=percent(1 - available / needed), **values),
        "documented",
    )


def exception_documented(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Each exception request is justified; its ground's evidence is there (market check, grid statement)."""
    results = []
    for entry in entries:
        if not (entry.get("justification") or "").strip():
            message = say("exception_documented.justification_missing")
            results.append(item(entry, "not_answered", message, "justification_missing"))
            continue
        if entry["ground"] == "not_available":
            thin = _market_check(entry, params)
            if thin:
                results.append(thin)
                continue
        if entry["ground"] == "grid_capacity" and params["grid_statement"]:
            results.append(_grid_statement(entry))
            continue
        message = say("exception_documented.ground_documented", g=names(entry["ground"]))
        results.append(item(entry, "pass", message, "documented"))
    return Outcome(None, items=results)


def advise(finding: Finding) -> dict | None:
    entry_id = finding.entry.get("id", "?")
    if finding.status == "not_answered":
        return fill_in(finding)
    if finding.code == "market_check_too_thin":
        return say(
            "exception_documented.justify_exception_request_document",
            id=entry_id,
            n=finding.params.get("min_enquiries") or 1,
        )
    if finding.code == "grid_statement_missing":
        return say("exception_documented.attach_grid_owner_s", id=entry_id)
    if finding.code == "grid_capacity_sufficient":
        return say("exception_documented.grid_can_deliver_what", id=entry_id)
    return None


RULE = {"min_enquiries": 3, "grid_statement": True}


def _request(**fields) -> dict:
    return {"id": "E1", "item": "M1", "justification": "Ingen tilgjengelig", **fields}


STATEMENT = {
    "grid_owner": "Elvia AS",
    "grid_statement_date": "2026-09-14",
    "grid_available_kw": 60,
    "required_kw": 150,
}
EXAMPLES = (
    Example(
        "three enquiries as plain texts are a market check",
        RULE,
        {
            "exceptions": [
                _request(
                    ground="not_available", market_check=["Volvo: nei", "Cramo: nei", "Nasta: nei"]
                )
            ]
        },
        "pass",
    ),
    Example(
        "one enquiry a line in a text counts each line",
        RULE,
        {
            "exceptions": [
                _request(ground="not_available", market_check="Volvo: nei\nCramo: nei\nNasta: nei")
            ]
        },
        "pass",
    ),
    Example(
        "two enquiries are too few",
        RULE,
        {
            "exceptions": [
                _request(ground="not_available", market_check=["Volvo: nei", "Cramo: nei"])
            ]
        },
        "fail",
    ),
    Example(
        "a grid-capacity request with the grid owner's statement",
        RULE,
        {"exceptions": [_request(ground="grid_capacity", **STATEMENT)]},
        "pass",
    ),
    Example(
        "a grid-capacity request without the statement fails",
        RULE,
        {"exceptions": [_request(ground="grid_capacity")]},
        "fail",
    ),
    Example(
        "a grid that delivers what is needed is no ground",
        RULE,
        {
            "exceptions": [
                _request(ground="grid_capacity", **STATEMENT | {"grid_available_kw": 200})
            ]
        },
        "fail",
    ),
    Example(
        "a request without a justification is not answered",
        RULE,
        {"exceptions": [_request(ground="sporadic_use", justification=None)]},
        "not_answered",
    ),
    Example("no exception requests: not applicable", RULE, {"exceptions": []}, "not_applicable"),
)

register(
    "exception_documented",
    exception_documented,
    targets={"exceptions"},
    params={
        "min_enquiries": Param("integer"),
        "grid_statement": Param("bool", required=False, default=False),
    },
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "exception_documented.market_check_too_thin": (
            "market check lists {c} supplier enquiries; at least {n} are required",
            "markedsundersøkelsen viser {c} leverandørhenvendelser; minst {n} kreves",
            "marknadsundersøkinga viser {c} førespurnader til leverandørar; minst {n} er kravd",
        ),
        "exception_documented.grid_statement_missing": (
            (
                "the grid-capacity request lacks {m} (the grid owner's statement: who, when, kW "
                "available; and the kW needed)"
            ),
            (
                "søknaden om unntak for nettkapasitet mangler {m} (nettselskapets erklæring: hvem, "
                "når, tilgjengelig kW; og kW som trengs)"
            ),
            (
                "søknaden om unntak for nettkapasitet manglar {m} (fråsegna frå nettselskapet: kven, "
                "når, tilgjengeleg kW; og kW som trengst)"
            ),
        ),
        "exception_documented.grid_capacity_sufficient": (
            "{o} states {a} kW available ({d}); {r} kW are needed, so the grid is not short",
            "{o} oppgir {a} kW tilgjengelig ({d}); {r} kW trengs, så nettet strekker til",
            "{o} oppgir {a} kW tilgjengeleg ({d}); {r} kW trengst, så nettet strekk til",
        ),
        "exception_documented.documented": (
            (
                "documented: {o} states {a} kW available ({d}) of {r} kW needed; in proportion, up to"
                " {s} of the item's energy can be waived"
            ),
            (
                "dokumentert: {o} oppgir {a} kW tilgjengelig ({d}) av {r} kW som trengs; "
                "forholdsmessig kan inntil {s} av energien unntas"
            ),
            (
                "dokumentert: {o} oppgir {a} kW tilgjengeleg ({d}) av {r} kW som trengst; "
                "forholdsmessig kan inntil {s} av energien unntakast"
            ),
        ),
        "exception_documented.justification_missing": (
            "justification is missing",
            "begrunnelse mangler",
            "grunngjeving manglar",
        ),
        "exception_documented.ground_documented": (
            "documented ({g})",
            "dokumentert ({g})",
            "dokumentert ({g})",
        ),
        "exception_documented.justify_exception_request_document": (
            (
                "Justify exception request {id} and document a market check with at least {n} "
                "enquiries to suppliers (supplier, date, answer)."
            ),
            (
                "Begrunn unntakssøknaden {id} og dokumenter en markedsundersøkelse med minst {n} "
                "henvendelser til leverandører (leverandør, dato, svar)."
            ),
            (
                "Grunngje unntakssøknaden {id} og dokumenter ei marknadsundersøking med minst {n} "
                "førespurnader til leverandørar (leverandør, dato, svar)."
            ),
        ),
        "exception_documented.attach_grid_owner_s": (
            (
                "Attach the grid owner's statement to {id}: who gave it, its date, the kW the grid "
                "can deliver, and the kW the machine needs."
            ),
            (
                "Legg ved nettselskapets erklæring til {id}: hvem som ga den, dato, hvor mange kW "
                "nettet kan levere, og hvor mange kW maskinen trenger."
            ),
            (
                "Legg ved fråsegna frå nettselskapet til {id}: kven som gav ho, dato, kor mange kW "
                "nettet kan levere, og kor mange kW maskina treng."
            ),
        ),
        "exception_documented.grid_can_deliver_what": (
            (
                "The grid can deliver what {id} needs: use a zero-emission machine on the grid "
                "instead of asking for an exception."
            ),
            (
                "Nettet kan levere det {id} trenger: bruk en utslippsfri maskin på nettet i stedet "
                "for å søke om unntak."
            ),
            (
                "Nettet kan levere det {id} treng: bruk ei utsleppsfri maskin på nettet i staden for "
                "å søkje om unntak."
            ),
        ),
    }
)
