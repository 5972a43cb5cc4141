"""Contract follow-up in the web app: the awarded contractor submits period reports, the officer
follows the contract up; nobody else sees either."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.web.accounts.users import create_user
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import PeriodReport
from checker.web.models import Tender
from tests.helpers import award_the_demo

OSLO_CONTRACTOR = ("kontakt@oslogrunnarbeid.example", "oslo-contractor-2027")


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _period(**changes) -> dict:
    """March 2027 for the demo's awarded tender (Oslo Grunnarbeid's T-2026-0231)."""
    report = {
        "format": "climate-period-report/1",
        "tender_id": "T-2026-0231",
        "period": {"start": "2027-03-01", "end": "2027-03-31"},
        "contractor": {"name": "Oslo Grunnarbeid AS", "org_number": "981000013"},
        "machines": [
            {"id": "M1", "hours": 120, "energy_kwh": 6000},
            {"id": "M9", "hours": 20, "fuel_litres": 200},
        ],
        "heating": [{"id": "H1", "energy_kwh": 5000}],
    }
    return report | changes


def _upload(client, tender_id, data, name="mars.json"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post(
        f"/contracts/{tender_id}",
        data={"report": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )


@pytest.fixture
def contract(login, demo_app):
    """The demo's closed procurement awarded to Oslo Grunnarbeid, which gets a user account;
    returns the officer's client, the procurement's id and the awarded tender's id."""
    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    with demo_app.app_context():
        create_user(
            *OSLO_CONTRACTOR[:1],
            "Kari Kontakt",
            "contractor",
            "Oslo Grunnarbeid AS",
            "981000013",
            OSLO_CONTRACTOR[1],
        )
        db.session.commit()
    return client, procurement_id, oslo


def _as_contractor(client):
    client.post("/logout")
    email, password = OSLO_CONTRACTOR
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    return client


def test_the_awarded_contractor_submits_a_period_and_sees_plan_against_actual(contract, demo_app):
    client, procurement_id, oslo = contract
    _as_contractor(client)
    assert "Kontraktsoppfølging" in client.get("/").get_data(as_text=True)
    response = _upload(client, oslo, _period())
    assert response.status_code == 303
    page = soup(client.get(response.headers["Location"]))
    assert "Perioderapporten er mottatt (versjon 1)." in page.text
    rows = page.select("table")[0].select("tbody tr")
    assert [cell.get_text(strip=True) for cell in rows[0].select("td")][:2] == [
        "01.03.2027–31.03.2027",
        "1",
    ]
    assert page.select_one(".verdict")
    with demo_app.app_context():
        (stored,) = db.session.scalars(select(PeriodReport)).all()
        assert (stored.tender_id, stored.version, stored.period_start.isoformat()) == (
            oslo,
            1,
            "2027-03-01",
        )
        assert stored.data == _period() and len(stored.sha256) == 64


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            _period(tender_id="T-OTHER"),
            "tender_id: forventet ID-en til tilbudet som fikk kontrakten, «T-2026-0231»",
        ),
        (
            _period(period={"start": "2027-03-31", "end": "2027-03-01"}),
            "period.end: forventet en dag på eller etter første dag",
        ),
        (b"\xff\xfe not text", "ikke UTF-8-tekst"),
        (b"{broken", "ikke gyldig JSON"),
    ],
)
def test_a_bad_period_report_is_refused_with_every_problem_named(
    contract, demo_app, data, expected
):
    client, _, oslo = contract
    _as_contractor(client)
    response = _upload(client, oslo, data)
    assert response.status_code == 422
    problems = soup(response).select_one("#upload-problems")
    assert problems and expected in problems.get_text()
    with demo_app.app_context():
        assert db.session.scalar(select(PeriodReport.id)) is None


def test_overlapping_periods_are_refused(contract, demo_app):
    client, _, oslo = contract
    _as_contractor(client)
    assert _upload(client, oslo, _period()).status_code == 303
    overlapping = _period(period={"start": "2027-03-15", "end": "2027-04-14"})
    response = _upload(client, oslo, overlapping)
    assert response.status_code == 422
    assert "overlapper perioden i" in soup(response).select_one("#upload-problems").get_text()


