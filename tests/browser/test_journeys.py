"""Journeys end to end in a real browser: a contractor from registering its organisation to the
outcome e-mail (through the officer's publishing-free half: deadline, assessment, confirmations,
award), a phone-width pass of the main pages with no sideways page scroll, and WCAG checks on
the new pages."""

import copy
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from checker import clock
from checker.formats.inputs import read_file
from checker.intake.template import build_xlsx
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES
from tests.helpers import axe_violations
from tests.helpers import log_in

OFFICER = ("officer@kommune.example", "demo-officer-2026")
ADMIN = ("admin@kommune.example", "demo-admin-2026")
AUDITOR = ("auditor@kommune.example", "demo-auditor-2026")
CONTRACTOR = ("contractor@fjordbygg.example", "demo-contractor-2026")
NORA = ("nora@nordlys.example", "nordlys-passord-2026")
SCHOOL = "/procurements/2"  # the demo's published procurement (deadline in 30 days)
PHONE = {"width": 390, "height": 844}


def checked(page):
    assert axe_violations(page) == [], page.url
    return page


def _context(browser, **options):
    context = browser.new_context(bypass_csp=True, locale="nb-NO", **options)
    context.set_default_timeout(15_000)
    return context


def _open_mail(page, base: str, subject: str) -> str:
    """The newest message whose subject holds `subject`, from the development mail page."""
    page.goto(f"{base}/dev/mail/")
    page.get_by_role("link", name=re.compile(re.escape(subject))).first.click()
    return page.locator("pre.mail-body").inner_text()


def _link(text: str, path: str) -> str:
    found = re.search(rf"https?://\S+{re.escape(path)}\S+", text)
    assert found, text
    return found.group(0)


def _machine_list(tmp_path) -> str:
    tender = copy.deepcopy(read_file(EXAMPLES / "school-compliant.json"))
    path = tmp_path / "maskinliste.xlsx"
    path.write_bytes(build_xlsx(RuleLibrary().get("dfo-fossil-free-site"), "nb", tender))
    return str(path)


# Pages a phone must show without sideways scrolling, per role (None: not logged in).
PHONE_PAGES = [
    (None, "/login"),
    (None, "/register"),
    (None, "/rules/"),
    (None, "/rules/dfo-fossil-free-site/1.0"),
    (None, "/p/verify"),
    (OFFICER, "/"),
    (OFFICER, "/procurements/"),
    (OFFICER, "/procurements/3"),
    (OFFICER, "/procurements/3/evaluation"),
    (OFFICER, "/procurements/3/evaluation/review"),
    (OFFICER, "/procurements/3/tenders/2"),
    (OFFICER, "/procurements/3/tenders/2/question?rule=compact-machines-zero-emission&item=M2"),
    (OFFICER, "/procurements/1/award"),
    (OFFICER, "/tenders/"),
    (AUDITOR, "/audit/"),
    (AUDITOR, "/audit/entries/7"),
    (CONTRACTOR, "/"),
    (CONTRACTOR, "/bids/1"),
    (CONTRACTOR, "/bids/1/entries/machines/M1"),
    (ADMIN, "/admin/organisations"),
]


@pytest.fixture(scope="module")
def phone_pages(browser, live_server):
    """One phone-sized browser context per role, logged in once."""
    contexts = {}

    def page_for(account):
        if account not in contexts:
            context = _context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            if account:
                log_in(page, live_server, *account)
            contexts[account] = page
        return contexts[account]

    yield page_for
    for page in contexts.values():
        page.context.close()


