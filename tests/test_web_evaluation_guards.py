"""What keeps the evaluation honest: stale assessments, runs cut off, reports cut off, empty reasons."""

import time
from datetime import timedelta

from sqlalchemy import select

from checker import clock
from checker.formats.tender import tender_sha256
from checker.web.evaluation.ranking import current_evaluation
from checker.web.evaluation.runs import assess_all
from checker.web.extensions import db
from checker.web.jobs.queue import recover_unfinished
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import AuditEntry
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from tests.helpers import decide
from tests.helpers import ready_to_conclude
from tests.helpers import run_all
from tests.helpers import soup

REASON = "Det er dokumentert i vedlegget til tilbudet."


def override(client, procurement_id, tender_id, rule, item, status):
    return client.post(
        f"/procurements/{procurement_id}/tenders/{tender_id}/override",
        data={
            "override-rule": rule,
            "override-item": item or "",
            "override-status": status,
            "override-reason": REASON,
        },
    )


def state_of(demo_app, procurement_id):
    with demo_app.app_context():
        return db.session.get(Procurement, procurement_id).state


def test_an_award_rule_set_to_fail_takes_its_points_out_of_the_ranking(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    override(client, procurement_id, tenders["Oslo"], "zero-emission-share-award", None, "fail")
    with demo_app.app_context():
        procurement = db.session.get(Procurement, procurement_id)
        evaluation = current_evaluation(procurement)
        climate = next(c for c in procurement.criteria if c.scoring == "rules")
        oslo = next(e for e in evaluation["tenders"] if e["id"] == str(tenders["Oslo"]))
        assert oslo["scores"][str(climate.id)] == {"points": 0.0, "weighted": 0.0}


def test_conclusion_is_refused_on_a_changed_rule_set_or_tender(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    ready_to_conclude(client, demo_app, procurement_id, tenders, "5")
    with demo_app.app_context():
        tender = db.session.get(Tender, tenders["Oslo"])
        tender.data = tender.data | {"price_nok": 1}  # changed behind the assessment's back
        db.session.commit()
    refused = client.post(f"/procurements/{procurement_id}/evaluation/conclude")
    assert state_of(demo_app, procurement_id) == "closed"
    page = soup(client.get(refused.headers["Location"]))
    assert page.select_one(".flash-error")
    assert "vurder alle tilbud på nytt" in page.select_one("#ranking-table").text
    run_all(client, procurement_id)  # assessed again on the data as they are: concludable
    client.post(f"/procurements/{procurement_id}/evaluation/conclude")
    assert state_of(demo_app, procurement_id) == "evaluated"


def test_conclusion_waits_for_a_run_and_a_run_stops_at_the_conclusion(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    ready_to_conclude(client, demo_app, procurement_id, tenders, "5")
    with demo_app.app_context():
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        officer_id = officer.id
        running = AssessmentRun(procurement_id=procurement_id, total=4, started_by_id=officer_id)
        db.session.add(running)
        db.session.commit()
        run_id = running.id
    client.post(f"/procurements/{procurement_id}/evaluation/conclude")
    assert state_of(demo_app, procurement_id) == "closed"
    with demo_app.app_context():
        db.session.get(AssessmentRun, run_id).state = "done"
        db.session.commit()
    client.post(f"/procurements/{procurement_id}/evaluation/conclude")
    assert state_of(demo_app, procurement_id) == "evaluated"
    with demo_app.app_context(), demo_app.test_request_context():
        before = db.session.scalar(select(db.func.count(Assessment.id)))
        db.session.get(AssessmentRun, run_id).state = "running"  # a job still going
        db.session.commit()
        assess_all(run_id, list(tenders.values()))
        assert db.session.scalar(select(db.func.count(Assessment.id))) == before
        assert "stopped" in db.session.get(AssessmentRun, run_id).problem


def test_a_run_or_report_cut_off_by_a_restart_blocks_nothing(login, demo_app, street):
    """The embedded server runs jobs in its own process: what a stopped one left unfinished is
    marked so when it starts again, and blocks nothing (on the queue, see test_jobs)."""
    client = login("officer")
    procurement_id, tenders = street
    with demo_app.app_context():
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        db.session.add(
            AssessmentRun(procurement_id=procurement_id, total=4, started_by_id=officer.id)
        )
        db.session.add(
            IssuedReport(
                tender_id=tenders["Oslo"],
                procurement_id=procurement_id,
                kind="compliance",
                tier="full",
                lang="nb",
                state="pending",
                tender_sha256=tender_sha256(db.session.get(Tender, tenders["Oslo"]).data),
                issued_at=clock.now(),
                issued_by_id=officer.id,
            )
        )
        db.session.commit()
        assert recover_unfinished() == 2
    run_page = client.get(f"/procurements/{procurement_id}/evaluation/runs/1")
    assert "server stopped" in run_page.text or "Tjeneren stoppet" in run_page.text
    run_all(client, procurement_id)  # not refused as "already under way"
    issued = client.post(
        f"/procurements/{procurement_id}/tenders/{tenders['Oslo']}/reports",
        data={"kind": "compliance", "tier": "full", "lang": "nb"},
    )
    assert issued.headers["Location"] != "/reports/1"
    assert client.get("/reports/1").status_code == 200
    with demo_app.app_context():
        assert db.session.get(IssuedReport, 1).state == "failed"


def test_blank_reasons_and_past_expiry_dates_are_refused(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    blank = client.post(
        f"/procurements/{procurement_id}/tenders/{tenders['Oslo']}/override",
        data={
            "override-rule": "machines-fossil-free",
            "override-status": "fail",
            "override-reason": "a" + " " * 12,
        },
    )
    assert blank.status_code == 422 and soup(blank).select_one("#override-reason-error")
    past = decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E1",
        "M2",
        decision="approved",
        legal_basis="Kontraktens punkt 4.2",
        expires="2001-01-01",
        reason=REASON,
    )
    assert past.status_code == 422 and soup(past).select_one("#decision-E1-expires-error")


def test_a_run_in_the_background_is_recorded_as_the_officers(login, demo_app, street):
    demo_app.config["JOBS"] = "thread"
    client = login("officer")
    procurement_id, _ = street
    client.post(f"/procurements/{procurement_id}/evaluation/run")
    with demo_app.app_context():
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        for _ in range(300):  # until the run has finished, so nothing outlives the test
            if db.session.scalar(select(AssessmentRun.state)) == "done":
                break
            time.sleep(0.05)
            db.session.expire_all()
        actors = db.session.scalars(
            select(AuditEntry.actor_id).where(AuditEntry.table == "assessment")
        ).all()
        assert actors == [officer.id] * 4


def test_the_evaluation_opens_the_moment_the_deadline_has_passed(login, demo_app, travel):
    """No other page has to be visited first for the deadline to close the procurement."""
    with demo_app.app_context():
        published = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        deadline, procurement_id = published.tender_deadline, published.id
    client = login("officer")
    assert client.get(f"/procurements/{procurement_id}/evaluation").status_code == 404
    later = deadline + timedelta(minutes=1)
    travel(later)
    assert client.get(f"/procurements/{procurement_id}/evaluation").status_code == 200
    assert state_of(demo_app, procurement_id) == "closed"
