"""Counting again from the source documents: a rebuild of the counted figures, or a year
recomputed with another factor file to set beside the counted one."""

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update

from checker.assessment.emissions import Factors
from checker.assessment.emissions import load_factors
from checker.statistics.cells import Cells
from checker.statistics.cells import merge
from checker.web.extensions import db
from checker.web.models import AwardDecision
from checker.web.models import PeriodReport
from checker.web.models import Procurement
from checker.web.models import StatisticContribution
from checker.web.models import StatisticCoverage
from checker.web.models import StatisticMonth
from checker.web.models import StatisticRevision
from checker.web.statistics.rollup import count_period
from checker.web.statistics.rollup import period_figures
from checker.web.statistics.rollup import plan_figures
from checker.web.statistics.rollup import record_plan


def _contracts(organisation_id: int | None) -> list[tuple[Procurement, object]]:
    """Awarded procurements and their awarded tenders, oldest first."""
    query = (
        select(Procurement, AwardDecision)
        .join(AwardDecision, AwardDecision.procurement_id == Procurement.id)
        .where(Procurement.state == "awarded")
        .order_by(Procurement.id)
    )
    if organisation_id is not None:
        query = query.where(Procurement.organisation_id == organisation_id)
    return [(procurement, decision.tender) for procurement, decision in db.session.execute(query)]


def accepted_reports(tender_id: int) -> list[PeriodReport]:
    """The newest accepted version of each period of a tender, in time order."""
    newest: dict = {}
    reports = db.session.scalars(
        select(PeriodReport)
        .where(PeriodReport.tender_id == tender_id, PeriodReport.accepted_at.is_not(None))
        .order_by(PeriodReport.period_start, PeriodReport.version)
    )
    for report in reports:
        newest[report.period_start] = report
    return list(newest.values())


def rebuild(organisation_id: int | None = None, factors: Factors | None = None) -> dict:
    """Forget the counted figures (of one organisation, or all) and count everything again with
    the factor file given (default: the shipped one). Returns what was counted."""
    factors = factors or load_factors()
    for model in (StatisticContribution, StatisticMonth, StatisticCoverage):
        statement = delete(model)
        if organisation_id is not None:
            statement = statement.where(model.organisation_id == organisation_id)
        db.session.execute(statement)
    revised = update(StatisticRevision).values(revision=StatisticRevision.revision + 1)
    if organisation_id is not None:
        revised = revised.where(StatisticRevision.organisation_id == organisation_id)
    db.session.execute(revised)  # what pages kept from before is out of date
    contracts = reports = 0
    for procurement, tender in _contracts(organisation_id):
        record_plan(procurement, tender, factors)
        contracts += 1
        for report in accepted_reports(tender.id):
            count_period(report, factors)
            reports += 1
    return {"contracts": contracts, "reports": reports, "factors": factors.reference()}


def recount(organisation_id: int, year: int, factors: Factors) -> Cells:
    """The organisation's figures for a year counted with another factor file, in memory."""
    counted = []
    for procurement, tender in _contracts(organisation_id):
        counted.append(plan_figures(procurement, tender, factors))
        earlier = []
        for report in accepted_reports(tender.id):
            if report.period_start.year <= year <= report.period_end.year:
                counted.append(period_figures(report, earlier, factors))
            earlier.append(report.data)
    cells = merge(*counted)
    return {key: figures for key, figures in cells.items() if key[1] == year}
