"""Is this PDF an unaltered report issued by this system? Re-render its embedded data and compare."""

import io
import json
from dataclasses import dataclass
from dataclasses import field

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from checker import __version__
from checker.reports.envelope import REPORT_FORMAT
from checker.reports.envelope import envelope_sha256
from checker.reports.pdf import ATTACHMENT_NAME
from checker.reports.pdf import pdf_sha256
from checker.reports.pdf import render_pdf


@dataclass
class Verification:
    is_authentic: bool
    reasons: list[str] = field(default_factory=list)
    pdf_sha256: str = ""
    report_sha256: str | None = None
    envelope: dict | None = None

    def summary(self) -> dict:
        envelope = self.envelope or {}
        # A follow-up report speaks for the awarded tender, like a compliance report.
        assessment = envelope.get("assessment") or envelope.get("followup") or {}
        return {
            "authentic": self.is_authentic,
            "reasons": self.reasons,
            "pdf_sha256": self.pdf_sha256,
            "report_sha256": self.report_sha256,
            "kind": envelope.get("kind"),
            "issued_at": envelope.get("issued_at"),
            "tender_id": (assessment.get("tender") or {}).get("tender_id"),
            "procurement": (envelope.get("procurement") or {}).get("reference"),
            "ruleset": assessment.get("ruleset") or _reference(envelope.get("ruleset")),
            "verdict": assessment.get("verdict"),
            "awarded_to": (envelope.get("decision") or {}).get("name"),
        }


def _reference(ruleset: dict | None) -> dict | None:
    """A rule set's id, version and hash, as the assessment names it."""
    if not ruleset:
        return None
    return {key: ruleset.get(key) for key in ("id", "version", "sha256")}


def _embedded_envelope(pdf: bytes) -> tuple[dict | None, str | None]:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        attachments = reader.attachments
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        return None, f"not a readable PDF ({type(err).__name__})"
    payloads = attachments.get(ATTACHMENT_NAME) or []
    if len(payloads) != 1:
        return None, f"no embedded {ATTACHMENT_NAME}: not a report issued by this system"
    try:
        envelope = json.loads(payloads[0])
    except (ValueError, UnicodeDecodeError):
        return None, f"the embedded {ATTACHMENT_NAME} is not valid JSON"
    if not isinstance(envelope, dict) or envelope.get("format") != REPORT_FORMAT:
        return None, f"the embedded data is not {REPORT_FORMAT}"
    return envelope, None


def verify_pdf(pdf: bytes) -> Verification:
    """Authentic when rendering the embedded data again gives exactly these bytes."""
    result = Verification(is_authentic=False, pdf_sha256=pdf_sha256(pdf))
    envelope, problem = _embedded_envelope(pdf)
    if problem:
        result.reasons.append(problem)
        return result
    result.envelope = envelope
    result.report_sha256 = envelope_sha256(envelope)
    try:
        again = render_pdf(envelope)
    except (KeyError, TypeError, ValueError) as err:
        result.reasons.append(
            f"the embedded data cannot be rendered ({type(err).__name__}): altered"
        )
        return result
    if again != pdf:
        made_by = (envelope.get("assessment") or {}).get("engine", {}).get("version")
        if made_by and made_by != __version__:
            result.reasons.append(
                f"issued by version {made_by}; this is {__version__}: verify with that version"
            )
        result.reasons.append(
            "the file differs from the report its embedded data gives: it has been altered"
        )
        return result
    result.is_authentic = True
    return result
