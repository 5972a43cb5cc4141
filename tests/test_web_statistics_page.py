"""The statistics page, its drill-down, open data and the annual report, on the demo's
Storgata contract with April and May 2027 reported and accepted (see test_web_statistics)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import AuditEntry
from tests.helpers import BUYER_NUMBER
from tests.helpers import OSLO_CONTRACTOR
from tests.helpers import statistics_sums
from tests.helpers import switch_user


def _page(client, **params):
    response = client.get("/statistics/", query_string=params)
    return response, BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).replace("\xa0", " ").split())


def test_the_page_shows_the_indicators_with_numerator_and_denominator(reported):
    client, _, _ = reported
    response, page = _page(client, year=2027)
    assert response.status_code == 200
    row = _text(page.select_one("#indicator-zero_emission_incl_biogas_share"))
    assert "20 000 kWh" in row and row.split()[-1] == "%"
    assert "2026/0877" in _text(page.select_one("#contracts-with-gaps"))
    assert "06.2027 (0/30), 07.2027 (0/31)" in _text(page.select_one("#contracts-with-gaps"))
    assert len(page.select("svg[role=img]")) == 3
    assert page.select_one("#month-table") and page.select_one("#source-table")


def test_the_page_totals_are_what_the_web_export_adds_up_to(reported):
    client, _, _ = reported
    _, page = _page(client, year=2027, through=12)
    shown = _text(page.select_one("#indicator-fossil_co2e_kg")).split()
    response = client.get("/statistics/export.csv", query_string={"year": 2027, "through": 12})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "klimastatistikk-944444408-2027.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    sums = statistics_sums(rows)
    # the page's whole-year figure (last column) is the export's sum, rounded as the page shows it
    assert shown[-2] == f"{sums['fossil_direct']:,.0f}".replace(",", " ")
    energy = _text(page.select_one("#indicator-kwh")).split()
    assert " ".join(energy[-3:-1]) == f"{sums['energy']:,.0f}".replace(",", " ")
    with demo_app_context(client) as entries:
        assert [e.after["via"] for e in entries] == ["web"]


class demo_app_context:
    """The audit trail's statistics exports, read in the app of the test client."""

    def __init__(self, client):
        self.app = client.application

    def __enter__(self):
        self.context = self.app.app_context()
        self.context.push()
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.kind == "statistics_exported")
        ).all()

    def __exit__(self, *exc):
        db.session.remove()
        self.context.pop()


def test_a_figure_leads_to_its_contracts_and_their_periods(reported):
    client, procurement_id, _ = reported
    _, page = _page(client, year=2027)
    link = next(
        a["href"]
        for a in page.select("#source-table a")
        if "carrier=district_heat" in a["href"] and "basis=actual" in a["href"]
    )
    figure = BeautifulSoup(client.get(link).get_data(as_text=True), "html.parser")
    (row,) = figure.select("#figure-contracts tbody tr")
    assert "2026/0877" in _text(row) and "9 000" in _text(row)  # H1: 5 000 + 4 000 kWh
    project = client.get(row.select_one("a")["href"])
    assert project.status_code == 200
    project_page = BeautifulSoup(project.get_data(as_text=True), "html.parser")
    periods = [_text(tr) for tr in project_page.select("#project-periods tbody tr")]
    assert [p.split()[0] for p in periods] == ["01.04.2027–30.04.2027", "01.05.2027–31.05.2027"]
    assert "06.2027 (0/30)" in _text(project_page.select_one("#missing-months"))


def test_the_auditor_reads_the_statistics_and_a_contractor_cannot(reported):
    client, _, _ = reported
    switch_user(client, "auditor@kommune.example", "demo-auditor-2026")
    assert client.get("/statistics/?year=2027").status_code == 200
    assert client.get("/statistics/export.json?year=2027").status_code == 200
    switch_user(client, *OSLO_CONTRACTOR)
    assert client.get("/statistics/").status_code == 403
    assert client.get("/statistics/export.csv").status_code == 403


def test_a_bad_filter_is_named_and_the_rest_still_shown(reported):
    client, _, _ = reported
    response, page = _page(client, year=2027, project="1999/0001", through="13")
    assert response.status_code == 422
    assert "Ingen tildelt anskaffelse har denne saksreferansen." in _text(
        page.select_one("#project-error")
    )
    assert page.find("input", id="project")["value"] == "1999/0001"
    assert page.select_one("#indicator-table")
    assert client.get("/statistics/export.csv?year=2027&project=1999/0001").status_code == 422
    assert client.get("/statistics/figure?year=2027&carrier=coal").status_code == 404


