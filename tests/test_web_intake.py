"""The self-assessment in the browser-less web: start, upload, fix in the form, see the result."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.intake.columns import SHEETS_BY_KEY
from checker.intake.template import build_xlsx
from checker.rulesets.ruleset import RuleLibrary
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import SelfAssessmentDraft
from checker.web.reports.register import check_report
from tests.helpers import pdf_text

MACHINES_CSV = (
    "ID;Category;Energy carrier;Emission stage (EU);Engine power (kW);Planned operating hours\n"
    "M1;excavator;disel;V;120;900\n"
    "M2;wheel_loader;battery_electric;;48;400\n"
)


@pytest.fixture
def published_token(demo_app):
    with demo_app.app_context():
        return db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )


@pytest.fixture
def draft_url(client, published_token):
    response = client.post(f"/p/{published_token}/self-assessment")
    assert response.status_code == 302
    return response.headers["Location"]


def _page(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def _upload(client, url, content: bytes, name: str):
    return client.post(
        url + "/upload",
        data={"machine_list": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_a_draft_has_an_unguessable_private_link(client, draft_url, demo_app):
    token = draft_url.rsplit("/", 1)[1]
    assert len(token) >= 43 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    page = _page(client, draft_url)
    assert page.select_one(".flash-info a.hash")["href"].endswith(draft_url)
    assert client.get(draft_url[:-1] + ("A" if token[-1] != "A" else "B")).status_code == 404
    with demo_app.app_context():
        draft = db.session.scalar(select(SelfAssessmentDraft))
        assert draft.procurement.public_token and draft.level == "advanced"


def test_upload_with_an_error_then_fix_it_in_the_form(client, draft_url):
    client.post("/lang/en")
    response = _upload(client, draft_url, MACHINES_CSV.encode(), "machines.csv")
    assert response.status_code == 302
    page = _page(client, draft_url)
    flashes = [p.get_text() for p in page.select(".flash-error")]
    assert any(
        "row 2, column «Energy carrier»: found «disel»; expected one of: diesel" in f
        for f in flashes
    )
    assert [td.get_text() for td in page.select("#machines tbody tr td:first-child")] == ["M2"]
    rejected = page.select_one("#rejected tbody tr").get_text(" ", strip=True)
    assert "column «Energy carrier»: found «disel»; expected one of: diesel" in rejected
    fix_link = page.select_one("#rejected a")["href"]
    form = _page(client, fix_link)
    assert form.select_one("#energy_carrier-error")  # the problem is shown at once
    assert form.select_one("#id")["value"] == "M1"
    response = client.post(
        fix_link,
        data={
            "id": "M1",
            "category": "excavator",
            "energy_carrier": "battery_electric",
            "engine_power_kw": "120",
            "planned_hours": "900",
        },
    )
    assert response.status_code == 302
    page = _page(client, draft_url)
    assert page.select_one("#rejected") is None
    assert [td.get_text() for td in page.select("#machines tbody tr td:first-child")] == [
        "M2",
        "M1",
    ]


def test_failing_machine_gets_advice_and_figures(client, draft_url):
    client.post("/lang/en")
    csv = (
        "ID,Category,Energy carrier,Emission stage (EU),Engine power (kW),Planned operating hours\n"
    )
    csv += "M1,excavator,diesel,V,120,900\n"
    _upload(client, draft_url, csv.encode(), "m.csv")
    page = _page(client, draft_url)
    assert page.select_one(".verdict").get_text() == "Non-compliant"
    advice = [li.get_text(" ", strip=True) for li in page.select(".advice li")]
    assert any(
        "Use an electric machine (battery or cable) or a biogas machine for M1 instead of diesel"
        in a
        for a in advice
    )
    assert "Fossil litres" in page.select_one("#result dl").get_text()


def test_xlsx_upload_of_a_whole_example_tender_is_compliant(client, draft_url, school, demo_app):
    client.post("/lang/en")
    ruleset = RuleLibrary().get("dfo-fossil-free-site")
    assert (
        _upload(client, draft_url, build_xlsx(ruleset, "nb", school), "liste.xlsx").status_code
        == 302
    )
    page = _page(client, draft_url)
    assert len(page.select("#machines tbody tr")) == len(school["machines"])
    # Company details are still missing: said once, and the assessment runs.
    assert page.select_one(".problems") is None
    assert "Company details and price are not complete" in page.select_one(".company-missing").text
    assert page.select_one(".verdict").get_text() == "Compliant"
    client.post(
        draft_url + "/details",
        data={"name": "Fjordbygg AS", "org_number": "914880009", "price_nok": "48 000 000"},
    )
    page = _page(client, draft_url)
    assert page.select_one(".company-missing") is None
    # The report is made in the child process and registered; this browser may fetch it.
    response = client.get(draft_url + "/self-declaration.pdf?lang=en")
    assert response.status_code == 302 and "/own-reports/" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    download = BeautifulSoup(page.text, "html.parser").find("a", href=re.compile("/download$"))
    pdf = client.get(download["href"]).data
    assert pdf.startswith(b"%PDF-")
    with demo_app.app_context():
        verified = check_report(pdf)
    assert verified.is_authentic and verified.envelope["kind"] == "self_declaration"
    # The contractor may ask for it in nynorsk too.
    nynorsk = client.get(draft_url + "/self-declaration.pdf?lang=nn")
    assert (
        nynorsk.status_code == 302 and nynorsk.headers["Location"] != response.headers["Location"]
    )
    page = client.get(nynorsk.headers["Location"])
    link = BeautifulSoup(page.text, "html.parser").find("a", href=re.compile("/download$"))
    assert "Eigenfråsegn – klimakrav" in pdf_text(client.get(link["href"]).data)
    # Another browser, without the link in its session, does not get it.
    assert demo_app.test_client().get(response.headers["Location"]).status_code == 404


def test_self_declaration_waits_for_company_details(client, draft_url):
    response = client.get(draft_url + "/self-declaration.pdf")
    assert response.status_code == 302 and response.headers["Location"].endswith(draft_url)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xlsx", b"PK\x03\x04garbage", "ikke en Excel-arbeidsbok"),
        ("list.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 50, "gamle Excel-formatet"),
        ("list.pdf", b"%PDF-1.4", "Forventet en Excel-arbeidsbok (.xlsx) eller en CSV-fil"),
        ("empty.csv", b"", "Filen er tom"),
    ],
)
def test_an_unreadable_upload_is_answered_on_the_page(client, draft_url, name, content, message):
    response = _upload(client, draft_url, content, name)
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert message in page.select_one("#machine_list-error").get_text()


def test_upload_without_a_file(client, draft_url):
    response = client.post(draft_url + "/upload", data={})
    assert response.status_code == 422


def test_add_edit_copy_remove_without_javascript(client, draft_url):
    response = client.post(
        draft_url + "/entries/fuels/new",
        data={
            "id": "F1",
            "product": "hvo100",
            "feedstock": "used_cooking_oil",
            "standard": "EN 15940",
            "advanced": "y",
        },
    )
    assert response.status_code == 302
    response = client.post(
        draft_url + "/entries/machines/new",
        data={
            "id": "M1",
            "category": "excavator",
            "energy_carrier": "hvo100",
            "fuel_id": "F1",
            "operating_weight_t": "22,5",
            "year": "2021",
        },
    )
    assert response.status_code == 302
    copy = client.post(draft_url + "/entries/machines/M1/copy")
    assert copy.headers["Location"].endswith("/entries/machines/M1-2")
    copied = _page(client, copy.headers["Location"])
    assert copied.select_one("#operating_weight_t")["value"] == "22,5"  # Norwegian by default
    edit = client.post(
        draft_url + "/entries/machines/M1-2",
        data={"id": "M2", "category": "dumper", "energy_carrier": "hvo100", "fuel_id": "F1"},
    )
    assert edit.status_code == 302
    renamed = client.post(
        draft_url + "/entries/fuels/F1",
        data={"id": "HVO", "product": "hvo100", "feedstock": "used_cooking_oil"},
    )
    assert renamed.status_code == 302
    assert client.post(draft_url + "/entries/machines/M1/remove").status_code == 302
    page = _page(client, draft_url)
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("#machines tbody tr")]
    assert [row[0] for row in rows] == ["M2"]
    edit_page = _page(client, draft_url + "/entries/machines/M2")
    assert edit_page.select_one("#fuel_id option[selected]")["value"] == "HVO"  # reference kept
    assert edit_page.select_one("#operating_weight_t")["value"] == ""  # cleared in the edit


def test_bad_input_in_the_form_is_kept_and_named(client, draft_url):
    client.post("/lang/en")
    response = client.post(
        draft_url + "/entries/machines/new",
        data={"id": "M 1", "category": "", "year": "nineteen", "operating_weight_t": "-4"},
    )
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    errors = {p["id"]: p.get_text(" ", strip=True) for p in page.select("p.error")}
    assert "expected letters, digits" in errors["id-error"]
    assert "Fill this in." in errors["category-error"]
    assert "Write a number" in errors["year-error"]
    assert "from 0 to" in errors["operating_weight_t-error"]
    assert page.select_one("#id")["value"] == "M 1"
    assert page.select_one("#year")["value"] == "nineteen"


def test_duplicate_id_is_refused(client, draft_url):
    client.post("/lang/en")
    data = {"id": "M1", "category": "excavator"}
    client.post(draft_url + "/entries/machines/new", data=data)
    response = client.post(
        draft_url + "/entries/vehicles/new", data={"id": "M1", "purpose": "other"}
    )
    assert response.status_code == 422
    assert "already used" in response.text


def test_unknown_list_and_entry_are_404(client, draft_url):
    assert client.get(draft_url + "/entries/spaceships/new").status_code == 404
    assert client.get(draft_url + "/entries/machines/NOPE").status_code == 404
    assert client.get(draft_url + "/entries/machines/new?rejected=7").status_code == 404
    assert client.get(draft_url + "/list.pdf").status_code == 404


def test_library_self_assessment_and_exports(client):
    page = _page(client, "/self-assessment")
    assert page.select("#ruleset option")
    response = client.post(
        "/self-assessment", data={"ruleset": "oslo-zero-emission-site@2025", "level": "spearhead"}
    )
    assert response.status_code == 422  # Oslo 2025 has only the basis level
    response = client.post(
        "/self-assessment", data={"ruleset": "oslo-zero-emission-site@2025", "level": "basis"}
    )
    url = response.headers["Location"]
    client.post(url + "/entries/machines/new", data={"id": "=cmd", "category": "excavator"})
    client.post(
        url + "/entries/machines/new",
        data={"id": "M1", "category": "excavator", "make": "=HYPERLINK(1)"},
    )
    csv = client.get(url + "/list.csv?sheet=machines&lang=en")
    assert csv.status_code == 200
    assert "M1,excavator,'=HYPERLINK(1)" in csv.get_data(as_text=True)
    xlsx = client.get(url + "/list.xlsx")
    assert xlsx.data.startswith(b"PK")


def test_ruleset_template_download(client):
    response = client.get("/rules/foa-7-9/2024/template.xlsx?lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('-template-en.xlsx"')
    assert client.get("/rules/nope/1/template.xlsx").status_code == 404
    assert client.get("/rules/foa-7-9/2024/template.xlsx?lang=de").status_code == 404


def test_a_broken_reference_is_named_by_entry_and_column(client, draft_url):
    client.post(draft_url + "/entries/fuels/new", data={"id": "F1", "product": "hvo100"})
    client.post(
        draft_url + "/entries/machines/new",
        data={"id": "M1", "category": "excavator", "energy_carrier": "hvo100", "fuel_id": "F1"},
    )
    client.post(draft_url + "/entries/fuels/F1/remove")
    page = _page(client, draft_url)
    assert (
        page.select_one(".problems li")
        .get_text()
        .startswith(
            "Maskin M1, Drivstoff-ID: viser til drivstoffet «F1», som ikke er oppgitt under "
            "drivstoff (oppgitt: ingen)"
        )
    )
    assert "Ikke vurdert ennå" in page.select_one(".verdict").get_text()


def test_a_contractor_can_ask_for_an_exception_but_not_grant_it(client, draft_url):
    client.post(
        draft_url + "/entries/machines/new",
        data={
            "id": "M1",
            "category": "excavator",
            "energy_carrier": "diesel",
            "emission_stage": "V",
        },
    )
    response = client.post(
        draft_url + "/entries/exceptions/new",
        data={
            "id": "E1",
            "item": "M1",
            "ground": "not_available",
            "justification": "none",
            "decision": "approved",
            "approved_by": "me",
            "status": "waived",
        },
    )
    assert response.status_code == 302
    page = _page(client, draft_url)
    assert page.select_one("#exceptions tbody tr").get_text(" ", strip=True).startswith("E1 M1")
    badges = [b.get_text() for b in page.select(".advice .badge")]
    assert "Unntak gitt" not in page.select_one("#result").get_text()  # nothing is waived
    assert badges  # the machine still fails or awaits the buyer


def test_download_fill_upload_gives_the_same_tender(client, draft_url, school):
    """The round trip through HTTP: the empty template, filled in as a contractor would."""
    from openpyxl import load_workbook

    response = client.get("/rules/dfo-fossil-free-site/1.0/template.xlsx?lang=en")
    workbook = load_workbook(io.BytesIO(response.data))
    for sheet_key, title in (("machines", "Machines"), ("fuels", "Fuels"), ("heating", "Heating")):
        sheet = workbook[title]
        headers = [cell.value for cell in sheet[1]]
        keys = [SHEETS_BY_KEY[sheet_key].column_for_header(h).key for h in headers]
        for entry in school[sheet_key]:
            sheet.append([_cell(entry.get(key)) for key in keys])
    out = io.BytesIO()
    workbook.save(out)
    assert _upload(client, draft_url, out.getvalue(), "filled.xlsx").status_code == 302
    with client.application.app_context():
        stored = db.session.scalar(select(SelfAssessmentDraft)).data
    for sheet_key in ("machines", "fuels", "heating"):
        expected = [{k: v for k, v in e.items() if v is not None} for e in school[sheet_key]]
        assert stored[sheet_key] == expected


def _cell(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def test_a_rule_set_page_leads_to_its_self_assessment(client):
    page = _page(client, "/rules/oslo-zero-emission-site/2025")
    link = page.find("a", string="Sjekk en maskinliste mot dette regelsettet")["href"]
    form = _page(client, link)
    selected = form.select_one("#ruleset option[selected]")
    assert selected["value"] == "oslo-zero-emission-site@2025"
    assert (
        _page(client, "/rules/foa-7-9/2024").select_one('main a[href^="/self-assessment"]') is None
    )


def test_a_document_row_with_a_problem_leads_to_the_documents_form(client, draft_url):
    csv = "Document,Content or file reference\nidling_plan,Stop after 5 min\n,orphan text\n"
    _upload(client, draft_url, csv.encode(), "docs.csv")
    page = _page(client, draft_url)
    link = page.select_one("#rejected tbody a")["href"]
    assert link.endswith("/documents") and client.get(link).status_code == 200
    assert "Stop after 5 min" in page.select_one("#documents").get_text()


def test_old_drafts_are_purged_from_the_command_line(
    client, draft_url, demo_app, run_cli, monkeypatch
):
    from datetime import timedelta

    from checker import clock

    with demo_app.app_context():
        fresh = SelfAssessmentDraft(ruleset_id="x", ruleset_version="1", level="basis", data={})
        db.session.add(fresh)
        old = db.session.scalar(select(SelfAssessmentDraft).order_by(SelfAssessmentDraft.id))
        old.updated_at = clock.now() - timedelta(days=200)
        db.session.commit()
        fresh_id = fresh.id
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, out, err = run_cli("drafts", "purge", "--older-than", "180")
    assert code == 0, err
    assert out.startswith("deleted 1 draft(s)")
    assert client.get(draft_url).status_code == 404
    with demo_app.app_context():
        assert db.session.scalar(select(SelfAssessmentDraft.id)) == fresh_id


def test_an_upload_over_the_request_limit_is_refused_before_it_is_read(client, draft_url):
    # A small limit keeps the test from spooling megabytes to a temporary file.
    client.application.config["MAX_CONTENT_LENGTH"] = 1024
    response = _upload(client, draft_url, b"ID,Category\r\n" + b"M1,excavator\r\n" * 400, "m.csv")
    assert response.status_code == 413


def test_a_list_full_of_errors_keeps_the_session_small(client, draft_url):
    client.post("/lang/en")
    rows = "".join(f"M{n},excavator,disel\r\n" for n in range(300))
    response = _upload(client, draft_url, f"ID,Category,Energy carrier\r\n{rows}".encode(), "m.csv")
    cookie = response.headers.get("Set-Cookie", "")
    assert len(cookie) < 4000
    page = _page(client, draft_url)
    flashes = [p.get_text() for p in page.select(".flash-error")]
    assert len(flashes) == 6 and flashes[-1].startswith("… and 295 more problem(s)")
    assert len(page.select("#rejected tbody tr")) == 100
    assert "The first 100 of 300 rows are shown" in page.select_one("#rejected").get_text()
