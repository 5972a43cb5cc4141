"""Checking signatures against the certificates this organisation uses.

A signature is what it says only when it is intact (the bytes are the signed ones), valid (the
key of the certificate made it), covers the whole file (nothing was added after signing) and the
certificate is one of the organisation's: its exact fingerprint, not merely a name or a chain.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from asn1crypto import cms
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.generic_cms import validate_sig_integrity
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from checker.signing.cms import asn1_certificate
from checker.signing.cms import in_own_thread_if_a_loop_runs

# The states of a check, worst first.
BROKEN = "broken"  # not a signature (or not a file) that can be read at all
UNSIGNED = "unsigned"
ALTERED = "altered"  # a signature, but the signed bytes were changed or added to
FOREIGN = "foreign"  # a valid signature, by a certificate this organisation does not use
VALID = "valid"

# pyHanko logs each failed check as a warning; the caller reports the outcome in words.
logging.getLogger("pyhanko").setLevel(logging.ERROR)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.ERROR)


@dataclass(frozen=True)
class SignatureCheck:
    state: str
    problem: str = ""
    certificate_sha256: str | None = None
    signer: str | None = None
    signed_at: str | None = None  # as the signer claims it (no timestamp authority)

    @property
    def is_valid(self) -> bool:
        return self.state == VALID


def _signer_name(certificate) -> str:
    """The certificate's common name and organisation, as a PDF reader shows the signer."""
    subject = certificate.subject.native
    parts = [subject.get("common_name"), subject.get("organization_name")]
    named = [str(part) for part in parts if part]
    return ", ".join(dict.fromkeys(named)) or certificate.subject.human_friendly


def _by_whom(certificate, trusted: dict[str, x509.Certificate]) -> SignatureCheck:
    digest = hashlib.sha256(certificate.dump()).hexdigest()
    if digest not in trusted:
        return SignatureCheck(
            FOREIGN,
            f"signed by {_signer_name(certificate)}, a certificate this organisation does not use",
            digest,
            _signer_name(certificate),
        )
    return SignatureCheck(VALID, "", digest, _signer_name(certificate))


def check_pdf_signature(pdf: bytes, trusted: dict[str, x509.Certificate]) -> SignatureCheck:
    """The PDF's one signature, checked. Any file at all gives an answer, never an exception."""
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception as err:  # noqa: BLE001 - an untrusted file may break the parser anywhere
        return SignatureCheck(BROKEN, f"not a readable PDF ({type(err).__name__})")
    if not signatures:
        return SignatureCheck(UNSIGNED, "it carries no signature")
    if len(signatures) > 1:
        return SignatureCheck(ALTERED, "it carries more than one signature: added to after signing")
    try:
        status = in_own_thread_if_a_loop_runs(
            validate_pdf_signature,
            signatures[0],
            ValidationContext(trust_roots=[asn1_certificate(c) for c in trusted.values()]),
        )
    except Exception as err:  # noqa: BLE001 - a damaged signature may break the validator
        return SignatureCheck(ALTERED, f"its signature cannot be read ({type(err).__name__})")
    if not (status.intact and status.valid):
        return SignatureCheck(ALTERED, "the signature does not match the file: altered")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(ALTERED, "something was added to the file after it was signed")
    check = _by_whom(status.signing_cert, trusted)
    claimed = status.signer_reported_dt
    return SignatureCheck(
        check.state,
        check.problem,
        check.certificate_sha256,
        check.signer,
        claimed.isoformat() if claimed else None,
    )


def _signer_certificate(signed_data) -> object:
    signer_info = signed_data["signer_infos"][0]
    wanted = signer_info["sid"].chosen
    for candidate in signed_data["certificates"] or []:
        certificate = candidate.chosen
        if (
            certificate.issuer == wanted["issuer"]
            and certificate.serial_number == wanted["serial_number"].native
        ):
            return certificate
    raise ValueError("the signer's certificate is not in the signature")


def check_detached(
    data: bytes, signature: bytes, trusted: dict[str, x509.Certificate]
) -> SignatureCheck:
    """A detached CMS signature (from checker.signing.cms.sign_bytes) over data, checked."""
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        signer_info = signed_data["signer_infos"][0]
        certificate = _signer_certificate(signed_data)
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        digest = hashlib.new(algorithm, data).digest()
        intact, valid = validate_sig_integrity(signer_info, certificate, "data", digest)
    except Exception as err:  # noqa: BLE001 - an untrusted signature may break the parser
        return SignatureCheck(BROKEN, f"the signature cannot be read ({type(err).__name__})")
    if not intact:
        return SignatureCheck(ALTERED, "the signed bytes were changed: altered")
    if not valid:
        return SignatureCheck(ALTERED, "the signature is not valid")
    return _by_whom(certificate, trusted)
