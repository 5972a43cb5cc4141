"""The contractor's journey in a real browser, and WCAG 2.1 A/AA checks on the intake pages."""

import copy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from checker.formats.inputs import read_file
from checker.intake.template import build_csv
from checker.web.reports.register import check_report
from tests.helpers import EXAMPLES
from tests.helpers import axe_violations
from tests.helpers import log_in

CONTRACTOR = ("contractor@fjordbygg.example", "demo-contractor-2026")


def _public_link(page, live_server) -> str:
    """The published school procurement's public link, as the contractor's start page shows it."""
    page.goto(live_server + "/")
    link = page.get_by_role("link", name="Nye Bryn skole – grunn- og betongarbeider", exact=True)
    return link.get_attribute("href")


def _machine_list_with_an_error(tmp_path) -> str:
    """The school's machines as CSV, with the telehandler's energy carrier misspelt."""
    tender = copy.deepcopy(read_file(EXAMPLES / "school-compliant.json"))
    tender["machines"][7]["energy_carrier"] = "hvo 1OO"
    path = tmp_path / "maskinliste.csv"
    path.write_text(build_csv("machines", "nb", tender), encoding="utf-8")
    return str(path)


def test_contractor_uploads_fixes_and_submits(page, live_server, tmp_path):
    log_in(page, live_server, *CONTRACTOR)
    page.goto(live_server + _public_link(page, live_server))
    page.get_by_role("button", name="Forbered og lever tilbudet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt tilbud")
    # The demo bid runs the telehandler on diesel: the page says so and how to fix it.
    expect(page.locator(".verdict")).to_have_text("Ikke i samsvar")
    expect(page.locator(".advice")).to_contain_text(
        "Bruk en elektrisk maskin (batteri eller kabel) eller en biogassmaskin for M8"
    )

    page.get_by_label("Maskinliste (Excel eller CSV)").set_input_files(
        _machine_list_with_an_error(tmp_path)
    )
    page.get_by_role("button", name="Last opp og sjekk").click()
    expect(page.locator(".flash-error").first).to_contain_text(
        "rad 9, kolonne «Energibærer»: fant «hvo 1OO»; forventet en av: diesel"
    )
    expect(page.locator("#machines tbody tr")).to_have_count(7)  # the valid rows are kept

    page.get_by_role("link", name="Rett rad 9 i skjemaet").click()
    expect(page.locator("#energy_carrier-error")).to_be_visible()
    expect(page.get_by_label("ID", exact=True)).to_have_value("M8")
    page.get_by_label("Energibærer").select_option("hvo100")
    page.get_by_label("Drivstoff-ID").select_option("F1")
    page.get_by_role("button", name="Lagre").click()

    expect(page.locator(".verdict")).to_have_text("I samsvar")
    expect(page.locator("#rejected")).to_have_count(0)
    expect(page.locator("#machines tbody tr")).to_have_count(8)
    page.get_by_role("button", name="Lever tilbudet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvittering for levert tilbud")
    expect(page.locator(".receipt")).to_contain_text("SHA-256 for svarene i tilbudet")
    page.goto(live_server + "/")
    expect(page.locator("main table")).to_contain_text("Levert")


def test_anyone_checks_a_machine_list_without_an_account(page, live_server):
    page.goto(live_server + "/self-assessment")
    page.get_by_label("Regelsett og versjon").select_option("dfo-fossil-free-site@1.0")
    page.get_by_label("Ambisjonsnivå").select_option("basis")
    page.get_by_role("button", name="Start egenkontrollen").click()
    private = page.locator(".flash-info a.hash").get_attribute("href")
    page.get_by_role("link", name="Legg til: Maskin").click()
    page.get_by_label("ID", exact=True).fill("G1")
    page.get_by_label("Kategori").select_option("generator")
    page.get_by_label("Energibærer").select_option("diesel")
    page.get_by_label("Utslippstrinn (EU)").select_option("V")
    page.get_by_label("Planlagte driftstimer").fill("600")
    page.get_by_label("Motoreffekt (kW)").fill("20")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".verdict")).to_have_text("Ikke i samsvar")
    expect(page.locator(".advice")).to_contain_text("for G1 i stedet for diesel (fossil)")
    page.goto(private)  # the private link brings the draft back
    expect(page.locator("#machines tbody tr")).to_have_count(1)


def _draft(page, live_server) -> str:
    page.goto(live_server + "/self-assessment")
    page.get_by_role("button", name="Start egenkontrollen").click()
    return page.url.removeprefix(live_server)


PAGES = [
    "/self-assessment",
    "{draft}",
    "{draft}/entries/machines/new",
    "{draft}/details",
    "{draft}/documents",
    "{draft}/entries/exceptions/new",
]
CONTRACTOR_PAGES = [
    "/",
    "/bids/1",
    "/bids/1/entries/machines/M8",
    "/bids/1/details",
    "/bids/1/entries/fuels/new",
]


@pytest.mark.parametrize("path", PAGES)
def test_self_assessment_pages_have_no_wcag_violations(page, live_server, path):
    url = path.format(draft=_draft(page, live_server)) if "{draft}" in path else path
    page.goto(live_server + url)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", CONTRACTOR_PAGES)
def test_contractor_pages_have_no_wcag_violations(page, live_server, path):
    log_in(page, live_server, *CONTRACTOR)
    page.goto(live_server + path)
    assert axe_violations(page) == []


def test_public_procurement_page_and_entry_errors_have_no_wcag_violations(page, live_server):
    log_in(page, live_server, *CONTRACTOR)
    page.goto(live_server + _public_link(page, live_server))
    assert axe_violations(page) == []
    page.goto(live_server + "/bids/1/entries/machines/new")
    page.get_by_label("ID", exact=True).fill("M 9")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == []


def test_with_javascript_an_electric_machine_has_no_emission_stage(page, live_server):
    page.goto(live_server + _draft(page, live_server) + "/entries/machines/new")
    page.get_by_label("Utslippstrinn (EU)").select_option("IIIB")
    page.get_by_label("Energibærer").select_option("battery_electric")
    expect(page.get_by_label("Utslippstrinn (EU)")).to_be_disabled()
    expect(page.get_by_label("Utslippstrinn (EU)")).to_have_value("")
    page.get_by_label("Energibærer").select_option("hvo100")
    expect(page.get_by_label("Utslippstrinn (EU)")).to_be_enabled()


def test_the_self_declaration_is_made_beside_the_page_and_can_be_verified(page, live_server):
    log_in(page, live_server, *CONTRACTOR)
    page.goto(live_server + "/bids/1")
    page.get_by_role("link", name="Egenerklæring (PDF, norsk)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Egenerklæring")
    download_link = page.get_by_role("link", name="Last ned PDF-en")
    expect(download_link).to_be_visible(timeout=30_000)  # the page refreshes until it is made
    assert axe_violations(page) == []
    with page.expect_download() as download:
        download_link.click()
    pdf = Path(download.value.path()).read_bytes()
    with live_server.app.app_context():  # signed by the server and in its register
        verified = check_report(pdf)
    assert verified.is_authentic and verified.envelope["kind"] == "self_declaration"
