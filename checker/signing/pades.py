"""PAdES signatures in PDF reports, added as an incremental update so the PDF/A-3 render
before it stays byte for byte what it was (and can be rendered again to compare)."""

import io

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from pyhanko.sign import signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata

from checker.signing.cms import KeySigner
from checker.signing.keys import SigningKey

FIELD_NAME = "ReportSignature"


class _SignatureOnlyWriter(IncrementalPdfFileWriter):
    """Adds the signature and nothing else. pyHanko would also rewrite the metadata, setting
    the XMP producer to itself while appending itself to the Info producer; PDF/A requires the
    two to agree, so the rendered metadata stays as it was (the signing time is in the CMS)."""

    def _update_meta(self):
        return None


def sign_pdf(pdf: bytes, key: SigningKey, *, reason: str, location: str) -> bytes:
    """The PDF with a PAdES B-B signature (an invisible, printable signature field) by key."""
    writer = _SignatureOnlyWriter(io.BytesIO(pdf))
    metadata = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    output = io.BytesIO()
    signers.sign_pdf(writer, metadata, signer=KeySigner(key), output=output)
    return output.getvalue()
