"""Checks on documents, completeness of lists, and exception requests."""

from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import check
from checker.checks.base import item
from checker.formats.texts import say

# --- documents and completeness ----------------------------------------------------------------


@check(
    "document_provided",
    {"tender"},
    documents=Param("string_list"),
    review=Param("bool", required=False, default=False),
)
def document_provided(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """One of the named documents is provided (its content is judged by a person if review is set)."""
    documents = ctx.tender.get("documents") or {}
    found = [name for name in params["documents"] if (documents.get(name) or "").strip()]
    names = " / ".join(params["documents"])
    if not found:
        return Outcome(
            "not_answered", say("document missing: {n}", "dokument mangler: {n}", n=names)
        )
    if params["review"]:
        return Outcome(
            "manual_review",
            say(
                "{n} provided; an officer must judge its content",
                "{n} levert; oppdragsgiver må vurdere innholdet",
                n=found[0],
            ),
        )
    return Outcome(
        "pass",
        say(
            "{n} provided (content not judged automatically)",
            "{n} levert (innholdet er ikke vurdert automatisk)",
            n=found[0],
        ),
    )


@check(
    "inventory_complete",
    {"machines", "vehicles"},
    runs_without_entries=True,
    required_fields=Param("field_list"),
    quantity_fields=Param("field_list", required=False, default=[]),
)
def inventory_complete(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """The list exists and every row has the named fields (and one of the quantity fields)."""
    if not entries:
        return Outcome("not_answered", say("the list is empty", "listen er tom"))
    quantities = params["quantity_fields"]
    results = []
    for entry in entries:
        missing = [name for name in params["required_fields"] if entry.get(name) in (None, "")]
        if quantities and all(entry.get(name) is None for name in quantities):
            missing.append(" or ".join(quantities))
        if missing:
            results.append(
                item(
                    entry, "not_answered", say("missing: {m}", "mangler: {m}", m=", ".join(missing))
                )
            )
        else:
            results.append(item(entry, "pass", say("complete", "komplett")))
    return Outcome(None, items=results)


@check(
    "exception_documented",
    {"exceptions"},
    min_enquiries=Param("integer"),
)
def exception_documented(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Each exception request is justified; 'not available' needs a market check of N enquiries."""
    results = []
    for entry in entries:
        if not (entry.get("justification") or "").strip():
            results.append(
                item(entry, "not_answered", say("justification is missing", "begrunnelse mangler"))
            )
            continue
        if entry["ground"] == "not_available":
            enquiries = entry.get("market_check")
            count = len(enquiries) if isinstance(enquiries, list) else (1 if enquiries else 0)
            if count < params["min_enquiries"]:
                results.append(
                    item(
                        entry,
                        "fail",
                        say(
                            "market check lists {c} supplier enquiries; at least {n} are required",
                            "markedsundersøkelsen viser {c} leverandørhenvendelser; minst {n} kreves",
                            c=count,
                            n=params["min_enquiries"],
                        ),
                    )
                )
                continue
        results.append(
            item(entry, "pass", say("documented ({g})", "dokumentert ({g})", g=entry["ground"]))
        )
    return Outcome(None, items=results)
