"""The officer's review and award in a real browser, with WCAG checks on every page of it."""

import re

from playwright.sync_api import expect

from tests.helpers import axe_violations
from tests.helpers import log_in

OFFICER = ("officer@kommune.example", "demo-officer-2026")
STREET = "/procurements/3"  # the demo's closed procurement: tenders 2 (Fjordbygg) to 5 (Oslo)


def checked(page):
    assert axe_violations(page) == [], page.url
    return page


def approve(page, key: str, basis: str):
    section = page.get_by_role("region", name=re.compile(f"unntakssøknaden {key}"))
    section.get_by_label("Godkjenn unntaket").check()
    section.get_by_label("Hjemmel").fill(basis)
    section.get_by_label("Begrunnelse").fill("Markedsundersøkelsen og brevet er tilstrekkelig.")
    section.get_by_role("button", name="Registrer avgjørelsen").click()


def score(page, tender_id: int, points: str):
    page.goto(f"{page.url.split('/procurements')[0]}{STREET}/tenders/{tender_id}")
    page.get_by_label("Poeng (0 til 10)").fill(points)
    page.get_by_label("Begrunnelse").fill("Gjennomføringsplanen er konkret og realistisk.")
    page.get_by_role("button", name="Lagre poengene").click()
    expect(page.locator(".flash-success")).to_be_visible()


def test_officer_reviews_exceptions_scores_concludes_and_awards(page, live_server):
    log_in(page, live_server, *OFFICER)
    page.goto(live_server + STREET)
    page.get_by_role("link", name="Gjennomgang og tildelingsevaluering").click()
    checked(page)
    page.get_by_role("button", name="Vurder alle tilbud").click()
    expect(page.locator("progress")).to_have_attribute("value", "4")
    checked(page)
    page.get_by_role("link", name="Gjennomgang og tildelingsevaluering").click()
    page.get_by_role("link", name="Åpne gjennomgangskøen").click()
    checked(page)
    page.get_by_role("link", name="Gjennomgang og tildelingsevaluering").click()
    # The evaluation page leads into the queue; each question says where it stands.
    page.get_by_role("link", name="Vurder det første spørsmålet").click()
    expect(page.locator(".queue-nav")).to_contain_text("Spørsmål 1 av 2 i gjennomgangskøen.")
    expect(page.get_by_role("link", name="Neste i køen")).to_have_attribute(
        "href", re.compile("item=M4")
    )
    expect(page.get_by_text("Volvo Maskin AS")).to_be_visible()  # the claim beside the verdict
    checked(page)
    # Approving without a legal basis: the error names the field and the typed reason stays.
    section = page.get_by_role("region", name=re.compile("unntakssøknaden E1"))
    section.get_by_label("Godkjenn unntaket").check()
    section.get_by_label("Begrunnelse").fill("Markedsundersøkelsen er troverdig.")
    section.get_by_role("button", name="Registrer avgjørelsen").click()
    expect(page.locator("#decision-E1-legal_basis-error")).to_be_visible()
    expect(page.locator("#decision-E1-reason")).to_have_value("Markedsundersøkelsen er troverdig.")
    checked(page)
    approve(page, "E1", "Kontraktens punkt 4.2")
    # On to the next open question at once, with how many remain.
    expect(page.locator(".flash-info")).to_contain_text("1 spørsmål gjenstår i gjennomgangskøen.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("M4")
    approve(page, "E2", "Kontraktens punkt 4.2")
    expect(page.locator(".flash-success").last).to_contain_text("Gjennomgangskøen er tom")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjennomgang og tildelingsevaluering")
    page.goto(live_server + STREET + "/evaluation/review")
    expect(page.get_by_text("Ingenting venter på manuell vurdering.")).to_be_visible()
    score(page, 2, "8")
    checked(page)
    score(page, 5, "6")
    page.get_by_role("link", name="Gjennomgang og tildelingsevaluering").click()
    ranking = page.locator("#ranking-table tbody tr")
    expect(ranking.first).to_contain_text("Oslo Grunnarbeid AS")
    expect(ranking.first.locator("td").first).to_have_text("1")
    # Concluding and awarding are asked for once more, saying what cannot be undone.
    page.get_by_role("link", name="Avslutt evalueringen …").click()
    expect(page.locator(".confirm")).to_contain_text("Hva avslutningen gjør")
    expect(page.locator("#ranking-table tbody tr").first).to_contain_text("Oslo Grunnarbeid AS")
    checked(page)
    page.get_by_role("button", name="Ja, avslutt evalueringen").click()
    expect(page.locator(".flash-success")).to_be_visible()
    page.get_by_role("button", name="Tildel kontrakten …").click()  # no justification yet
    expect(page.locator("#justification-error")).to_be_visible()
    checked(page)
    page.get_by_label("Begrunnelse", exact=True).fill("Høyest samlet poengsum i rangeringen.")
    page.get_by_role("button", name="Tildel kontrakten …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tildele kontrakten til Oslo Grunnarbeid AS?"
    )
    expect(page.locator(".confirm")).to_contain_text("Dette kan ikke gjøres om")
    checked(page)
    page.get_by_role("button", name="Ja, tildel kontrakten").click()
    expect(page.locator("#decision")).to_contain_text("Oslo Grunnarbeid AS")
    # Every tenderer was told; those without an account are named as not told.
    notices = page.locator("#notices tbody tr")
    expect(notices).to_have_count(4)
    expect(page.locator("#notices .notice-sent")).to_have_count(1)
    expect(page.locator("#notices .notice-failed")).to_have_count(3)
    checked(page)
    # Awarded: the contract is in follow-up, waiting for the contractor's first period report.
    page.goto(live_server + STREET)
    page.get_by_role("link", name="Kontraktsoppfølging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontraktsoppfølging")
    expect(page.get_by_text("Ingen perioderapport er mottatt ennå.")).to_be_visible()
    checked(page)


def test_compare_and_history_pages_have_no_wcag_violations(page, live_server):
    log_in(page, live_server, *OFFICER)
    page.goto(f"{live_server}{STREET}/compare?a=5&b=3")
    expect(page.locator("#comparison")).to_be_visible()
    checked(page)
    page.goto(f"{live_server}{STREET}/tenders/2")
    page.locator("section[aria-labelledby=history] a").first.click()
    expect(page.locator("#diff")).to_be_visible()
    checked(page)


def test_the_evaluation_page_in_english_has_no_wcag_violations(page, live_server):
    log_in(page, live_server, *OFFICER)
    page.goto(f"{live_server}{STREET}/evaluation")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review and award evaluation")
    checked(page)
    page.goto(f"{live_server}{STREET}/evaluation/review")
    checked(page)
