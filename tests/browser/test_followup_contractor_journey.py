"""The awarded contractor's follow-up in a real browser: the first period from the tender's
list, the next month sent again with one change, a wrong number marked and kept, an API token
made and revoked; WCAG 2.1 A/AA on each of these pages."""

import pytest
from playwright.sync_api import expect

from checker.web.accounts.users import create_user
from checker.web.extensions import db
from tests.helpers import OSLO_CONTRACTOR
from tests.helpers import PASSWORDS
from tests.helpers import award_the_demo
from tests.helpers import axe_violations
from tests.helpers import log_in


@pytest.fixture(scope="module")
def contract(live_server):
    """The demo's closed procurement awarded to Oslo Grunnarbeid, which gets a user."""
    app = live_server.app
    client = app.test_client()
    email, password = PASSWORDS["officer"]
    app.config["WTF_CSRF_ENABLED"] = False  # the award by the test client, not by a browser
    try:
        assert client.post("/login", data={"email": email, "password": password}).status_code == 302
        _procurement_id, oslo = award_the_demo(client, app)
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        create_user(
            OSLO_CONTRACTOR[0], "Kari Kontakt", "contractor", "Oslo Grunnarbeid AS",
            "981000013", OSLO_CONTRACTOR[1],
        )  # fmt: skip
        db.session.commit()
    return oslo


def _fill_first_period(page):
    for field in page.locator("input[id$='-hours']").all():
        field.fill("100")
    for field in page.locator("input[id$='-km']").all():
        field.fill("500")
    for heater in ("H1", "H2"):
        page.get_by_label(f"Energi (kWh), {heater}").fill("4 000")


def test_the_contractor_reports_two_months_with_a_few_clicks(page, live_server, contract):
    log_in(page, live_server, *OSLO_CONTRACTOR)
    page.goto(f"{live_server}/contracts/{contract}")
    page.get_by_role("link", name="Fyll ut neste periode i et skjema").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Perioderapport")
    assert axe_violations(page) == []
    page.get_by_label("Første dag").fill("2027-03-01")
    page.get_by_label("Siste dag").fill("2027-03-31")
    _fill_first_period(page)
    page.get_by_label("Timer, M9", exact=True).fill("mange")
    page.get_by_role("button", name="Send inn perioderapporten").click()
    expect(page.locator(".error-summary")).to_contain_text("Skriv et tall")
    expect(page.get_by_label("Timer, M9", exact=True)).to_have_value("mange")  # kept as typed
    assert axe_violations(page) == []
    page.get_by_label("Timer, M9", exact=True).fill("20")
    page.get_by_role("button", name="Send inn perioderapporten").click()
    expect(page.locator(".flash-success")).to_contain_text("Perioderapporten er mottatt")

    # April: the form starts from March; one machine ran less, the rest is as it was.
    page.get_by_role("link", name="Fyll ut neste periode i et skjema").click()
    expect(page.get_by_label("Første dag")).to_have_value("2027-04-01")
    expect(page.get_by_label("Timer, M1", exact=True)).to_have_value("100")
    page.get_by_label("Timer, M1", exact=True).fill("80")
    page.get_by_label("Timer, M1", exact=True).press("Enter")  # Enter submits the report
    expect(page.locator(".flash-success")).to_contain_text("Perioderapporten er mottatt")
    expect(page.locator("main")).to_contain_text("01.04.2027")


def test_the_administrator_makes_and_revokes_a_token(page, live_server, contract):
    log_in(page, live_server, *OSLO_CONTRACTOR)
    page.goto(f"{live_server}/contracts/{contract}")
    page.get_by_role("link", name="API-nøkler").click()
    page.get_by_label("Navn på nøkkelen").fill("Flåtesystemet")
    page.get_by_role("button", name="Lag en nøkkel").click()
    token = page.get_by_label("Nøkkel", exact=True).input_value()
    assert token.startswith("kks_")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Tilbakekall nøkkelen Flåtesystemet").click()
    expect(page.locator(".flash-success")).to_contain_text("tilbakekalt")
    expect(page.locator("tbody")).to_contain_text("Tilbakekalt")
    assert token not in page.content()
