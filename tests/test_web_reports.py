"""Reports from the web: issued once, kept with their hash, rendered in a child process."""

import hashlib
import time

import pytest
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.reports.register import check_report
from tests.helpers import soup


@pytest.fixture
def closed(demo_app):
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        return procurement.id, [tender.id for tender in procurement.tenders]


def test_officer_issues_downloads_and_a_second_request_reuses_the_report(login, demo_app, closed):
    client = login("officer")
    procurement_id, tenders = closed
    page = soup(client.get(f"/procurements/{procurement_id}"))
    assert (
        len(page.select("#tenders ~ table tbody tr, section[aria-labelledby=tenders] tbody tr"))
        == 4
    )
    url = f"/procurements/{procurement_id}/tenders/{tenders[1]}/reports"
    first = client.post(url, data={"kind": "compliance", "tier": "full", "lang": "nb"})
    second = client.post(url, data={"kind": "compliance", "tier": "full", "lang": "nb"})
    assert first.headers["Location"] == second.headers["Location"]  # issued once
    report_page = soup(client.get(first.headers["Location"]))
    download = client.get(report_page.find("a", string="Last ned PDF-en")["href"])
    pdf = download.data
    assert download.mimetype == "application/pdf" and pdf.startswith(b"%PDF-")
    assert download.headers["X-Report-SHA256"] == hashlib.sha256(pdf).hexdigest()
    with demo_app.app_context():
        assert check_report(pdf).is_authentic
    with demo_app.app_context():
        stored = db.session.scalars(select(IssuedReport)).all()
        assert len(stored) == 1 and stored[0].pdf_sha256 == hashlib.sha256(pdf).hexdigest()


def test_tenders_stay_sealed_until_the_deadline(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        published = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        tender = db.session.scalar(select(Tender).where(Tender.procurement_id == published.id))
        tender.status = "submitted"
        db.session.commit()
        ids = published.id, tender.id
    assert client.get(f"/procurements/{ids[0]}/tenders/{ids[1]}").status_code == 404


def test_a_report_renders_in_a_child_process_while_the_page_shows_progress(login, demo_app, closed):
    demo_app.config["JOBS"] = "thread"
    client = login("auditor")
    procurement_id, tenders = closed
    response = client.post(
        f"/procurements/{procurement_id}/tenders/{tenders[0]}/reports",
        data={"kind": "compliance", "tier": "summary", "lang": "en"},
    )
    page = client.get(response.headers["Location"])
    assert response.status_code == 302 and page.status_code == 200
    deadline = time.monotonic() + 60
    while b"Download the PDF" not in page.data and b"Last ned PDF-en" not in page.data:
        assert b'http-equiv="refresh"' in page.data  # the page keeps itself up to date
        assert time.monotonic() < deadline, "the child process did not finish the report"
        time.sleep(0.5)
        page = client.get(response.headers["Location"])
    with demo_app.app_context():
        report = db.session.scalar(select(IssuedReport))
        assert report.state == "ready" and report.pdf.startswith(b"%PDF-")


def test_checker_report_issues_from_the_database(run_cli, demo_app, closed, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    procurement_id, tenders = closed
    target = tmp_path / "rapport.pdf"
    code, out, err = run_cli("report", tenders[2], "--by", "auditor@kommune.example", "-o", target)
    assert code == 0, err
    with demo_app.app_context():
        assert check_report(target.read_bytes()).is_authentic
    with demo_app.app_context():
        assert (
            db.session.scalar(select(IssuedReport.pdf_sha256))
            == hashlib.sha256(target.read_bytes()).hexdigest()
        )
    code, _, err = run_cli(
        "report", tenders[2], "--by", "contractor@fjordbygg.example", "-o", target
    )
    assert code == 2 and "no officer or auditor" in err


def test_checker_report_issues_the_evaluation_report_once_concluded(
    run_cli, demo_app, closed, tmp_path, monkeypatch
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    procurement_id, _ = closed
    target = tmp_path / "evaluering.pdf"
    args = ("report", procurement_id, "--evaluation", "--by", "officer@kommune.example")
    code, _, err = run_cli(*args, "-o", target)
    assert code == 2 and "Avslutt evalueringen" in err  # not concluded yet: nothing issued
    assert not target.exists()
    code, _, err = run_cli(
        "report", 999, "--evaluation", "--by", "officer@kommune.example", "-o", target
    )
    assert code == 2 and "no procurement 999" in err