def test_a_correction_replaces_the_report_until_accepted_then_becomes_a_new_version(
    contract, demo_app
):
    client, procurement_id, oslo = contract
    _as_contractor(client)
    _upload(client, oslo, _period())
    corrected = _period()
    corrected["machines"][0]["hours"] = 130
    assert _upload(client, oslo, corrected).status_code == 303
    with demo_app.app_context():
        (report,) = db.session.scalars(select(PeriodReport)).all()
        assert report.version == 1 and report.data["machines"][0]["hours"] == 130
        change = db.session.scalar(
            select(AuditEntry).where(
                AuditEntry.table == "period_report", AuditEntry.kind == "changed"
            )
        )
        assert change.before["data"]["machines"][0]["hours"] == 120  # what it said before is kept
        report_id = report.id
    client.post("/logout")
    officer = client
    assert (
        officer.post(
            "/login", data={"email": "officer@kommune.example", "password": "demo-officer-2026"}
        ).status_code
        == 302
    )
    accepted = officer.post(f"/procurements/{procurement_id}/followup/periods/{report_id}/accept")
    assert accepted.status_code == 303
    _as_contractor(client)
    again = _period()
    again["machines"][0]["hours"] = 140
    assert _upload(client, oslo, again).status_code == 303
    with demo_app.app_context():
        reports = db.session.scalars(select(PeriodReport).order_by(PeriodReport.version)).all()
        assert [(r.version, r.data["machines"][0]["hours"], r.is_accepted) for r in reports] == [
            (1, 130, True),
            (2, 140, False),
        ]


def test_the_officer_follows_up_the_contract(contract, demo_app):
    client, procurement_id, oslo = contract
    page = soup(client.get(f"/procurements/{procurement_id}/followup"))
    assert "Ingen perioderapport er mottatt ennå." in page.text
    assert page.find("h1").get_text(strip=True) == "Kontraktsoppfølging"
    _as_contractor(client)
    _upload(client, oslo, _period())
    client.post("/logout")
    client.post(
        "/login", data={"email": "officer@kommune.example", "password": "demo-officer-2026"}
    )
    page = soup(client.get(f"/procurements/{procurement_id}/followup"))
    assert page.select("form[action$='/accept']")
    assert page.select_one(".verdict")
    result = client.get(f"/procurements/{procurement_id}/followup.json").get_json()
    assert result["format"] == "climate-followup/1"
    assert result["tender"]["tender_id"] == "T-2026-0231"
    assert [p["period"]["start"] for p in result["periods"]] == ["2027-03-01"]
    assert (
        "/followup"
        in soup(client.get(f"/procurements/{procurement_id}")).select_one("a[href$='/followup']")[
            "href"
        ]
    )


def test_nobody_else_sees_the_contract(contract, login, demo_app):
    client, procurement_id, oslo = contract
    # The officer is no contractor; the demo contractor (Fjordbygg) is not the one awarded.
    assert client.get(f"/contracts/{oslo}").status_code == 403
    client.post("/logout")
    fjordbygg = login("contractor")
    assert fjordbygg.get(f"/contracts/{oslo}").status_code == 404
    assert _upload(fjordbygg, oslo, _period()).status_code == 404
    with demo_app.app_context():
        own = db.session.scalar(
            select(Tender).where(
                Tender.organisation_id != db.session.get(Tender, oslo).organisation_id,
                Tender.procurement_id == procurement_id,
            )
        )
        own_id = own.id
    assert fjordbygg.get(f"/contracts/{own_id}").status_code == 404  # a tender not awarded
    assert fjordbygg.get(f"/procurements/{procurement_id}/followup").status_code == 403
    fjordbygg.post("/logout")
    assert fjordbygg.get(f"/contracts/{oslo}").status_code == 302  # to the login page


def test_the_auditor_reads_but_cannot_accept(contract, login, demo_app):
    client, procurement_id, oslo = contract
    _as_contractor(client)
    _upload(client, oslo, _period())
    client.post("/logout")
    auditor = login("auditor")
    page = soup(auditor.get(f"/procurements/{procurement_id}/followup"))
    assert page.select_one(".verdict") and not page.select("form[action$='/accept']")
    with demo_app.app_context():
        report_id = db.session.scalar(select(PeriodReport.id))
    assert (
        auditor.post(
            f"/procurements/{procurement_id}/followup/periods/{report_id}/accept"
        ).status_code
        == 403
    )


def test_a_procurement_not_awarded_has_no_follow_up(login, demo_app, street):
    client = login("officer")
    procurement_id, _ = street
    assert client.get(f"/procurements/{procurement_id}/followup").status_code == 404
