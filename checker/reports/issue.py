"""Issuing a report: render it, then sign it with the organisation's key, in one call.

The child process (or job) that renders a report calls `render_signed`; a report made some
other way (a follow-up or statistics report) is signed with `sign_report`. The unsigned render
stays reproducible and is the first part of the signed file, byte for byte.
"""

import hashlib
from dataclasses import dataclass

from cryptography.x509.oid import NameOID

from checker.reports.envelope import envelope_sha256
from checker.reports.pdf import render_pdf
from checker.signing.keys import KeySource
from checker.signing.keys import SigningKey
from checker.signing.pades import sign_pdf


@dataclass(frozen=True)
class SignedReport:
    pdf: bytes  # the signed file handed out
    pdf_sha256: str
    unsigned_sha256: str  # the render before signing: what the embedded data renders to
    certificate_sha256: str


def _location(key: SigningKey) -> str:
    found = key.certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(found[0].value) if found else "Norway"


def sign_report(unsigned: bytes, key: SigningKey, report_sha256: str) -> SignedReport:
    """Sign an unsigned report PDF (any climate-report/1 kind) with the organisation's key."""
    signed = sign_pdf(
        unsigned,
        key,
        reason=f"Issued report {report_sha256}",
        location=_location(key),
    )
    return SignedReport(
        pdf=signed,
        pdf_sha256=hashlib.sha256(signed).hexdigest(),
        unsigned_sha256=hashlib.sha256(unsigned).hexdigest(),
        certificate_sha256=key.fingerprint,
    )


def render_signed(envelope: dict, source: KeySource) -> SignedReport:
    """Render the report of an envelope and sign it with the key the source names."""
    return sign_report(render_pdf(envelope), source.load(), envelope_sha256(envelope))