def test_the_page_in_english(reported):
    client, _, _ = reported
    client.post("/lang/en", data={"next": "/"})
    _, page = _page(client, year=2027)
    assert page.h1.get_text().startswith("Climate statistics")
    assert "Zero-emission share of energy, incl. biogas" in _text(
        page.select_one("#indicator-table")
    )


def test_published_statistics_are_aggregates_at_a_public_address(reported, demo_app):
    client, _, _ = reported
    assert client.get(f"/open/statistics/{BUYER_NUMBER}.json").status_code == 404
    assert client.post("/statistics/publish").status_code == 303
    _, page = _page(client, year=2027)
    assert f"/open/statistics/{BUYER_NUMBER}.json" in _text(page.select_one("#published"))
    anonymous = demo_app.test_client()
    response = anonymous.get(f"/open/statistics/{BUYER_NUMBER}.json?year=2027")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    document = response.get_json()
    assert document["format"] == "climate-open-statistics/1"
    assert document["organisation"] == {"name": "Eksempel kommune", "org_number": BUYER_NUMBER}
    text = response.get_data(as_text=True)
    # aggregates only: no project, contract, tender or contractor is named
    for private in ("2026/0877", "Storgata", "Oslo Grunnarbeid", "981000013", "T-2026-0231"):
        assert private not in text
    assert document["completeness"]["contracts_with_gaps"] == 1
    actual = [cell for cell in document["cells"] if cell["basis"] == "actual"]
    indicators = document["indicators"]["year"]["actual"]
    assert sum(c["fossil_co2e_kg"] for c in actual) == pytest.approx(
        indicators["fossil_co2e_kg"], abs=0.01
    )
    table = anonymous.get(f"/open/statistics/{BUYER_NUMBER}.csv")
    header = table.get_data(as_text=True).splitlines()[0]
    assert header.startswith("organisation_number,organisation,basis,year,month,source,")
    assert client.post("/statistics/withdraw").status_code == 303
    assert anonymous.get(f"/open/statistics/{BUYER_NUMBER}.json").status_code == 404
    with demo_app.app_context():
        kinds = db.session.scalars(
            select(AuditEntry.kind).where(AuditEntry.table == "statistics_publication")
        ).all()
        assert kinds == ["created", "deleted"]


def test_only_an_officer_publishes(reported):
    client, _, _ = reported
    switch_user(client, "auditor@kommune.example", "demo-auditor-2026")
    assert client.post("/statistics/publish").status_code == 403
    _, page = _page(client, year=2027)
    assert page.select_one("#not-published") and not page.select("form[action$='/publish']")


def test_the_annual_report_is_issued_registered_and_verifiable(reported, demo_app):
    import pypdf

    from checker.web.reports.register import check_report

    client, _, _ = reported
    response = client.post("/statistics/report", data={"year": 2027, "lang": "nb"})
    assert response.status_code == 303
    status = client.get(response.headers["Location"])
    assert status.status_code == 200
    download = client.get(response.headers["Location"] + "/download")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    pdf = download.data
    with demo_app.app_context():
        checked = check_report(pdf)
    assert checked.is_authentic, checked.reasons
    assert checked.envelope["kind"] == "statistics"
    assert checked.envelope["statistics"]["year"] == 2027
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Klimagassutslipp fra bygge- og anleggsplasser 2027" in text
    assert "Eksempel kommune (944444408)" in text
    assert "2026/0877" in text  # the contract lacking June and July is named
    assert "Utslippsfri andel av energibruken, inkl. biogass" in text
    with demo_app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.kind == "report_issued")
        ).all()[-1]
        assert entry.after["kind"] == "statistics"
    # the organisation's auditor reads it too
    switch_user(client, "auditor@kommune.example", "demo-auditor-2026")
    assert client.get(response.headers["Location"]).status_code == 200


def test_checker_statistics_report_writes_the_annual_pdf(
    reported, demo_app, run_cli, monkeypatch, tmp_path
):
    from checker.web.reports.register import check_report

    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    target = tmp_path / "rapport.pdf"
    code, _, err = run_cli(
        "statistics", "report", "--year", "2027", "--by", "auditor@kommune.example", "-o", target
    )
    assert code == 0, err
    with demo_app.app_context():
        assert check_report(target.read_bytes()).is_authentic
    code, _, err = run_cli(
        "statistics",
        "report",
        "--year",
        "2027",
        "--by",
        "contractor@fjordbygg.example",
        "-o",
        target,
    )
    assert code == 2 and "no officer or auditor of Eksempel kommune" in err
