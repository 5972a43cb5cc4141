"""Auditor pages: the trail with filters, one entry, reports with hashes, chain check, exports."""

import io
import zipfile

import pytest
from sqlalchemy import select

from checker.web.accounts.users import create_user
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import User
from checker.web.reports.issuing import request_report
from tests.helpers import decide
from tests.helpers import run_all
from tests.helpers import soup


def _procurement_id(app, state):
    with app.app_context():
        return db.session.scalar(select(Procurement.id).where(Procurement.state == state))


def _seqs(response):
    return [int(a.text) for a in soup(response).select("tbody tr td:first-child a")]


def test_the_trail_lists_the_newest_first_and_filters(login, demo_app):
    client = login("auditor")
    response = client.get("/audit/")
    assert response.status_code == 200
    seqs = _seqs(response)
    assert seqs == sorted(seqs, reverse=True) and len(seqs) > 10
    closed = _procurement_id(demo_app, "closed")
    response = client.get(f"/audit/?procurement={closed}&kind=created&table=tender")
    rows = soup(response).select("tbody tr")
    assert len(rows) == 4 and all(r.select("td")[6].text == str(closed) for r in rows)
    assert soup(response).find("form", action=f"/audit/procurements/{closed}/dossier")


def test_the_trail_filters_by_user_and_date(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        officer_id = db.session.scalar(select(User.id).where(User.role == "officer"))
    response = client.get(f"/audit/?user={officer_id}")
    kinds = {row.select("td")[3].text for row in soup(response).select("tbody tr")}
    assert kinds == {"Logget inn"}
    assert _seqs(client.get("/audit/?since=2000-01-01&until=2000-01-02")) == []
    everything = _seqs(client.get("/audit/"))
    assert _seqs(client.get("/audit/?since=2000-01-01")) == everything


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("since=yesterday", "since"),
        ("until=2026-13-01", "until"),
        ("since=2026-11-02&until=2026-11-01", "until"),
        ("kind=hacked", "kind"),
        ("procurement=abc", "procurement"),
        ("procurement=999999999999999999999", "procurement"),
        ("user=-1", "user"),
        ("table=audit_entry", "table"),
    ],
)
def test_bad_filters_are_named_not_a_500(login, query, field):
    response = login("auditor").get(f"/audit/?{query}")
    assert response.status_code == 422
    page = soup(response)
    assert page.select_one("#error-summary")
    assert page.select_one(f"#{field}-error")


def test_another_organisations_entries_are_not_shown(login, demo_app):
    with demo_app.app_context():
        create_user("o@annen.example", "Annen", "officer", "Annen kommune", "974760673", "x" * 12)
        db.session.commit()
        other = db.session.scalar(
            select(AuditEntry.seq).where(AuditEntry.table == "user").order_by(AuditEntry.seq.desc())
        )
    client = login("auditor")
    assert other not in _seqs(client.get("/audit/?table=user"))
    assert client.get(f"/audit/entries/{other}").status_code == 404
    assert client.get("/audit/entries/0").status_code == 404
    assert client.get("/audit/entries/99999999999").status_code == 404


def test_an_entry_shows_before_and_after(login, demo_app):
    client = login("officer")
    draft = _procurement_id(demo_app, "draft")
    form = {"title": "Ny tittel", "reference": "2026/0311", "description": "", "cpv": ""}
    client.post(f"/procurements/{draft}/edit", data=form)
    with demo_app.app_context():
        seq = db.session.scalar(
            select(AuditEntry.seq)
            .where(AuditEntry.kind == "changed")
            .order_by(AuditEntry.seq.desc())
        )
    page = soup(login("auditor").get(f"/audit/entries/{seq}"))
    row = next(r for r in page.select("tbody tr") if r.th.text == "title")
    before, after = (td.text for td in row.select("td"))  # text as typed, not JSON
    assert before == "Ny barnehage Tåsen – grunnarbeider" and after == "Ny tittel"
    assert "officer@kommune.example" in page.select_one("dl.facts").text


def test_issued_reports_are_listed_with_their_hash(login, demo_app):
    with demo_app.app_context():
        closed = db.session.get(Procurement, _procurement_id(demo_app, "closed"))
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        sha = request_report(closed.tenders[0], "compliance", "summary", "nb", officer).pdf_sha256
    page = soup(login("auditor").get("/audit/reports"))
    assert sha in [code.text for code in page.select("td code.hash")]


