"""PDF reports: content, PDF/A-3 markers, embedded data, reproducible bytes, verification, hostile text."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from checker.assessment.engine import assess
from checker.formats.tender import canonical_json
from checker.formats.tender import validate_tender
from checker.reports.envelope import build_envelope
from checker.reports.envelope import envelope_sha256
from checker.reports.pdf import LockedFetcher
from checker.reports.pdf import render_pdf
from checker.reports.verify import verify_pdf
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES

DFO = RuleLibrary().get("dfo-fossil-free-site")
ISSUED = "2026-11-29T10:00:00Z"


def envelope_for(tender, *, kind="compliance", tier="full", lang="nb", decisions=None):
    assessment = assess(DFO, "advanced", None, validate_tender(tender), decisions=decisions)
    return build_envelope(
        assessment, DFO, tender, kind=kind, tier=tier, lang=lang, issued_at=ISSUED
    )


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def generator_pdf():
    tender = json.loads((EXAMPLES / "fossil-generator.json").read_text(encoding="utf-8"))
    envelope = envelope_for(tender)
    return envelope, render_pdf(envelope)


def test_report_text_shows_verdict_rules_items_and_figures(generator_pdf):
    _, pdf = generator_pdf
    text = text_of(pdf)
    assert pdf.startswith(b"%PDF-")
    for expected in (
        "Samsvarsrapport – klimakrav",
        "Resultat: IKKE I SAMSVAR",
        "Maskiner og utstyr er fossilfrie",
        "M7: M7 går på diesel (fossil)",
        "Slik oppfyller du kravet",
        "Berg & Sønn Anlegg AS",
        "Fossile liter",
        "Side 1 av",
    ):
        assert expected in text, expected


def test_pdf_a3_markers_and_embedded_data(generator_pdf):
    envelope, pdf = generator_pdf
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert reader.attachments["report.json"] == [canonical_json(envelope)]
    assert (
        json.loads(reader.attachments["report.json"][0])["assessment"]["format"]
        == "climate-assessment/1"
    )
    assert reader.metadata["/reportsha256"] == envelope_sha256(envelope)


def test_identical_input_gives_identical_bytes_across_processes(tmp_path):
    def run(target):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "checker.cli",
                "assess",
                str(EXAMPLES / "palm-oil-hvo.json"),
                "--ruleset",
                "dfo-fossil-free-site",
                "--format",
                "pdf",
                "-o",
                str(target),
                "--issued-at",
                ISSUED,
            ],
            check=False,
            capture_output=True,
        )
        return target.read_bytes()

    first, second = run(tmp_path / "a.pdf"), run(tmp_path / "b.pdf")
    assert first == second and len(first) > 10_000


def test_verify_accepts_an_issued_report_and_catches_one_altered_byte(generator_pdf):
    _, pdf = generator_pdf
    assert verify_pdf(pdf).is_authentic
    altered = bytearray(pdf)
    altered[len(pdf) // 2] ^= 0x01
    result = verify_pdf(bytes(altered))
    assert not result.is_authentic and result.reasons


def test_verify_catches_a_changed_verdict_in_the_data(generator_pdf):
    envelope, _ = generator_pdf
    forged = json.loads(json.dumps(envelope))
    forged["assessment"]["verdict"] = "compliant"
    forged_pdf = render_pdf(forged)
    # A forger can render new data, but then the tender hash and report id no longer match the
    # register of issued reports; offline, the report id printed in the file changes.
    assert envelope_sha256(forged) != envelope_sha256(envelope)
    assert verify_pdf(forged_pdf).report_sha256 != envelope_sha256(envelope)


def test_verify_refuses_other_pdfs():
    from weasyprint import HTML

    other = HTML(string="<p>Et annet dokument</p>").write_pdf()
    result = verify_pdf(other)
    assert not result.is_authentic and "no embedded report.json" in result.reasons[0]
    assert not verify_pdf(b"not a pdf at all").is_authentic


def test_hostile_markup_prints_as_text_and_fetches_nothing(school):
    school["contractor"]["name"] = '<img src="file:///etc/hostname"><b>Skurk</b> & Co'
    school["machines"][0]["model"] = '<link rel="attachment" href="file:///etc/passwd">'
    envelope = envelope_for(school)
    pdf = render_pdf(envelope)
    text = text_of(pdf)
    assert '<img src="file:///etc/hostname"><b>Skurk</b> & Co' in text
    assert list(PdfReader(io.BytesIO(pdf)).attachments) == ["report.json"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://127.0.0.1/x.png",
        "data:text/plain,hi",
        "checker-font:../../pyproject.toml",
        "checker-font:DejaVuSans.txt",
    ],
)
def test_fetcher_refuses_everything_but_the_fonts(url):
    with pytest.raises(ValueError):
        LockedFetcher().fetch(url)


def test_fetcher_serves_the_shipped_font():
    assert LockedFetcher().fetch("checker-font:DejaVuSans.ttf").read()[:4] == b"\x00\x01\x00\x00"


def test_self_declaration_says_it_is_not_the_buyers_decision(school):
    text = text_of(render_pdf(envelope_for(school, kind="self_declaration", lang="en")))
    assert "Self-declaration – climate requirements" in text
    assert "This is not the buyer's assessment or decision." in text


def test_summary_tier_is_shorter_and_lists_only_open_rules(school):
    school["machines"][6].update(energy_carrier="diesel", sporadic=False, fuel_id=None)
    full = render_pdf(envelope_for(school))
    summary = render_pdf(envelope_for(school, tier="summary"))
    assert len(PdfReader(io.BytesIO(summary)).pages) < len(PdfReader(io.BytesIO(full)).pages)
    text = text_of(summary)
    assert (
        "Regler som ikke er oppfylt eller venter" in text and "Motorer minst trinn IIIB" not in text
    )


def test_decisions_are_listed_with_who_and_legal_basis():
    tender = json.loads((EXAMPLES / "oslo-exception-request.json").read_text(encoding="utf-8"))
    oslo = RuleLibrary().get("oslo-zero-emission-site")
    decisions = {
        "E1": {
            "decision": "approved",
            "by": "Kari Nordmann",
            "legal_basis": "Ikke tilgjengelig i markedet",
            "expires": "2027-12-31",
        }
    }
    assessment = assess(oslo, None, None, tender, decisions=decisions)
    envelope = build_envelope(
        assessment, oslo, tender, kind="compliance", tier="full", lang="nb", issued_at=ISSUED
    )
    text = text_of(render_pdf(envelope))
    # The contractor's request stands beside the officer's decision.
    assert "E1 M9, ikke tilgjengelig i markedet" in text
    assert "godkjent Kari Nordmann Ikke tilgjengelig i markedet 2027-12-31" in text


def test_cli_pdf_needs_an_output_file_and_a_valid_time(run_cli, tmp_path):
    code, _, err = run_cli(
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--format",
        "pdf",
    )
    assert code == 2 and "give -o REPORT.pdf" in err
    code, _, err = run_cli(
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--format",
        "pdf",
        "-o",
        tmp_path / "r.pdf",
        "--issued-at",
        "i morgen",
    )
    assert code == 2 and "--issued-at" in err


def test_cli_verify_exit_codes(run_cli, tmp_path):
    target = tmp_path / "r.pdf"
    code, _, _ = run_cli(
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--format",
        "pdf",
        "-o",
        target,
        "--issued-at",
        ISSUED,
    )
    assert code == 0
    code, out, _ = run_cli("verify", target)
    assert code == 0 and "AUTHENTIC" in out and "T-2026-0117" in out
    data = bytearray(target.read_bytes())
    data[2000] ^= 0x20
    target.write_bytes(bytes(data))
    code, out, _ = run_cli("verify", target)
    assert code == 1 and "NOT AUTHENTIC" in out
    code, _, err = run_cli("verify", tmp_path / "missing.pdf")
    assert code == 2 and "file not found" in err


def test_report_files_exist():
    assert (
        Path("checker/fonts/LICENSE").exists()
        or (Path(__file__).parent.parent / "checker/fonts/LICENSE").exists()
    )
