"""Exceptions: a non-conforming item fails unless it asks for an exception the rule accepts,
and then it awaits the officer's decision. Only a decision waives; a contractor can only ask.

Shared by the check types whose items may be excepted (energy carriers, emission stages, machine
age), with the advice for the states an exception request can be in.
"""

from checker.assessment.emissions import effective_carrier
from checker.checks.base import Context
from checker.checks.base import Finding
from checker.checks.base import item
from checker.formats.messages import define
from checker.formats.messages import say
from checker.formats.texts import percent

SPORADIC = "sporadic_use"
# Finding codes of an item whose exception request decides its state.
PENDING = "exception_pending"
APPROVED = "exception_approved"
PARTLY_APPROVED = "exception_partly_approved"
SHARE_EXCEEDED = "exception_share_exceeded"
REJECTED = "exception_rejected"
EXPIRED = "exception_expired"
FALLBACK = "fallback_required"
EXCEPTION_CODES = frozenset(
    {PENDING, APPROVED, PARTLY_APPROVED, SHARE_EXCEEDED, REJECTED, EXPIRED, FALLBACK}
)


def accepted_grounds(params: dict) -> list[str]:
    """The exception grounds a rule accepts; exempting sporadic use adds that ground."""
    grounds = list(params.get("exception_grounds") or [])
    return grounds + [SPORADIC] if params.get("exempt_sporadic") else grounds


def _approved(entry: dict, key: str, decision: dict, fraction: float | None) -> dict:
    """An approval waives the item; a partial one only as far as it covers the item's energy.

    `fraction` is the share of the item's planned energy that the rule does not allow (None for
    a rule about the machine as a whole, such as its age, where a share means nothing).
    """
    share = decision.get("waived_share", 1.0)
    values = {
        "key": key,
        "by": decision["by"],
        "basis": decision["legal_basis"],
        "exp": {"day": decision.get("expires")},
    }
    if fraction is None or share >= 1:
        return item(
            entry,
            "waived",
            say("exceptions.exception_approved_legal_basis", **values),
            APPROVED,
        )
    parts = {
        "s": percent(share),
        "f": percent(fraction),
        "id": entry["id"],
    }
    if fraction > share + 1e-9:
        return item(
            entry,
            "fail",
            say("exceptions.exception_approved_waives_s", **values, **parts),
            SHARE_EXCEEDED,
            waived_share=share,
        )
    return item(
        entry,
        "waived",
        say("exceptions.exception_approved_s_energy", **values, **parts),
        PARTLY_APPROVED,
        waived_share=share,
    )


def _decided(entry: dict, ctx: Context, requests: list[dict], fraction) -> dict | None:
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
                    "exceptions.exception_approved_expired_officer",
                    key=key,
                    by=decision["by"],
                    exp={"day": decision["expires"]},
                ),
                EXPIRED,
            )
        if decision["decision"] == "approved":
            return _approved(entry, key, decision, fraction)
    if decisions and len(decisions) == len(keys):
        key, decision = decisions[0]
        return item(
            entry,
            "fail",
            say(
                "exceptions.exception_rejected", key=key, by=decision["by"], why=decision["reason"]
            ),
            REJECTED,
        )
    return None


def exception_outcome(
    entry: dict,
    ctx: Context,
    grounds: list[str],
    wrong: dict,
    code: str,
    fallback=(),
    fraction: float | None = None,
) -> dict:
    """Fail with `wrong` (finding `code`), unless the entry asks for an exception on `grounds`.

    Marking an entry `sporadic: true` counts as asking on the ground sporadic_use, where the rule
    accepts that ground; the officer decides on it under the entry's own id.
    """
    requests = [
        req for req in ctx.exceptions_by_item.get(entry["id"], []) if req["ground"] in grounds
    ]
    claims_sporadic = SPORADIC in grounds and bool(entry.get("sporadic"))
    if not requests and not claims_sporadic:
        return item(entry, "fail", wrong, code)
    carrier = effective_carrier(entry, ctx.fuels)
    if fallback and carrier not in fallback:
        allowed = {"codes": list(fallback)}
        return item(entry, "fail", say("exceptions.fallback", wrong=wrong, c=allowed), FALLBACK)
    decided = _decided(entry, ctx, requests, fraction)
    if decided:
        return decided
    asked = [request["id"] for request in requests]
    asked = {"ids": asked} if asked else {"code": SPORADIC}
    return item(
        entry,
        "manual_review",
        say("exceptions.pending", wrong=wrong, asked=asked),
        PENDING,
    )


def _expired(decision: dict, as_of: str | None) -> bool:
    """ISO dates compare as text; with no day to speak for, nothing expires."""
    return bool(as_of and decision.get("expires") and decision["expires"] < as_of)


def exception_advice(finding: Finding) -> dict | None:
    """Advice for an item whose exception request decides its state; None for other codes."""
    entry_id = finding.entry.get("id", "?")
    if finding.code == PENDING:
        return say("exceptions.buyer_will_judge_attach", id=entry_id)
    if finding.code == EXPIRED:
        return say("exceptions.approved_exception_has_expired", id=entry_id)
    if finding.code == SHARE_EXCEEDED:
        return say("exceptions.buyer_waived_only_part", id=entry_id)
    if finding.code == FALLBACK:
        fallback = finding.params.get("fallback_carriers") or []
        carriers = {"either": [{"code": carrier} for carrier in fallback]}
        return say("exceptions.fallback_advice", id=entry_id, c=carriers)
    return None


