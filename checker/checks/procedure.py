"""Checks on the procurement itself: FOA § 7-9 climate weighting and its exceptions."""

from checker.checks.base import Context
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import check
from checker.formats.texts import say


def _below_threshold(procurement: dict, threshold: float) -> Outcome | None:
    """None when the duty applies; otherwise the outcome that says why it does not (or is unknown)."""
    value = procurement.get("estimated_value_nok")
    if value is None:
        return Outcome(
            "not_answered",
            say(
                "procurement.estimated_value_nok is needed to know whether § 7-9 applies",
                "procurement.estimated_value_nok trengs for å avgjøre om § 7-9 gjelder",
            ),
        )
    if value < threshold:
        return Outcome(
            "not_applicable",
            say(
                "estimated value NOK {v:,.0f} is below the threshold NOK {t:,.0f}",
                "anslått verdi NOK {v:,.0f} er under terskelverdien NOK {t:,.0f}",
                v=value,
                t=threshold,
            ),
        )
    return None


PARAGRAPH = {"specification_instead": "§ 7-9(4)", "insignificant_footprint": "§ 7-9(5)"}


def _unjustified(exception: dict) -> Outcome | None:
    """A claimed exception without a justification breaches § 7-9 (KOFA 2025/0726)."""
    if (exception.get("justification") or "").strip():
        return None
    return Outcome(
        "fail",
        say(
            "exception '{g}' is claimed without a justification ({p}; KOFA 2025/0726)",
            "unntaket '{g}' er påberopt uten begrunnelse ({p}; KOFA 2025/0726)",
            g=exception["ground"],
            p=PARAGRAPH[exception["ground"]],
        ),
    )


def _exception_outcome(exception: dict | None, shortfall: dict) -> Outcome:
    """No weighting met: a justified exception needs a person's judgement, an unjustified one fails."""
    if not exception:
        return Outcome("fail", shortfall)
    return _unjustified(exception) or Outcome(
        "manual_review",
        say(
            "exception '{g}' is claimed with a justification; an officer must confirm it meets {p}",
            "unntaket '{g}' er påberopt med begrunnelse; en saksbehandler må bekrefte at det oppfyller {p}",
            g=exception["ground"],
            p=PARAGRAPH[exception["ground"]],
        ),
    )


@check(
    "climate_award_weight",
    {"procurement"},
    min_percent=Param("number"),
    max_rank=Param("integer"),
    threshold_nok=Param("number"),
)
def climate_award_weight(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """Climate and environment weigh at least min_percent (or rank in the top N), else a justified exception."""
    procurement = ctx.tender["procurement"]
    skip = _below_threshold(procurement, params["threshold_nok"])
    if skip:
        return skip
    criteria = procurement.get("award_criteria") or []
    exception = procurement.get("climate_exception")
    weighted = [c for c in criteria if c.get("weight_percent") is not None]
    if weighted:
        total = sum(c["weight_percent"] for c in weighted)
        if abs(total - 100) > 0.01:
            return Outcome(
                "error",
                say(
                    "award weights add up to {t:g} %; expected 100 %",
                    "tildelingsvektene summerer til {t:g} %; forventet 100 %",
                    t=total,
                ),
            )
        climate = sum(c["weight_percent"] for c in weighted if c.get("climate_environment"))
        message = say(
            "climate and environment weigh {c:g} %; at least {m:g} % is required",
            "klima og miljø vektes {c:g} %; minst {m:g} % kreves",
            c=climate,
            m=params["min_percent"],
        )
        return (
            Outcome("pass", message)
            if climate >= params["min_percent"]
            else _exception_outcome(exception, message)
        )
    ranked = [c for c in criteria if c.get("rank") is not None]
    if ranked:
        best = min((c["rank"] for c in ranked if c.get("climate_environment")), default=None)
        message = say(
            "climate and environment rank {r}; it should be among the top {n}",
            "klima og miljø er rangert som nr. {r}; det bør være blant de {n} høyeste",
            r=best or "–",
            n=params["max_rank"],
        )
        ok = best is not None and best <= params["max_rank"]
        return Outcome("pass", message) if ok else _exception_outcome(exception, message)
    return _exception_outcome(
        exception,
        say(
            "no award criteria with weights or ranks are given, and no exception is claimed",
            "ingen tildelingskriterier med vekt eller rangering er oppgitt, og intet unntak er påberopt",
        ),
    )


@check(
    "climate_exception_scope",
    {"procurement"},
    threshold_nok=Param("number"),
    narrow_cpv_prefixes=Param("string_list"),
)
def climate_exception_scope(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """An 'insignificant footprint' exception on construction works is read narrowly and needs review."""
    procurement = ctx.tender["procurement"]
    exception = procurement.get("climate_exception")
    if not exception or exception["ground"] != "insignificant_footprint":
        return Outcome(
            "not_applicable",
            say(
                "no 'insignificant footprint' exception is claimed",
                "unntaket for uvesentlig klimaavtrykk er ikke påberopt",
            ),
        )
    skip = _below_threshold(procurement, params["threshold_nok"])
    if skip:
        return skip
    unjustified = _unjustified(exception)
    if unjustified:
        return unjustified
    cpv = procurement.get("cpv")
    if not cpv:
        return Outcome(
            "not_answered",
            say(
                "procurement.cpv is needed to see whether the narrow reading for construction applies",
                "procurement.cpv trengs for å se om den snevre tolkningen for bygg og anlegg gjelder",
            ),
        )
    if any(cpv.startswith(prefix) for prefix in params["narrow_cpv_prefixes"]):
        return Outcome(
            "manual_review",
            say(
                "CPV {c} is construction work: the 'insignificant footprint' exception is read narrowly "
                "(KOFA 2025/0801); an officer must confirm it",
                "CPV {c} er bygg- og anleggsarbeid: unntaket for uvesentlig klimaavtrykk tolkes snevert "
                "(KOFA 2025/0801); en saksbehandler må bekrefte det",
                c=cpv,
            ),
        )
    return Outcome(
        "pass",
        say(
            "CPV {c} is not construction work, so the narrow reading does not apply; the justification "
            "itself is judged under the weighting rule",
            "CPV {c} er ikke bygg- og anleggsarbeid, så den snevre tolkningen gjelder ikke; selve "
            "begrunnelsen vurderes under vektingsregelen",
            c=cpv,
        ),
    )
