"""The register of issued reports, as the check of a report consults it."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from checker.reports.verify import Verification
from checker.reports.verify import verify_pdf
from checker.web import signing
from checker.web.extensions import db
from checker.web.models import IssuedReport


def registered_at(pdf_sha256: str) -> datetime | None:
    """When the report with this file's SHA-256 was issued; None if this organisation did not,
    or if its register cannot be read (no database here): then nothing proves it issued it."""
    try:
        return db.session.scalar(
            select(IssuedReport.issued_at)
            .where(IssuedReport.pdf_sha256 == pdf_sha256, IssuedReport.state == "ready")
            .limit(1)
        )
    except SQLAlchemyError:
        db.session.rollback()
        return None


def check_report(pdf: bytes, *, reproduce: bool = True) -> Verification:
    """A PDF checked against this organisation's certificates and register of issued reports."""
    return verify_pdf(pdf, signing.current().trusted(), registered_at, reproduce=reproduce)
