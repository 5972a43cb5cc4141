"""Is this PDF a report this organisation issued, unaltered?

Authentic means: a valid signature by a certificate the organisation uses, covering the whole
file, and the file in the organisation's register of issued reports. Rendering the embedded data
again to the same bytes proves only that the pages show the data (anyone with the program can
make such a file), so it is reported beside the answer and never makes a file authentic.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime

from cryptography import x509
from pypdf import PdfReader

from checker import __version__
from checker.reports.envelope import REPORT_FORMAT
from checker.reports.envelope import envelope_sha256
from checker.reports.pdf import ATTACHMENT_NAME
from checker.reports.pdf import pdf_sha256
from checker.signing import checks
from checker.signing.checks import SignatureCheck
from checker.signing.checks import check_pdf_signature

AUTHENTIC = "authentic"
NOT_ISSUED = "not_issued"  # readable, but not issued by this organisation (unsigned, or not ours)
ALTERED = "altered"  # signed, but changed after signing
NOT_VALID = "not_valid"  # not a report at all: unreadable, broken, or some other PDF
EXIT_CODES = {AUTHENTIC: 0, NOT_ISSUED: 1, ALTERED: 1, NOT_VALID: 2}

# The register: a signed file's SHA-256 -> when it was issued (None: not in the register).
Register = Callable[[str], datetime | None]


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


@dataclass
class Verification:
    state: str
    reasons: list[str] = field(default_factory=list)
    pdf_sha256: str = ""
    report_sha256: str | None = None
    envelope: dict | None = None
    signature: SignatureCheck | None = None
    reproducible: bool | None = None  # None: not checked
    registered_at: datetime | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_authentic(self) -> bool:
        return self.state == AUTHENTIC

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.state]

    def summary(self) -> dict:
        envelope = _dict(self.envelope)
        # A follow-up report speaks for the awarded tender, like a compliance report.
        assessment = _dict(envelope.get("assessment") or envelope.get("followup"))
        signature = self.signature
        return {
            "state": self.state,
            "authentic": self.is_authentic,
            "reasons": self.reasons,
            "notes": self.notes,
            "pdf_sha256": self.pdf_sha256,
            "report_sha256": self.report_sha256,
            "signature": signature.state if signature else None,
            "signed_by": signature.signer if signature else None,
            "certificate_sha256": signature.certificate_sha256 if signature else None,
            "signed_at": signature.signed_at if signature else None,
            "registered_at": self.registered_at.isoformat() if self.registered_at else None,
            "reproducible": self.reproducible,
            "kind": envelope.get("kind"),
            "issued_at": envelope.get("issued_at"),
            "tender_id": _dict(assessment.get("tender")).get("tender_id"),
            "procurement": _dict(envelope.get("procurement")).get("reference"),
            "ruleset": _reference(assessment.get("ruleset") or envelope.get("ruleset")),
            "verdict": assessment.get("verdict"),
            "awarded_to": _dict(envelope.get("decision")).get("name"),
        }


def _reference(ruleset) -> dict | None:
    """A rule set's id, version and hash, as the assessment names it."""
    if not isinstance(ruleset, dict):
        return None
    return {key: ruleset.get(key) for key in ("id", "version", "sha256")}


def embedded_envelope(pdf: bytes) -> tuple[dict | None, str | None]:
    """The report's embedded data, or why there is none. Never raises: the file is untrusted."""
    try:
        payloads = PdfReader(io.BytesIO(pdf)).attachments.get(ATTACHMENT_NAME) or []
    except Exception as err:  # noqa: BLE001 - a damaged PDF may break the reader anywhere
        return None, f"not a readable PDF ({type(err).__name__})"
    if len(payloads) != 1:
        return None, f"it has no embedded {ATTACHMENT_NAME}: not a report of this program"
    try:
        envelope = json.loads(payloads[0])
    except (ValueError, UnicodeDecodeError, TypeError):
        return None, f"the embedded {ATTACHMENT_NAME} is not valid JSON"
    if not isinstance(envelope, dict) or envelope.get("format") != REPORT_FORMAT:
        return None, f"the embedded data is not {REPORT_FORMAT}"
    try:
        envelope_sha256(envelope)
    except (ValueError, UnicodeError):
        return None, f"the embedded {ATTACHMENT_NAME} holds text that cannot be encoded"
    return envelope, None


def _reproduces(pdf: bytes, envelope: dict) -> bool | None:
    """Do the embedded data render to exactly the file's unsigned part? None if they cannot
    be rendered at all (altered data the renderer does not understand)."""
    from checker.reports.pdf import render_pdf

    try:
        again = render_pdf(envelope)
    except Exception:  # noqa: BLE001 - altered data may break the renderer anywhere
        return None
    return pdf[: len(again)] == again


def _judge(result: Verification, signature: SignatureCheck, registered: Register) -> None:
    result.registered_at = registered(result.pdf_sha256)
    if signature.state in (checks.UNSIGNED, checks.FOREIGN):
        result.state = NOT_ISSUED
        result.reasons.append(f"{signature.problem}: not issued by this organisation")
        if signature.state == checks.UNSIGNED and result.registered_at is not None:
            # A report issued before reports were signed: the register knows the file, but
            # without a signature nobody outside the system can tell it from a copy.
            result.notes.append(
                "the register holds this file from before reports were signed; without a "
                "signature its origin cannot be shown to anyone else: ask for a signed copy"
            )
        return
    if result.registered_at is None:
        result.state = NOT_ISSUED
        result.reasons.append(
            "signed with this organisation's key, but not in its register of issued reports"
        )
        return
    result.state = AUTHENTIC


def _reproduction_notes(result: Verification) -> None:
    envelope = _dict(result.envelope)
    made_by = _dict(_dict(envelope.get("assessment")).get("engine")).get("version")
    if result.reproducible:
        result.notes.append(
            "its pages are exactly what its embedded data gives (reproducible); on its own that "
            "proves nothing about who made the file"
        )
    elif made_by and made_by != __version__:
        result.notes.append(
            f"made by version {made_by}; this is {__version__}: its pages are not re-rendered "
            "identically, which the signature does not need"
        )
    else:
        result.notes.append("its pages are not what its embedded data gives")


def verify_pdf(
    pdf: bytes,
    trusted: dict[str, x509.Certificate],
    registered: Register,
    *,
    reproduce: bool = True,
) -> Verification:
    """Check a PDF against the organisation's certificates and register. Any bytes at all give
    an answer (the states above), never an exception."""
    result = Verification(state=NOT_VALID, pdf_sha256=pdf_sha256(pdf))
    signature = check_pdf_signature(pdf, trusted)
    result.signature = signature
    if signature.state == checks.BROKEN:
        result.reasons.append(signature.problem)
        return result
    if signature.state == checks.ALTERED:
        result.state = ALTERED
        result.reasons.append(signature.problem)
        result.envelope, _ = embedded_envelope(pdf)  # shown for what it claims, if readable
        return result
    envelope, problem = embedded_envelope(pdf)
    if problem:
        result.reasons.append(problem)
        return result
    result.envelope, result.report_sha256 = envelope, envelope_sha256(envelope)
    _judge(result, signature, registered)
    if reproduce:
        result.reproducible = _reproduces(pdf, envelope)
        _reproduction_notes(result)
    return result
