"""Shared by the FOA § 7-9 checks: when the duty applies, and how an exception is judged."""

from checker.checks.base import Outcome
from checker.formats.texts import say

PARAGRAPH = {"specification_instead": "§ 7-9(4)", "insignificant_footprint": "§ 7-9(5)"}


def below_threshold(procurement: dict, threshold: float) -> Outcome | None:
    """None when the duty applies; otherwise the outcome that says why it does not (or is unknown)."""
    value = procurement.get("estimated_value_nok")
    if value is None:
        return Outcome(
            "not_answered",
            say(
                "procurement.estimated_value_nok is needed to know whether § 7-9 applies",
                "procurement.estimated_value_nok trengs for å avgjøre om § 7-9 gjelder",
                nn="procurement.estimated_value_nok trengst for å avgjere om § 7-9 gjeld",
            ),
            code="value_missing",
        )
    if value < threshold:
        return Outcome(
            "not_applicable",
            say(
                "estimated value NOK {v:,.0f} is below the threshold NOK {t:,.0f}",
                "anslått verdi NOK {v:,.0f} er under terskelverdien NOK {t:,.0f}",
                nn="anslått verdi NOK {v:,.0f} er under terskelverdien NOK {t:,.0f}",
                v=value,
                t=threshold,
            ),
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
            "exception '{g}' is claimed without a justification ({p}; KOFA 2025/0726)",
            "unntaket '{g}' er påberopt uten begrunnelse ({p}; KOFA 2025/0726)",
            nn="unntaket '{g}' er påberope utan grunngjeving ({p}; KOFA 2025/0726)",
            g=exception["ground"],
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
            "exception '{g}' is claimed with a justification; an officer must confirm it meets {p}",
            "unntaket '{g}' er påberopt med begrunnelse; en saksbehandler må bekrefte at det oppfyller {p}",
            nn=(
                "unntaket '{g}' er påberope med grunngjeving; ein sakshandsamar må "
                "stadfeste at det oppfyller {p}"
            ),
            g=exception["ground"],
            p=PARAGRAPH[exception["ground"]],
        ),
        code="exception_for_review",
    )
