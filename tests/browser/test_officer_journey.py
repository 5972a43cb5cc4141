"""The officer's journey in a real browser, and WCAG 2.1 A/AA checks on the main pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers import axe_violations
from tests.helpers import log_in

OFFICER = ("officer@kommune.example", "demo-officer-2026")
AUDITOR = ("auditor@kommune.example", "demo-auditor-2026")


def test_login_works_with_the_keyboard_alone(page, live_server):
    page.goto(f"{live_server}/login")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_label("E-post").focus()
    page.keyboard.type(OFFICER[0])
    page.keyboard.press("Tab")
    page.keyboard.type(OFFICER[1])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{live_server}/(#main)?$"))  # the fragment survives the redirect
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversikt")


def test_officer_creates_tailors_weights_and_publishes(page, live_server):
    log_in(page, live_server, *OFFICER)
    page.get_by_role("link", name="Ny anskaffelse").first.click()
    page.get_by_label("Tittel").fill("Ny brannstasjon Holmen")
    page.get_by_label("Saksnummer").fill("2026/9001")
    page.get_by_label("CPV-kode").fill("4521")
    page.get_by_label("Anslått verdi (NOK ekskl. mva.)").fill("85000000")
    page.get_by_label("Tilbudsfrist").fill("2030-02-01T12:00")
    page.get_by_role("button", name="Lagre").click()
    # The error comes back at its field, and what was typed is still there.
    expect(page.locator("#cpv-error")).to_be_visible()
    expect(page.get_by_label("Tittel")).to_have_value("Ny brannstasjon Holmen")
    page.get_by_label("CPV-kode").fill("45216121-8")
    page.get_by_role("button", name="Lagre").click()

    page.get_by_label("Regelsett og versjon").select_option("dfo-fossil-free-site@1.0")
    page.get_by_label("Ambisjonsnivå").select_option("advanced")
    page.get_by_role("button", name="Velg").click()

    idling = page.locator("fieldset", has_text="idling-plan")
    idling.get_by_label("Velg bort denne regelen").check()
    idling.get_by_label("Begrunnelse").fill("Tomgang følges opp i SHA-planen")
    share = page.locator("fieldset", has_text="zero-emission-share-20")
    share.get_by_label(re.compile("^minste andel", re.IGNORECASE)).fill("40")  # typed in percent
    page.get_by_role("button", name="Lagre tilpasning").click()
    expect(page.locator("ul.tailoring")).to_contain_text("Tomgang følges opp i SHA-planen")

    page.get_by_role("link", name="Endre tildelingsmodellen").click()
    rows = page.locator("table.criteria tbody tr")
    for index, (name, weight) in enumerate(
        [("Pris", "75"), ("Kvalitet", "0"), ("Klima og miljø", "25")]
    ):
        rows.nth(index).locator("input[type=text]").first.fill(name)
        rows.nth(index).locator("input[inputmode=decimal]").fill(weight)
    rows.nth(2).locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Lagre tildelingsmodell").click()
    expect(page.locator(".foa")).to_contain_text("minst 30 % kreves")
    expect(page.locator(".foa")).to_have_class(re.compile("foa-non_compliant"))

    rows.nth(0).locator("input[inputmode=decimal]").fill("60")
    rows.nth(1).locator("input[inputmode=decimal]").fill("10")
    rows.nth(2).locator("input[inputmode=decimal]").fill("30")
    # The check answers while typing, before anything is saved.
    expect(page.locator(".foa")).to_have_class(re.compile("foa-compliant"))
    page.get_by_role("button", name="Lagre tildelingsmodell").click()
    expect(page.locator(".foa")).to_have_class(re.compile("foa-compliant"))

    page.get_by_role("link", name="Tilbake til anskaffelsen").click()
    page.get_by_role("link", name="Publiser anskaffelsen …").click()
    # Asked once more, saying what publishing fixes for good.
    expect(page.locator(".confirm")).to_contain_text("Dette kan ikke gjøres om")
    expect(page.locator(".confirm")).to_contain_text("Tildelingsmodellen: 3 kriterier")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Ja, publiser anskaffelsen").click()
    expect(page.locator(".badge.state-published")).to_be_visible()
    public_link = page.locator("#public ~ p a").first.get_attribute("href")
    page.goto(public_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny brannstasjon Holmen")


PAGES = [
    "/login",
    "/p/verify",
    "/rules/",
    "/rules/oslo-zero-emission-site/diff",
    "/rules/dfo-fossil-free-site/1.0",
]
OFFICER_PAGES = [
    "/procurements/3",
    "/procurements/3/tenders/2",
    "/",
    "/procurements/",
    "/procurements/new",
    "/procurements/1",
    "/procurements/1/award",
    "/procurements/2",
    "/statistics/",
    "/statistics/?project=1999/0001&through=13",  # with errors marked
]


AUDITOR_PAGES = [
    "/audit/",
    "/audit/?procurement=3&kind=created",
    "/audit/?since=yesterday&until=2026-01-01",  # with errors marked
    "/audit/entries/7",
    "/audit/decisions",
    "/audit/reports",
    "/audit/chain",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_have_no_wcag_violations(page, live_server, path):
    page.goto(live_server + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_officer_pages_have_no_wcag_violations(page, live_server, path):
    log_in(page, live_server, *OFFICER)
    page.goto(live_server + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", AUDITOR_PAGES)
def test_auditor_pages_have_no_wcag_violations(page, live_server, path):
    log_in(page, live_server, *AUDITOR)
    page.goto(live_server + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations(page) == []


def test_form_with_errors_has_no_wcag_violations(page, live_server):
    log_in(page, live_server, *OFFICER)
    page.goto(f"{live_server}/procurements/new")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == []


def test_english_pages_have_no_wcag_violations(page, live_server):
    page.goto(f"{live_server}/login")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []


def test_the_accessibility_check_can_fail(page):
    """Guard against a check that always passes: a page with known faults must be caught."""
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label", "html-has-lang"} <= found
