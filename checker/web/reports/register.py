"""The register of issued reports, as the check of a report consults it."""

from datetime import datetime

from sqlalchemy import select

from checker.reports.verify import Verification
from checker.reports.verify import verify_pdf
from checker.web import signing
from checker.web.extensions import db
from checker.web.models import IssuedReport


def registered_at(pdf_sha256: str) -> datetime | None:
    """When the report with this file's SHA-256 was issued; None if this organisation did not."""
    return db.session.scalar(
        select(IssuedReport.issued_at)
        .where(IssuedReport.pdf_sha256 == pdf_sha256, IssuedReport.state == "ready")
        .limit(1)
    )


def check_report(pdf: bytes, *, reproduce: bool = True) -> Verification:
    """A PDF checked against this organisation's certificates and register of issued reports."""
    return verify_pdf(pdf, signing.current().trusted(), registered_at, reproduce=reproduce)
