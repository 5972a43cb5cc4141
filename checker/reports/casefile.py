"""What every report kind needs to be filed in a case: the letterhead (who issues it, in which case,
by whom and when) and the words of the closing block's frame (templates/reports/_casefile.html).

The letterhead comes from the envelope's `letterhead` ({buyer, org_number, case_number,
officer}); without one, an assessment, evaluation or follow-up report takes the buyer and the
reference from the procurement block, and the annual statistics report its organisation (an
organisation's annual report belongs to no case, so it has no case number).
"""

from checker.reports.envelope import STATISTICS
from checker.reports.labels import LABELS

MISSING = "–"
# The letterhead's and the closing block's words, the same in every report kind.
WORDS = (
    "case_number",
    "org_number",
    "officer",
    "date",
    "closing",
    "decided_by",
    "decided_at",
    "issued_by",
    "exception_basis",
    "no_basis",
)


def casefile_labels(lang: str) -> dict:
    """The letterhead's and the closing block's words in the report's language."""
    return {key: LABELS[lang][key] for key in WORDS}


def letterhead(envelope: dict) -> dict:
    """The letterhead of any report kind: {buyer, org_number, case_number, officer}; an empty
    org_number, case_number or officer is left out of the page."""
    given = envelope.get("letterhead") or {}
    if envelope["kind"] == STATISTICS:
        organisation = envelope.get("organisation") or {}
        return {
            "buyer": given.get("buyer") or organisation.get("name") or MISSING,
            "org_number": given.get("org_number") or organisation.get("org_number") or "",
            "case_number": given.get("case_number") or "",
            "officer": given.get("officer") or "",
        }
    procurement = envelope.get("procurement") or {}
    return {
        "buyer": given.get("buyer") or procurement.get("buyer") or MISSING,
        "org_number": given.get("org_number") or "",
        "case_number": given.get("case_number") or procurement.get("reference") or MISSING,
        "officer": given.get("officer") or "",
    }
