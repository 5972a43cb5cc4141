"""The annual report "Klimagassutslipp fra bygge- og anleggsplasser": an organisation's year of
statistics as a PDF report, issued and registered like every report (checker.reports)."""

from sqlalchemy import select

from checker import clock
from checker.reports.envelope import STATISTICS
from checker.reports.envelope import build_statistics_envelope
from checker.reports.envelope import issue_time
from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.models import Organisation
from checker.web.models import StatisticFactorFile
from checker.web.models import User
from checker.web.reports.issuing import issue_report
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import organisation_statistics


def _factors(references: list[dict]) -> dict:
    hashes = [reference["sha256"] for reference in references]
    files = db.session.scalars(
        select(StatisticFactorFile).where(StatisticFactorFile.sha256.in_(hashes))
    )
    return {f.sha256: {"reference": f.reference(), "carriers": f.carriers} for f in files}


def statistics_envelope(
    organisation: Organisation, year: int, lang: str, user: User | None = None
) -> dict:
    """The report's data: the whole year (months 1 to 12, completeness up to today), every
    contract with gaps named, the factors the figures were counted with, and who issues it."""
    statistics = organisation_statistics(organisation, Filters(year=year), through=12, named=None)
    return build_statistics_envelope(
        statistics,
        _factors(statistics["factors"]),
        lang=lang,
        issued_at=issue_time(clock.now()),
        letterhead={
            "buyer": organisation.name,
            "org_number": organisation.org_number,
            "officer": user.name if user is not None else "",
        },
    )


def request_statistics_report(
    organisation: Organisation, year: int, lang: str, user: User
) -> IssuedReport:
    """Issue the annual report now (a new one each time: the year's figures may have moved)."""
    envelope = statistics_envelope(organisation, year, lang, user)
    return issue_report(IssuedReport(kind=STATISTICS, tier="full"), envelope, user)


def report_of(report_id: int, organisation_id: int) -> IssuedReport | None:
    """An annual statistics report issued by someone of the organisation."""
    report = db.session.get(IssuedReport, report_id)
    if report is None or report.kind != STATISTICS or report.issued_by is None:
        return None
    return report if report.issued_by.organisation_id == organisation_id else None
