"""Evidence with active content, deadlines in the summer-time gap or overlap, CPV check digits,
and CSV downloads with one charset."""

import io

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from sqlalchemy import select

from checker.formats.tender import cpv_check_digit
from checker.web.extensions import db
from checker.web.models import EvidenceFile
from checker.web.models import Procurement
from tests.helpers import PASSWORDS


def _logged_in(app, role):
    client = app.test_client()
    email, password = PASSWORDS[role]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    client.post("/lang/en")
    return client


def _pdf(javascript: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _attach(client, bid, content, name):
    return client.post(
        f"/bids/{bid}/evidence",
        data={"target": "fuels:F1", "evidence": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


@pytest.fixture
def bid(demo_app):
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        return procurement.tenders[0].id


CASES = [
    (_pdf(), "plan.pdf", 302),
    (_pdf("app.alert('hi')"), "plan.pdf", 422),
    (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF", "polyglot.pdf", 422),
    (b"\x89PNG\r\n\x1a\n" + b"<svg onload=alert(1)>", "image.png", 422),
]


@pytest.mark.parametrize(("content", "name", "status"), CASES)
def test_evidence_with_active_content_is_refused(demo_app, bid, content, name, status):
    client = _logged_in(demo_app, "contractor")
    response = _attach(client, bid, content, name)
    assert response.status_code == status
    if status == 422:
        assert "active content" in response.text


def test_evidence_is_kept_under_a_name_of_its_real_type(demo_app, bid):
    client = _logged_in(demo_app, "contractor")
    assert _attach(client, bid, _pdf(), "../plan.v2.html").status_code == 302
    with demo_app.app_context():
        evidence = db.session.scalar(select(EvidenceFile))
        assert (evidence.filename, evidence.content_type) == ("plan.pdf", "application/pdf")
    download = client.get(f"/bids/{bid}/evidence/{evidence.id}")
    assert download.headers["Content-Type"] == "application/pdf"
    assert 'filename="plan.pdf"' in download.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2027-03-28T02:30", "does not exist in Norway"),  # summer time begins
        ("2027-10-31T02:30", "occurs twice in Norway"),  # summer time ends
    ],
)
def test_a_deadline_in_the_summer_time_gap_or_overlap_is_refused(demo_app, typed, message):
    client = _logged_in(demo_app, "officer")
    response = client.post(
        "/procurements/new",
        data={"title": "Skole", "reference": "2027/1", "tender_deadline": typed},
    )
    assert response.status_code == 422
    error = BeautifulSoup(response.text, "html.parser").find(id="tender_deadline-error")
    assert message in error.text


def test_a_deadline_outside_the_night_of_the_change_is_kept(demo_app):
    client = _logged_in(demo_app, "officer")
    response = client.post(
        "/procurements/new",
        data={"title": "Skole", "reference": "2027/1", "tender_deadline": "2027-10-31T03:30"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("code", "digit"), [("45214200", 2), ("45212225", 9), ("45214100", 1), ("48217100", 3)]
)
def test_cpv_check_digits(code, digit):
    assert cpv_check_digit(code) == digit


@pytest.mark.parametrize(
    ("typed", "status"), [("45214200-2", 302), ("45214200-7", 422), ("45214200", 302)]
)
def test_the_procurement_form_checks_the_cpv_check_digit(demo_app, typed, status):
    client = _logged_in(demo_app, "officer")
    response = client.post(
        "/procurements/new", data={"title": "Skole", "reference": "2027/1", "cpv": typed}
    )
    assert response.status_code == status
    if status == 422:
        error = BeautifulSoup(response.text, "html.parser").find(id="cpv-error").text
        assert "45214200 has check digit 2" in error


def test_csv_downloads_name_their_charset_once(client):
    response = client.get("/rules/dfo-fossil-free-site/1.0/template.csv?lang=nb")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