@pytest.mark.parametrize(("account", "path"), PHONE_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone_pages, live_server, account, path):
    page = phone_pages(account)
    page.goto(live_server + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls {overflow} px sideways at 390 px"


def test_on_a_phone_every_entry_keeps_its_actions_at_hand(phone_pages, live_server):
    page = phone_pages(CONTRACTOR)
    page.goto(f"{live_server}/bids/1")
    for link in page.locator("#machines td.actions a").all():
        box = link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.locator("#machines td.actions a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maskin")


NEW_PAGES = [
    (None, "/register"),
    (None, "/password/forgot"),
    (None, "/dev/mail/"),
    (OFFICER, "/tenders/"),
    (OFFICER, "/procurements/?q=Storgata&state=closed"),
    (OFFICER, "/procurements/?deadline_from=2027-02-01&deadline_to=2027-01-01"),  # marked
    (CONTRACTOR, "/account/colleagues"),
    (CONTRACTOR, "/?q=skole"),
    (AUDITOR, "/audit/?procurement=3&kind=created"),
    (ADMIN, "/admin/organisations"),
]


@pytest.mark.parametrize(("account", "path"), NEW_PAGES)
def test_the_new_pages_have_no_wcag_violations(page, live_server, account, path):
    if account:
        log_in(page, live_server, *account)
    page.goto(live_server + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked(page)


# Last: it moves the clock past the school's deadline and awards it.
def test_a_contractor_from_registration_to_the_outcome_email(
    browser, live_server, tmp_path, travel
):
    contractor = _context(browser).new_page()
    contractor.goto(f"{live_server}/login")
    contractor.get_by_role("link", name="Registrer organisasjonen din for å levere tilbud").click()
    checked(contractor)
    contractor.get_by_label("Organisasjonsnummer").fill("912 345 602")
    contractor.get_by_label("Organisasjon", exact=True).fill("Nordlys Maskin AS")
    contractor.get_by_label("Navnet ditt").fill("Nora Nordlys")
    contractor.get_by_label("E-post").fill(NORA[0])
    contractor.get_by_label("Passord", exact=True).fill(NORA[1])
    contractor.get_by_label("Gjenta passordet").fill(NORA[1])
    contractor.get_by_role("button", name="Registrer").click()
    expect(contractor.get_by_role("heading", level=1)).to_have_text("Sjekk e-posten din")

    mail = _open_mail(contractor, live_server, "Bekreft e-postadressen din")
    checked(contractor)
    contractor.goto(_link(mail, "/register/confirm/"))
    expect(contractor.locator(".flash-success")).to_contain_text("E-postadressen din er bekreftet")

    admin = _context(browser).new_page()
    log_in(admin, live_server, *ADMIN)
    admin.get_by_role("link", name="Organisasjoner").click()
    checked(admin)
    admin.get_by_role("button", name="Godkjenn Nordlys Maskin AS").click()
    expect(admin.locator(".flash-success")).to_contain_text("Nordlys Maskin AS er godkjent")

    officer = _context(browser).new_page()
    log_in(officer, live_server, *OFFICER)
    officer.goto(live_server + SCHOOL)
    public_link = officer.locator("#public ~ p a").first.get_attribute("href")

    log_in(contractor, live_server, *NORA)
    contractor.goto(public_link)
    contractor.get_by_role("button", name="Forbered og lever tilbudet").click()
    expect(contractor.get_by_role("heading", level=1)).to_have_text("Ditt tilbud")
    contractor.get_by_label("Maskinliste (Excel eller CSV)").set_input_files(
        _machine_list(tmp_path)
    )
    contractor.get_by_role("button", name="Last opp og sjekk").click()
    expect(contractor.locator(".verdict")).to_have_text("I samsvar")
    contractor.get_by_role("link", name="Endre prisen").first.click()
    contractor.get_by_label("Tilbudspris (kr eks. mva.)").fill("29 500 000")
    contractor.get_by_role("button", name="Lagre").click()
    contractor.get_by_role("button", name="Lever tilbudet").click()
    expect(contractor.get_by_role("heading", level=1)).to_have_text("Kvittering for levert tilbud")
    checked(contractor)
    receipt = _open_mail(contractor, live_server, "Tilbud levert")
    assert "SHA-256 for svarene i tilbudet" in receipt and "(norsk tid)" in receipt

    travel(clock.now() + timedelta(days=31))  # past the deadline (30 days after the demo load)
    officer.goto(live_server + SCHOOL)
    expect(officer.locator(".badge.state-closed")).to_be_visible()
    frozen = _open_mail(contractor, live_server, "Fristen er ute, tilbudet er fryst")
    assert "ingen kan endre det" in frozen

    officer.get_by_role("link", name="Gjennomgang og tildelingsevaluering").click()
    officer.get_by_role("button", name="Vurder alle tilbud").click()
    expect(officer.locator("progress")).to_have_attribute("value", "1")
    officer.goto(f"{live_server}/tenders/?q=Nordlys")
    officer.get_by_role("link", name="Nordlys Maskin AS").click()
    officer.get_by_label("Poeng (0 til 10)").fill("7")
    officer.get_by_label("Begrunnelse").fill("Gjennomføringsplanen er konkret og realistisk.")
    officer.get_by_role("button", name="Lagre poengene").click()
    officer.goto(f"{live_server}{SCHOOL}/evaluation")
    officer.get_by_role("link", name="Avslutt evalueringen …").click()
    officer.get_by_role("button", name="Ja, avslutt evalueringen").click()
    officer.get_by_label("Begrunnelse", exact=True).fill("Eneste tilbud, i samsvar med kravene.")
    officer.get_by_role("button", name="Tildel kontrakten …").click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Nordlys Maskin AS")
    officer.get_by_role("button", name="Ja, tildel kontrakten").click()
    expect(officer.locator("#decision")).to_contain_text("Nordlys Maskin AS")
    expect(officer.locator("#notices")).to_contain_text("Utfallet av tildelingen")

    outcome = _open_mail(contractor, live_server, "Tildelt dere")
    assert "Kontrakten er tildelt dere." in outcome
    assert "Tilbudet deres ble rangert som nr. 1 av 1." in outcome
    assert "Karensperiode (FOA § 25-2)" in outcome and "The contract is awarded to you." in outcome
    for page in (contractor, admin, officer):
        page.context.close()
