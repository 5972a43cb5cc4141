"""Shared by the FOA § 7-9 checks: when the duty applies, and how an exception is judged."""

from checker.checks.base import Outcome
from checker.formats.messages import define
from checker.formats.messages import say

PARAGRAPH = {"specification_instead": "§ 7-9(4)", "insignificant_footprint": "§ 7-9(5)"}


def below_threshold(procurement: dict, threshold: float) -> Outcome | None:
    """None when the duty applies; otherwise the outcome that says why it does not (or is unknown)."""
    value = procurement.get("estimated_value_nok")
    if value is None:
        return Outcome(
            "not_answered",
            say("procedure_common.value_missing"),
            code="value_missing",
        )
    if value < threshold:
        return Outcome(
            "not_applicable",
            say("procedure_common.below_threshold", v={"nok": value}, t={"nok": threshold}),
            code="below_threshold",
        )
    return None


def unjustified(exception: dict) -> Outcome | None:
    """A claimed exception without a justification breaches § 7-9 (KOFA 2025/0726)."""
    if (exception.get("justification") or "").strip():
        return None
    return Outcome(
        "fail",
        say(
            "procedure_common.exception_unjustified",
            g={"code": exception["ground"]},
            p=PARAGRAPH[exception["ground"]],
        ),
        code="exception_unjustified",
    )


def exception_outcome(exception: dict | None, shortfall: Outcome) -> Outcome:
    """No weighting met: a justified exception needs a person's judgement, an unjustified one fails."""
    if not exception:
        return shortfall
    return unjustified(exception) or Outcome(
        "manual_review",
        say(
            "procedure_common.exception_for_review",
            g={"code": exception["ground"]},
            p=PARAGRAPH[exception["ground"]],
        ),
        code="exception_for_review",
    )


MESSAGES = define(
    {
        "procedure_common.value_missing": (
            "the estimated value (procurement.estimated_value_nok) is needed to know whether § 7-9 applies",
            "anslått verdi (procurement.estimated_value_nok) trengs for å avgjøre om § 7-9 gjelder",
            "anslått verdi (procurement.estimated_value_nok) trengst for å avgjere om § 7-9 gjeld",
        ),
        "procedure_common.below_threshold": (
            "estimated value {v} is below the threshold {t}",
            "anslått verdi {v} er under terskelverdien {t}",
            "anslått verdi {v} er under terskelverdien {t}",
        ),
        "procedure_common.exception_unjustified": (
            "exception '{g}' is claimed without a justification ({p}; KOFA 2025/0726)",
            "unntaket '{g}' er påberopt uten begrunnelse ({p}; KOFA 2025/0726)",
            "unntaket '{g}' er påberope utan grunngjeving ({p}; KOFA 2025/0726)",
        ),
        "procedure_common.exception_for_review": (
            (
                "exception '{g}' is claimed with a justification; an officer must confirm it meets "
                "{p}"
            ),
            (
                "unntaket '{g}' er påberopt med begrunnelse; en saksbehandler må bekrefte at det "
                "oppfyller {p}"
            ),
            (
                "unntaket '{g}' er påberope med grunngjeving; ein sakshandsamar må stadfeste at det "
                "oppfyller {p}"
            ),
        ),
    }
)