MESSAGES = define(
    {
        "exceptions.exception_approved_legal_basis": (
            "exception {key} approved by {by}; legal basis: {basis}; expires {exp}",
            "unntak {key} godkjent av {by}; hjemmel: {basis}; utløper {exp}",
            "unntak {key} godkjent av {by}; heimel: {basis}; går ut {exp}",
        ),
        "exceptions.exception_approved_waives_s": (
            (
                "exception {key} approved by {by} waives {s} of {id}'s energy, but {f} of its planned"
                " energy is not allowed here: the rest must be allowed energy"
            ),
            (
                "unntak {key} godkjent av {by} gjelder {s} av energien til {id}, men {f} av den "
                "planlagte energien er ikke tillatt her: resten må være tillatt energi"
            ),
            (
                "unntak {key} godkjent av {by} gjeld {s} av energien til {id}, men {f} av den "
                "planlagde energien er ikkje tillaten her: resten må vere tillaten energi"
            ),
        ),
        "exceptions.exception_approved_s_energy": (
            (
                "exception {key} approved by {by} for {s} of {id}'s energy; legal basis: {basis}; "
                "expires {exp}"
            ),
            (
                "unntak {key} godkjent av {by} for {s} av energien til {id}; hjemmel: {basis}; "
                "utløper {exp}"
            ),
            (
                "unntak {key} godkjent av {by} for {s} av energien til {id}; heimel: {basis}; går ut "
                "{exp}"
            ),
        ),
        "exceptions.exception_approved_expired_officer": (
            "exception {key} approved by {by} expired on {exp}; the officer must decide again",
            "unntak {key} godkjent av {by} utløp {exp}; oppdragsgiver må avgjøre på nytt",
            "unntak {key} godkjent av {by} gjekk ut {exp}; oppdragsgjevaren må avgjere på nytt",
        ),
        "exceptions.exception_rejected": (
            "exception {key} rejected by {by}: {why}",
            "unntak {key} avslått av {by}: {why}",
            "unntak {key} avslått av {by}: {why}",
        ),
        "exceptions.buyer_will_judge_attach": (
            (
                "The buyer will judge {id}: attach the evidence (market check, grid owner's "
                "statement) to the exception request."
            ),
            (
                "Oppdragsgiver vurderer {id}: legg ved dokumentasjonen (markedsundersøkelse, "
                "erklæring fra nettselskapet) til unntakssøknaden."
            ),
            (
                "Oppdragsgjevaren vurderer {id}: legg ved dokumentasjonen (marknadsundersøking, "
                "fråsegn frå nettselskapet) til unntakssøknaden."
            ),
        ),
        "exceptions.approved_exception_has_expired": (
            (
                "The approved exception for {id} has expired: ask the buyer for a new decision, or "
                "replace {id} with one that meets the rule."
            ),
            (
                "Det godkjente unntaket for {id} er utløpt: be oppdragsgiver om en ny avgjørelse, "
                "eller bytt {id} med en som oppfyller regelen."
            ),
            (
                "Det godkjende unntaket for {id} har gått ut: be oppdragsgjevaren om ei ny avgjerd, "
                "eller byt {id} med ein som oppfyller regelen."
            ),
        ),
        "exceptions.buyer_waived_only_part": (
            (
                "The buyer waived only part of {id}'s energy: plan the rest on zero-emission energy "
                "(e.g. charge from the grid for part of the hours), or split {id} into entries by "
                "energy carrier."
            ),
            (
                "Oppdragsgiver har gitt unntak for bare en del av energien til {id}: planlegg resten "
                "med utslippsfri energi (f.eks. lading fra nettet en del av timene), eller del {id} i"
                " poster etter energibærer."
            ),
            (
                "Oppdragsgjevaren har gitt unntak for berre ein del av energien til {id}: planlegg "
                "resten med utsleppsfri energi (t.d. lading frå nettet ein del av timane), eller del "
                "{id} i postar etter energiberar."
            ),
        ),
        "exceptions.fallback_advice": (
            "Even with an exception {id} must run on {c}: change its fuel, or use an electric "
            "machine.",
            "Selv med unntak må {id} gå på {c}: bytt drivstoff, eller bruk en elektrisk maskin.",
            "Sjølv med unntak må {id} gå på {c}: byt drivstoff, eller bruk ei elektrisk maskin.",
        ),
        "exceptions.fallback": (
            "{wrong}; even with an exception it must run on {c}",
            "{wrong}; selv med unntak må den gå på {c}",
            "{wrong}; sjølv med unntak må han gå på {c}",
        ),
        "exceptions.pending": (
            "{wrong}; the exception asked for ({asked}) awaits the officer's decision",
            "{wrong}; unntaket det er søkt om ({asked}) venter på oppdragsgivers avgjørelse",
            "{wrong}; unntaket det er søkt om ({asked}) ventar på avgjerda til oppdragsgivaren",
        ),
    }
)
