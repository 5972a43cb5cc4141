"""HTML to tagged PDF/A-3a bytes with WeasyPrint: reproducible, with the report's data attached,
and a URL fetcher that reaches nothing but the project's own fonts."""

import hashlib
import logging
from datetime import datetime
from pathlib import Path

from weasyprint import HTML
from weasyprint import Attachment
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

from checker.formats.tender import canonical_json
from checker.reports.envelope import envelope_sha256
from checker.reports.html import render_html

FONTS = Path(__file__).resolve().parent.parent / "fonts"
# WeasyPrint's warnings about unsupported CSS would flood the log of every render; refused
# fetches are still logged, as errors.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
FONT_SCHEME = "checker-font:"
ATTACHMENT_NAME = "report.json"
# PDF/A-3 level A: tagged (headings, tables, reading order, the charts' titles as alternative
# text) and Unicode text, with the JSON attachment A-3 allows; signed afterwards by pyHanko.
PDF_VARIANT = "pdf/a-3a"


class LockedFetcher(URLFetcher):
    """Serves the shipped fonts and nothing else: no file:, no network, no data: from users."""

    def __init__(self):
        super().__init__(allowed_protocols=set())

    def fetch(self, url, headers=None):
        if url.startswith(FONT_SCHEME):
            name = url[len(FONT_SCHEME) :]
            path = FONTS / name
            if path.parent == FONTS and path.suffix == ".ttf" and path.is_file():
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": "font/ttf"}
                )
        raise ValueError(f"the report renderer fetches nothing but its own fonts: {url[:80]}")


def _issued(envelope: dict) -> datetime:
    return datetime.fromisoformat(envelope["issued_at"].replace("Z", "+00:00"))


def render_pdf(envelope: dict) -> bytes:
    """The report as tagged PDF/A-3a bytes; identical envelopes give identical bytes."""
    digest = envelope_sha256(envelope)
    return pdf_from_html(render_html(envelope, digest), envelope, digest)


def pdf_from_html(html: str, envelope: dict, digest: str) -> bytes:
    """WeasyPrint's part: the report's HTML to PDF/A-3a with the envelope attached."""
    issued = _issued(envelope)
    attachment = Attachment(
        string=canonical_json(envelope),
        name=ATTACHMENT_NAME,
        description="climate-report/1: the data this report shows",
        created=issued,
        modified=issued,
        relationship="Source",
    )
    return HTML(string=html, url_fetcher=LockedFetcher(), base_url=FONT_SCHEME).write_pdf(
        pdf_variant=PDF_VARIANT,
        attachments=[attachment],
        pdf_identifier=digest[:32].encode(),
        custom_metadata=True,
        uncompressed_pdf=False,
    )


def pdf_sha256(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()
