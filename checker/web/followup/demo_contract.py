"""The demo's contract in follow-up: the follow-up example (examples/followup) awarded through the
product's own steps and reported month by month, moved in time so its months are over.

The contract runs seven months, ending last month but one; six monthly reports are in: two
conforming months, a month with an unplanned diesel machine, a month with a fossil fuel delivery,
and the last two months (the last with machine data for two machines). The fifth month is
missing, so it is late. The first four reports are accepted (the statistics count them).
"""

import calendar
import copy
import re
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal

from checker import clock
from checker.formats.inputs import read_file
from checker.paths import shipped
from checker.web.evaluation.assessments import assess_tender
from checker.web.evaluation.decisions import decide_exception
from checker.web.evaluation.ranking import award
from checker.web.evaluation.ranking import conclude
from checker.web.extensions import db
from checker.web.followup.service import accept_period
from checker.web.followup.service import submit_period
from checker.web.models import AwardCriterion
from checker.web.models import Organisation
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements import workflow

EXAMPLE = shipped("examples") / "followup"
RULESET = "oslo-zero-emission-site"
FIRST = (2027, 3)  # the example's first month
# The example's months in the order they are reported; None is the month that is late.
MONTHS = ("03", "04", "05", "06", None, "07", "08")
ACCEPTED = 4  # the first four reports are accepted
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _moved(day: date, months: int) -> date:
    """The same day `months` later; a month's last day stays its month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    was_last = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if was_last else min(day.day, last))


def _shift(value, months: int):
    """Every ISO date (and date-time) in the data, `months` later."""
    if isinstance(value, dict):
        return {key: _shift(item, months) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift(item, months) for item in value]
    if isinstance(value, str) and _DATE.match(value):
        moved = _moved(date.fromisoformat(value[:10]), months).isoformat()
        return moved + value[10:]
    return value


def award_criteria(rows) -> list[AwardCriterion]:
    """A demo procurement's award criteria from (name, weight %, climate?, scoring) rows."""
    return [
        AwardCriterion(
            position=i,
            name=name,
            weight_percent=Decimal(weight),
            is_climate_environment=climate,
            scoring=scoring,
        )
        for i, (name, weight, climate, scoring) in enumerate(rows)
    ]


def _months_back(today: date) -> int:
    """How far the example moves: its first month becomes eight months before this one."""
    start = (today.year * 12 + today.month - 1) - 8
    return start - (FIRST[0] * 12 + FIRST[1] - 1)


def load_followup_demo(
    officer: User, contractor: Organisation, user: User | None, now: datetime, today: date
) -> Procurement:
    """The awarded contract in follow-up, with its reports; `user` reports them (or the officer
    on the contractor's behalf, when the contractor has no account)."""
    shift = _months_back(today)
    tender_data = _shift(copy.deepcopy(read_file(EXAMPLE / "tender.json")), shift)
    tender_data["contractor"] = {"name": contractor.name, "org_number": contractor.org_number}
    start = date.fromisoformat(tender_data["procurement"]["contract_start"])
    procurement = Procurement(
        organisation_id=officer.organisation_id,
        created_by_id=officer.id,
        reference=tender_data["procurement"]["reference"],
        title=tender_data["procurement"]["title"],
        description="Grunn- og betongarbeider for nytt oppvekstsenter; kontrakten følges opp månedlig.",
        cpv=tender_data["procurement"]["cpv"],
        estimated_value_nok=Decimal(tender_data["procurement"]["estimated_value_nok"]),
        tender_deadline=now - timedelta(days=300),
        contract_start=start,
        contract_end=_moved(start, len(MONTHS)) - timedelta(days=1),
        criteria=award_criteria(
            [("Pris", 70, False, "price"), ("Klima og miljø", 30, True, "rules")]
        ),
        tailoring={},
    )
    db.session.add(procurement)
    workflow.choose_ruleset(procurement, workflow.library().get(RULESET), "basis")
    procurement.tailoring = read_file(EXAMPLE / "tailoring.json")
    workflow.publish(procurement, now - timedelta(days=330))
    procurement.state = "closed"
    tender = Tender(
        procurement=procurement,
        organisation=contractor,
        status="submitted",
        price_nok=Decimal(tender_data["price_nok"]),
        data=tender_data,
        submitted_at=now - timedelta(days=301),
    )
    db.session.add(tender)
    db.session.flush()
    # The history is replayed at the moments it happened: the award a month before the start,
    # each report five days after its period, its acceptance two days later.
    with clock.frozen(_moment(start - timedelta(days=30))):
        _award(procurement, tender, officer, shift)
    _report(tender, user or officer, officer, shift)
    return procurement


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=clock.OSLO)


def _award(procurement: Procurement, tender: Tender, officer: User, shift: int) -> None:
    assess_tender(tender, officer, "run:demo")
    for key, decision in _shift(read_file(EXAMPLE / "decisions.json"), shift).items():
        decide_exception(
            tender,
            key,
            officer,
            decision["decision"],
            legal_basis=decision["legal_basis"],
            expires=date.fromisoformat(decision["expires"]),
            reason="Markedsundersøkelsen og nettselskapets erklæring er lest og godtatt.",
        )
    conclude(procurement, officer)
    award(procurement, tender.id, "Høyest samlet poengsum.", officer)


def _report(tender: Tender, reporter: User, officer: User, shift: int) -> None:
    reported = 0
    for position, month in enumerate(MONTHS):
        if month is None:
            continue
        # The months after the late one move one further, so the late month is left open.
        moved = shift + position - (int(month) - FIRST[1])
        data = _shift(read_file(EXAMPLE / f"period-2027-{month}.json"), moved)
        data["tender_id"] = tender.data["tender_id"]
        data["contractor"] = tender.data["contractor"]
        end = date.fromisoformat(data["period"]["end"])
        with clock.frozen(_moment(end + timedelta(days=5))):
            report = submit_period(tender, reporter, data, f"period-2027-{month}.json")
            db.session.flush()
        reported += 1
        if reported <= ACCEPTED:
            with clock.frozen(_moment(end + timedelta(days=7))):
                accept_period(report, officer)
                db.session.flush()
