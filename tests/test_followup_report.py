"""The contract follow-up report: a PDF/A-3 like every report, with its data embedded, the same
bytes for the same input, verified by `checker verify`; its content asserted on the HTML."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from checker.formats.inputs import read_file
from checker.formats.tender import canonical_json
from checker.reports.envelope import build_followup_envelope
from checker.reports.envelope import envelope_sha256
from checker.reports.html import render_html
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import FOLLOWUP

ISSUED = "2027-09-05T08:00:00Z"
MONTHS = ("03", "04", "05", "06", "07", "08")


@pytest.fixture(scope="module")
def followup_result():
    """The example contract's follow-up, as `checker followup --format json` gives it."""
    from checker.followup.result import followup

    tender = read_file(FOLLOWUP / "tender.json")
    periods = [read_file(FOLLOWUP / f"period-2027-{month}.json") for month in MONTHS]
    ruleset = RuleLibrary().get("oslo-zero-emission-site")
    result = followup(
        ruleset,
        None,
        read_file(FOLLOWUP / "tailoring.json"),
        read_file(FOLLOWUP / "decisions.json"),
        tender,
        periods,
    )
    return ruleset, tender, result


def _html(followup_result, lang="nb"):
    ruleset, tender, result = followup_result
    envelope = build_followup_envelope(result, ruleset, tender, lang=lang, issued_at=ISSUED)
    return envelope, BeautifulSoup(render_html(envelope, envelope_sha256(envelope)), "html.parser")


def test_the_report_shows_periods_plan_against_actual_deviations_and_sanctions(followup_result):
    _, page = _html(followup_result)
    text = " ".join(page.get_text(" ").split())
    assert page.select_one(".verdict").get_text(strip=True) == "Resultat: AVVIK"
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert "Periode 01.05.2027–31.05.2027: AVVIK" in headings
    assert "Periode 01.06.2027–30.06.2027: UFULLSTENDIG" in headings
    assert "Utstedt 05.09.2027 kl. 10.00" in text  # issue time in Norway
    # Oslo's indicators, plan against actual, all periods together.
    cumulative = page.select("table:not(.letterhead)")[1]
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in cumulative.select("tbody tr")
    ]
    assert rows[0] == ["Utslippsfri andel av energi, inkl. biogass", "41,2 %", "32,4 %"]
    assert rows[3] == ["Fossile liter", "0 L", "420 L"]
    # Each deviation with its handling, each sanction with its arithmetic.
    assert "Ikke i planen M7 M7 (gravemaskin) står ikke i tilbudets liste" in text
    assert "Fossilt drivstoff levert D0603 24.06.2027: 400 L levert" in text
    assert "venter på oppdragsgiver" in text
    assert (
        "Alt arbeid på byggeplassen er utslippsfritt (M7): 420 L × 25 kr/L = 10 500,00 kr" in text
    )
    assert "Sanksjoner i alt: 10 500,00 kr" in text
    # Names, not codes.
    for code in ("not_in_plan", "fossil_delivery", "battery_electric", "deviating", "proposed"):
        assert code not in text, code


def test_the_charts_show_each_month_against_the_plan(followup_result):
    _, page = _html(followup_result)
    charts = page.select("svg")
    assert len(charts) == 2
    share_chart, litres_chart = charts
    labels = [t.get_text() for t in share_chart.select("text")]
    assert labels[:2] == ["03.2027", "41,0 %"]  # March: 14 600 of 35 566 kWh
    assert "Plan: 41,2 %" in labels
    assert len(share_chart.select("rect")) == 6
    # Cumulative fossil litres: nothing until May's 420 L, then flat.
    bars = [t.get_text() for t in litres_chart.select("text") if t.get_text().endswith(" L")]
    assert bars[:6] == ["0 L", "0 L", "420 L", "420 L", "420 L", "420 L"]


@pytest.mark.parametrize(
    ("lang", "verdict", "heading"),
    [
        ("nn", "Resultat: AVVIK", "Samla for alle periodane"),
        ("en", "Verdict: DEVIATING", "All periods together"),
    ],
)
def test_the_report_in_nynorsk_and_english(followup_result, lang, verdict, heading):
    _, page = _html(followup_result, lang)
    assert page.html["lang"] == lang
    assert page.select_one(".verdict").get_text(strip=True) == verdict
    assert heading in [h.get_text(strip=True) for h in page.select("h2")]


def test_the_pdf_is_pdf_a_with_its_data_and_verifies(contract, run_cli, tmp_path):
    out = tmp_path / "followup.pdf"
    code, _, err = contract.run(
        *MONTHS, extra=("--format", "pdf", "-o", out, "--issued-at", ISSUED)
    )
    assert code == 1, err  # the exit code follows the verdict, as for text and JSON
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp
    (embedded,) = reader.attachments["report.json"]
    envelope = json.loads(embedded)
    assert envelope["kind"] == "followup"
    assert envelope["followup"]["format"] == "climate-followup/1"
    assert embedded == canonical_json(envelope)
    # Rendered on the command line, not issued (signed and registered) by the organisation: the
    # check reads what the report claims, and says it is not authentic.
    code, out_text, _ = run_cli("verify", out, "--format", "json")
    summary = json.loads(out_text)
    assert code == 1 and not summary["authentic"]
    assert (summary["kind"], summary["tender_id"], summary["verdict"]) == (
        "followup",
        "T-2026-0417",
        "deviating",
    )
    # The same input and issue time give the same bytes; one byte changed is caught.
    again = tmp_path / "again.pdf"
    contract.run(*MONTHS, extra=("--format", "pdf", "-o", again, "--issued-at", ISSUED))
    assert again.read_bytes() == pdf
    altered = bytearray(pdf)
    altered[len(pdf) // 2] ^= 0x01
    (tmp_path / "altered.pdf").write_bytes(bytes(altered))
    code, _, _ = run_cli("verify", tmp_path / "altered.pdf")
    assert code == 1


def test_a_pdf_needs_an_output_file(contract):
    code, _, err = contract.run("03", extra=("--format", "pdf"))
    assert code == 2
    assert "a PDF is written to a file: give -o REPORT.pdf" in err


def test_hostile_text_prints_as_text(contract):
    from checker.followup.result import followup

    tender = contract.tender()
    tender["contractor"]["name"] = '<img src="file:///etc/hostname"><b>Skurk</b>'
    decisions = read_file(FOLLOWUP / "decisions.json")
    decisions["E1"]["legal_basis"] = "<script>alert(1)</script>"
    ruleset = RuleLibrary().get("oslo-zero-emission-site")
    result = followup(ruleset, None, None, decisions, tender, [contract.period("03")])
    envelope = build_followup_envelope(result, ruleset, tender, lang="nb", issued_at=ISSUED)
    html = render_html(envelope, envelope_sha256(envelope))
    assert "<img" not in html and "<script>" not in html
    assert "&lt;b&gt;Skurk&lt;/b&gt;" in html and "&lt;script&gt;alert(1)" in html
