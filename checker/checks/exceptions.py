"""Exceptions: a non-conforming item fails unless it asks for an exception the rule accepts,
and then it awaits the officer's decision. Only a decision waives; a contractor can only ask."""

from checker.assessment.emissions import effective_carrier
from checker.checks.base import Context
from checker.checks.base import item
from checker.formats.texts import say

SPORADIC = "sporadic_use"


def _decided(entry: dict, ctx: Context, requests: list[dict]) -> dict | None:
    """The item's result once the officer has decided; None while anything is pending."""
    keys = [request["id"] for request in requests] + (
        [entry["id"]] if entry.get("sporadic") else []
    )
    decisions = [(key, ctx.decisions[key]) for key in keys if key in ctx.decisions]
    for key, decision in decisions:
        if decision["decision"] == "approved" and _expired(decision, ctx.as_of):
            return item(
                entry,
                "manual_review",
                say(
                    "exception {key} approved by {by} expired on {exp}; the officer must decide again",
                    "unntak {key} godkjent av {by} utløp {exp}; oppdragsgiver må avgjøre på nytt",
                    key=key,
                    by=decision["by"],
                    exp=decision["expires"],
                ),
            )
        if decision["decision"] == "approved":
            return item(
                entry,
                "waived",
                say(
                    "exception {key} approved by {by}; legal basis: {basis}; expires {exp}",
                    "unntak {key} godkjent av {by}; hjemmel: {basis}; utløper {exp}",
                    key=key,
                    by=decision["by"],
                    basis=decision["legal_basis"],
                    exp=decision.get("expires") or "–",
                ),
            )
    if decisions and len(decisions) == len(keys):
        key, decision = decisions[0]
        return item(
            entry,
            "fail",
            say(
                "exception {key} rejected by {by}: {why}",
                "unntak {key} avslått av {by}: {why}",
                key=key,
                by=decision["by"],
                why=decision["reason"],
            ),
        )
    return None


def exception_outcome(
    entry: dict, ctx: Context, grounds: list[str], wrong: dict, fallback=()
) -> dict:
    """Fail with `wrong`, unless the entry asks for an exception on one of `grounds`.

    Marking an entry `sporadic: true` counts as asking on the ground sporadic_use, where the rule
    accepts that ground; the officer decides on it under the entry's own id.
    """
    requests = [
        req for req in ctx.exceptions_by_item.get(entry["id"], []) if req["ground"] in grounds
    ]
    claims_sporadic = SPORADIC in grounds and bool(entry.get("sporadic"))
    if not requests and not claims_sporadic:
        return item(entry, "fail", wrong)
    carrier = effective_carrier(entry, ctx.fuels)
    if fallback and carrier not in fallback:
        allowed = ", ".join(fallback)
        return item(
            entry,
            "fail",
            _extend(
                wrong,
                f"even with an exception it must run on {allowed}",
                f"selv med unntak må den gå på {allowed}",
            ),
        )
    decided = _decided(entry, ctx, requests)
    if decided:
        return decided
    asked_en = ", ".join(request["id"] for request in requests) or "sporadic use"
    asked_nb = ", ".join(request["id"] for request in requests) or "sporadisk bruk"
    return item(
        entry,
        "manual_review",
        _extend(
            wrong,
            f"the exception asked for ({asked_en}) awaits the officer's decision",
            f"unntaket det er søkt om ({asked_nb}) venter på oppdragsgivers avgjørelse",
        ),
    )


def _expired(decision: dict, as_of: str | None) -> bool:
    """ISO dates compare as text; with no day to speak for, nothing expires."""
    return bool(as_of and decision.get("expires") and decision["expires"] < as_of)


def _extend(message: dict, en: str, nb: str) -> dict:
    return {"en": f"{message['en']}; {en}", "nb": f"{message['nb']}; {nb}"}
