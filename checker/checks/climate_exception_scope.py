"""Check type `climate_exception_scope`: the "insignificant footprint" exception is read narrowly."""

from checker.checks.base import Context
from checker.checks.base import Example
from checker.checks.base import Finding
from checker.checks.base import Outcome
from checker.checks.base import Param
from checker.checks.base import register
from checker.checks.procedure_common import below_threshold
from checker.checks.procedure_common import unjustified
from checker.formats.messages import define
from checker.formats.messages import say


def climate_exception_scope(ctx: Context, params: dict, entries: list[dict]) -> Outcome:
    """An 'insignificant footprint' exception on construction works is read narrowly and needs review."""
    procurement = ctx.tender["procurement"]
    exception = procurement.get("climate_exception")
    if not exception or exception["ground"] != "insignificant_footprint":
        return Outcome(
            "not_applicable",
            say("climate_exception_scope.no_exception"),
            code="no_exception",
        )
    skip = below_threshold(procurement, params["threshold_nok"])
    if skip:
        return skip
    missing_justification = unjustified(exception)
    if missing_justification:
        return missing_justification
    cpv = procurement.get("cpv")
    if not cpv:
        return Outcome(
            "not_answered",
            say("climate_exception_scope.cpv_missing"),
            code="cpv_missing",
        )
    if any(cpv.startswith(prefix) for prefix in params["narrow_cpv_prefixes"]):
        return Outcome(
            "manual_review",
            say("climate_exception_scope.narrow_reading", c=cpv),
            code="narrow_reading",
        )
    return Outcome(
        "pass",
        say("climate_exception_scope.not_construction", c=cpv),
        code="not_construction",
    )


def advise(finding: Finding) -> dict | None:
    if finding.code == "exception_unjustified":
        return say("climate_exception_scope.write_justification_insignificant_footprint")
    if finding.code in ("cpv_missing", "value_missing"):
        return say("climate_exception_scope.give_procurement_s_cpv")
    return None


RULE = {"threshold_nok": 100000, "narrow_cpv_prefixes": ["45"]}
FOOTPRINT = {
    "ground": "insignificant_footprint",
    "justification": "Rådgivning uten fysisk leveranse",
}
EXAMPLES = (
    Example(
        "a service with a justified exception passes",
        RULE,
        {
            "procurement": {
                "estimated_value_nok": 500000,
                "cpv": "79411000-8",
                "climate_exception": FOOTPRINT,
            }
        },
        "pass",
    ),
    Example(
        "construction works with the exception go to an officer",
        RULE,
        {
            "procurement": {
                "estimated_value_nok": 500000,
                "cpv": "45214200-2",
                "climate_exception": FOOTPRINT,
            }
        },
        "manual_review",
    ),
    Example(
        "an unjustified exception fails",
        RULE,
        {
            "procurement": {
                "estimated_value_nok": 500000,
                "cpv": "79411000-8",
                "climate_exception": {"ground": "insignificant_footprint"},
            }
        },
        "fail",
    ),
    Example(
        "no exception claimed: not applicable",
        RULE,
        {"procurement": {"estimated_value_nok": 500000}},
        "not_applicable",
    ),
)

register(
    "climate_exception_scope",
    climate_exception_scope,
    targets={"procurement"},
    params={"threshold_nok": Param("number"), "narrow_cpv_prefixes": Param("string_list")},
    advice=advise,
    examples=EXAMPLES,
)


MESSAGES = define(
    {
        "climate_exception_scope.no_exception": (
            "no 'insignificant footprint' exception is claimed",
            "unntaket for uvesentlig klimaavtrykk er ikke påberopt",
            "unntaket for uvesentleg klimaavtrykk er ikkje påberope",
        ),
        "climate_exception_scope.cpv_missing": (
            (
                "the procurement's CPV code is needed to see whether the narrow reading for "
                "construction applies"
            ),
            (
                "anskaffelsens CPV-kode trengs for å se om den snevre tolkningen for bygg og anlegg "
                "gjelder"
            ),
            (
                "CPV-koden til anskaffinga trengst for å sjå om den snevre tolkinga for bygg og "
                "anlegg gjeld"
            ),
        ),
        "climate_exception_scope.narrow_reading": (
            (
                "CPV {c} is construction work: the 'insignificant footprint' exception is read "
                "narrowly (KOFA 2025/0801); an officer must confirm it"
            ),
            (
                "CPV {c} er bygg- og anleggsarbeid: unntaket for uvesentlig klimaavtrykk tolkes "
                "snevert (KOFA 2025/0801); en saksbehandler må bekrefte det"
            ),
            (
                "CPV {c} er bygg- og anleggsarbeid: unntaket for uvesentleg klimaavtrykk blir tolka "
                "snevert (KOFA 2025/0801); ein sakshandsamar må stadfeste det"
            ),
        ),
        "climate_exception_scope.not_construction": (
            (
                "CPV {c} is not construction work, so the narrow reading does not apply; the "
                "justification itself is judged under the weighting rule"
            ),
            (
                "CPV {c} er ikke bygg- og anleggsarbeid, så den snevre tolkningen gjelder ikke; selve"
                " begrunnelsen vurderes under vektingsregelen"
            ),
            (
                "CPV {c} er ikkje bygg- og anleggsarbeid, så den snevre tolkinga gjeld ikkje; sjølve "
                "grunngjevinga blir vurdert under vektingsregelen"
            ),
        ),
        "climate_exception_scope.write_justification_insignificant_footprint": (
            (
                "Write the justification for the 'insignificant footprint' exception into the "
                "procurement documents, or weigh climate and environment at least 30 %."
            ),
            (
                "Skriv begrunnelsen for unntaket for uvesentlig klimaavtrykk inn i "
                "anskaffelsesdokumentene, eller vekt klima og miljø minst 30 %."
            ),
            (
                "Skriv grunngjevinga for unntaket for uvesentleg klimaavtrykk inn i "
                "anskaffingsdokumenta, eller vekt klima og miljø minst 30 %."
            ),
        ),
        "climate_exception_scope.give_procurement_s_cpv": (
            "Give the procurement's CPV code and estimated value.",
            "Oppgi anskaffelsens CPV-kode og anslåtte verdi.",
            "Oppgi CPV-koden og den anslåtte verdien til anskaffinga.",
        ),
    }
)
