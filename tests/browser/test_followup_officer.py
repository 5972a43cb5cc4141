"""The officer's follow-up journey in a real browser: open the contract from the procurement,
decide the sanction of a deviation, issue and download the signed follow-up report; the page
passes the WCAG 2.1 A/AA checks."""

import re
from pathlib import Path

from playwright.sync_api import expect

from checker.web.demo import load_contract_in_followup
from tests.helpers import axe_violations
from tests.helpers import log_in

OFFICER = ("officer@kommune.example", "demo-officer-2026")


def test_officer_decides_a_deviation_and_downloads_the_follow_up_report(page, live_server):
    with live_server.app.app_context():
        load_contract_in_followup()  # what `checker serve` adds to the demo
    log_in(page, live_server, *OFFICER)
    page.goto(f"{live_server}/procurements")
    page.get_by_role("link", name=re.compile("Nytt oppvekstsenter")).first.click()
    page.get_by_role("link", name="Kontraktsoppfølging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontraktsoppfølging")
    expect(page.locator("tr.late-period")).to_have_count(1)
    assert axe_violations(page) == []

    deviation = page.locator("article.deviation", has_text="Sanksjon etter kontrakten")
    expect(deviation).to_contain_text("= 10\u00a0500,00\u00a0kr")
    deviation.get_by_label("Sanksjonen etter kontrakten vedtas").check()
    deviation.get_by_label("Begrunnelse").fill("Dieselmaskinen var ikke avtalt (kontrakten 7.3).")
    deviation.get_by_role("button", name=re.compile("Lagre behandlingen")).click()
    expect(page.locator(".flash-success")).to_have_text("Behandlingen av avviket er lagret.")
    expect(page.locator("#deviations ~ p").first).to_contain_text("4 av 5 avvik")
    decided = page.locator("article.deviation", has_text="Dieselmaskinen var ikke avtalt")
    expect(decided).to_contain_text("Sanksjonen etter kontrakten vedtas (10\u00a0500,00\u00a0kr)")

    page.get_by_role("button", name="Utsted oppfølgingsrapporten (PDF)").click()
    download_link = page.get_by_role("link", name="Last ned PDF-en")
    expect(download_link).to_be_visible(timeout=30_000)  # the page refreshes until it is made
    with page.expect_download() as download:
        download_link.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf  # signed like every report
