"""PDF reports: content, PDF/A-3 markers, embedded data, reproducible bytes, verification, hostile text."""

import io
import json
import subprocess
import sys
from datetime import UTC
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from checker.assessment.engine import assess
from checker.formats.tender import canonical_json
from checker.formats.tender import validate_tender
from checker.reports.envelope import build_envelope
from checker.reports.envelope import envelope_sha256
from checker.reports.issue import sign_report
from checker.reports.pdf import LockedFetcher
from checker.reports.pdf import pdf_sha256
from checker.reports.pdf import render_pdf
from checker.reports.verify import ALTERED
from checker.reports.verify import NOT_ISSUED
from checker.reports.verify import NOT_VALID
from checker.reports.verify import verify_pdf
from checker.rulesets.ruleset import RuleLibrary
from checker.signing.keys import instance_key
from tests.helpers import EXAMPLES
from tests.helpers import pdf_text

DFO = RuleLibrary().get("dfo-fossil-free-site")
ISSUED = "2026-11-29T10:00:00Z"


def envelope_for(tender, *, kind="compliance", tier="full", lang="nb", decisions=None):
    assessment = assess(DFO, "advanced", None, validate_tender(tender), decisions=decisions)
    return build_envelope(
        assessment, DFO, tender, kind=kind, tier=tier, lang=lang, issued_at=ISSUED
    )


def text_of(pdf: bytes) -> str:
    return pdf_text(pdf)


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
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="A"' in xmp
    # Level A: tagged, so a screen reader finds headings, tables and the reading order.
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
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


@pytest.fixture(scope="module")
def signing_key(tmp_path_factory):
    return instance_key(tmp_path_factory.mktemp("key"), "Eksempel kommune")[0]


def _verify(pdf, key, register=(), reproduce=False):
    """verify_pdf against this key's certificate, with a register of these file hashes."""
    registered = {digest: datetime(2026, 11, 29, 10, tzinfo=UTC) for digest in register}
    return verify_pdf(pdf, {key.fingerprint: key.certificate}, registered.get, reproduce=reproduce)


def test_a_signed_registered_report_is_authentic_and_its_render_reproducible(
    generator_pdf, signing_key
):
    envelope, pdf = generator_pdf
    signed = sign_report(pdf, signing_key, envelope_sha256(envelope))
    assert signed.pdf[: len(pdf)] == pdf and signed.unsigned_sha256 == pdf_sha256(pdf)
    result = _verify(signed.pdf, signing_key, [signed.pdf_sha256], reproduce=True)
    assert result.is_authentic and result.exit_code == 0 and result.reproducible
    assert result.signature.certificate_sha256 == signing_key.fingerprint
    # Signed but not in the register (say, a key that leaked): not issued by this organisation.
    assert _verify(signed.pdf, signing_key).state == NOT_ISSUED


def test_a_report_that_merely_renders_identically_is_not_issued_by_this_organisation(
    generator_pdf, signing_key
):
    """`checker assess --format pdf` can make a report from made-up data that renders to itself
    byte for byte: reproducible, and still not authentic."""
    envelope, _ = generator_pdf
    forged = json.loads(json.dumps(envelope))
    forged["assessment"]["verdict"] = "compliant"
    forged_pdf = render_pdf(forged)
    result = _verify(forged_pdf, signing_key, [pdf_sha256(forged_pdf)], reproduce=True)
    assert result.state == NOT_ISSUED and result.exit_code == 1 and result.reproducible
    assert "no signature" in result.reasons[0]
    assert "from before reports were signed" in result.notes[0]  # the register knows it, still


def test_a_report_signed_by_another_instance_is_not_authentic(generator_pdf, signing_key, tmp_path):
    envelope, pdf = generator_pdf
    other = instance_key(tmp_path, "Eksempel kommune")[0]  # same code and name, another key
    signed = sign_report(pdf, other, envelope_sha256(envelope))
    result = _verify(signed.pdf, signing_key, [signed.pdf_sha256])
    assert result.state == NOT_ISSUED and "does not use" in result.reasons[0]


def _embedded_stream(pdf: bytes) -> int:
    """The offset of the compressed report.json stream's data."""
    marker = pdf.index(b"/Type /EmbeddedFile")
    return pdf.index(b"stream\n", marker) + len(b"stream\n")


def _positions(pdf: bytes) -> list[int]:
    """A sample across the whole file, plus the parts that matter most: the header, the
    embedded data, the signature's value, the cross-reference table and the end."""
    spread = list(range(0, len(pdf), max(1, len(pdf) // 60)))
    data = _embedded_stream(pdf)
    contents = pdf.rindex(b"/Contents <") + len(b"/Contents <")
    special = [0, 5, 9, data, data + 1, data + 40, contents, contents + 100, contents + 2000]
    special += [pdf.rindex(b"startxref") + 12, pdf.rindex(b"/ByteRange") + 13, len(pdf) - 2]
    return sorted(set(spread + special))


def test_one_flipped_byte_anywhere_is_not_authentic_and_never_a_crash(generator_pdf, signing_key):
    envelope, pdf = generator_pdf
    signed = sign_report(pdf, signing_key, envelope_sha256(envelope))
    positions = _positions(signed.pdf)
    states = {}
    for position in positions:
        altered = bytearray(signed.pdf)
        altered[position] ^= 0x01
        result = _verify(bytes(altered), signing_key, [signed.pdf_sha256])
        assert result.state in (ALTERED, NOT_ISSUED, NOT_VALID), position
        states[result.state] = states.get(result.state, 0) + 1
    assert len(positions) > 60 and sum(states.values()) == len(positions)
    assert states.get(ALTERED, 0) > len(positions) / 2  # most flips break the signature itself


def test_a_flipped_byte_in_an_unsigned_reports_data_is_an_answer_not_a_crash(generator_pdf):
    _, pdf = generator_pdf
    for offset in range(0, 60, 3):
        altered = bytearray(pdf)
        altered[_embedded_stream(pdf) + offset] ^= 0x01
        result = verify_pdf(bytes(altered), {}, {}.get, reproduce=True)
        assert result.state in (NOT_ISSUED, NOT_VALID) and not result.is_authentic


def test_verify_refuses_other_pdfs():
    from weasyprint import HTML

    other = HTML(string="<p>Et annet dokument</p>").write_pdf()
    result = verify_pdf(other, {}, {}.get)
    assert result.state == NOT_VALID and result.exit_code == 2
    assert "no embedded report.json" in result.reasons[0]
    assert verify_pdf(b"not a pdf at all", {}, {}.get).state == NOT_VALID


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
    assert "godkjent Kari Nordmann Ikke tilgjengelig i markedet 31.12.2027" in text


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


def test_report_files_exist():
    assert (
        Path("checker/fonts/LICENSE").exists()
        or (Path(__file__).parent.parent / "checker/fonts/LICENSE").exists()
    )