def test_every_override_and_waiver_is_in_one_list(login, demo_app, street):
    officer = login("officer")
    procurement_id, tenders = street
    run_all(officer, procurement_id)
    decide(
        officer,
        procurement_id,
        tenders["Fjordbygg"],
        "E1",
        "M2",
        decision="approved",
        legal_basis="Kontraktens punkt 4.2",
        expires="2031-12-31",
        reason="Markedsundersøkelsen er troverdig.",
    )
    officer.post(
        f"/procurements/{procurement_id}/tenders/{tenders['Berg']}/override",
        data={
            "override-rule": "machines-fossil-free",
            "override-item": "M7",
            "override-status": "pass",
            "override-reason": "Aggregatet går på HVO, se kvittering.",
        },
    )
    officer.post("/logout")
    rows = soup(login("auditor").get("/audit/decisions")).select("#decisions tbody tr")
    assert [row["data-kind"] for row in rows] == ["override", "exception"]  # newest first
    override, waiver = (row.text for row in rows)
    assert "machines-fossil-free/M7" in override and "Aggregatet går på HVO" in override
    assert "Berg & Sønn Anlegg AS" in override and "Kari Nordmann" in override
    assert "Kontraktens punkt 4.2" in waiver and "2031-12-31" in waiver and "Godkjent" in waiver


def test_the_chain_page_says_intact_and_then_names_the_broken_entry(login, tamper):
    client = login("auditor")
    assert "Intakt" in soup(client.get("/audit/chain")).select_one("[role=status]").text
    tamper("UPDATE audit_entry SET actor = 'x' WHERE seq = 3")
    status = soup(client.get("/audit/chain")).select_one("[role=status]").text
    assert "Brutt ved post 3" in status and "endret" in status


def test_the_dossier_and_ocds_downloads(login, demo_app):
    client = login("auditor")
    closed = _procurement_id(demo_app, "closed")
    asked = client.post(f"/audit/procurements/{closed}/dossier")
    assert asked.status_code == 303
    status = soup(client.get(asked.headers["Location"]))
    download = status.select_one("#dossier-state a")["href"]
    response = client.get(download)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert status.find(string=response.headers["X-Content-SHA256"])
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert "manifest.json" in archive.namelist()
    response = client.get(f"/audit/procurements/{closed}/ocds.json")
    assert response.json["releases"][0]["tender"]["criteria"]
    with demo_app.app_context():
        kinds = db.session.scalars(
            select(AuditEntry.kind).where(AuditEntry.kind.like("%exported"))
        ).all()
        assert sorted(kinds) == ["dossier_exported", "ocds_exported"]


def test_the_trail_is_paginated_and_keeps_its_filters(login, demo_app):
    from checker.web.audit import recording as audit

    closed = _procurement_id(demo_app, "closed")
    with demo_app.app_context():
        for number in range(30):
            audit.record("report_issued", "issued_report", number, procurement_id=closed)
        db.session.commit()
    client = login("auditor")
    first = client.get("/audit/?kind=report_issued")
    assert len(_seqs(first)) == 25
    following = soup(first).select_one("a[rel=next]")["href"]
    assert "kind=report_issued" in following and "page=2" in following
    assert len(_seqs(client.get(following))) == 5
    assert client.get("/audit/?page=0").status_code == 404
    assert client.get("/audit/?page=abc").status_code == 200


def test_a_secret_is_shown_as_changed_without_its_value(login, demo_app):
    with demo_app.app_context():
        # The officer's account: the first made, in the auditor's organisation.
        seq = db.session.scalar(
            select(AuditEntry.seq)
            .where(AuditEntry.table == "user", AuditEntry.kind == "created")
            .order_by(AuditEntry.seq)
            .limit(1)
        )
    page = soup(login("auditor").get(f"/audit/entries/{seq}"))
    row = next(r for r in page.select("tbody tr") if r.th.text == "password_hash")
    assert row.select("td")[1].text == "endret; verdien er ikke registrert"
    assert "scrypt" not in page.text and "pbkdf2" not in page.text


def test_a_dossier_whose_server_stopped_says_so_and_can_be_made_again(login, demo_app):
    from checker.web.jobs.queue import recover_unfinished
    from checker.web.models import DossierExport

    client = login("auditor")
    closed = _procurement_id(demo_app, "closed")
    with demo_app.app_context():  # asked for, then the server stopped before a worker made it
        auditor = db.session.scalar(select(User).where(User.role == "auditor"))
        export = DossierExport(procurement_id=closed, requested_by_id=auditor.id)
        db.session.add(export)
        db.session.commit()
        export_id = export.id
    page = soup(client.get(f"/audit/dossiers/{export_id}"))
    assert page.find("meta", attrs={"http-equiv": "refresh"})  # it updates itself meanwhile
    assert client.get(f"/audit/dossiers/{export_id}/download").status_code == 302
    with demo_app.app_context():
        assert recover_unfinished() >= 1
    page = soup(client.get(f"/audit/dossiers/{export_id}"))
    assert "nothing more will happen" in page.text or "det skjer ikke noe mer" in page.text
    again = page.select_one("#dossier-state form")["action"]
    assert client.post(again).status_code == 303
