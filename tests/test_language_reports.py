"""Every report kind in bokmål, nynorsk and English, read back from the PDF: no code of the data
format, no English sentence in a Norwegian report, no decimal point in a Norwegian number, no UTC
time; the letterhead, the closing block and "Side 1 av N" on the page."""

import copy
import io
import json
import re

import pyphen
import pytest
from pypdf import PdfReader

from checker.assessment.engine import assess
from checker.formats.tender import validate_tender
from checker.reports.envelope import build_envelope
from checker.reports.envelope import build_followup_envelope
from checker.reports.pdf import render_pdf
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES
from tests.helpers import award_the_demo
from tests.helpers import pdf_text

ISSUED = "2026-11-29T07:46:28Z"  # 08.46 in Oslo
LANGS = ("nb", "nn", "en")
HEAD = {
    "buyer": "Eksempel kommune",
    "org_number": "964965226",
    "case_number": "2026/4711",
    "officer": "Kari Nordmann",
}
PAGE = {"nb": "Side {n} av {of}", "nn": "Side {n} av {of}", "en": "Page {n} of {of}"}
CLOSING = {"nb": "Vedtak og grunnlag", "nn": "Vedtak og grunnlag", "en": "Decision and grounds"}
CASE = {"nb": "Saksnummer", "nn": "Saksnummer", "en": "Case number"}
LIBRARY = RuleLibrary()
# A code of the data format: snake_case (battery_electric, zero_emission_share), or a level or
# carrier code a Norwegian text would never use.
CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bhvo100\b|nivå (?:advanced|spearhead)")
ENGLISH = re.compile(r"\b(?:the|and|which|where|otherwise|declared|is not|counted)\b")
# 4.88 or 48.8 – but not a date (29.11.2026), a month (03.2027), a time (kl. 08.46), a version
# or a § reference.
DECIMAL_POINT = re.compile(
    r"(?<!kl\.\u00a0)(?<!kl\. )(?<!punkt )(?<![\w.§-])(?!\d{2}\.(?:19|20)\d{2}(?![\w.]))\d+\.\d+(?![\w.])"
)
UTC = re.compile(r"\d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T|\d{2}:\d{2}Z")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


def _versions(envelope: dict) -> list[str]:
    """Version numbers a report prints as they are (1.1, 2026.3), taken out before the check:
    every version the envelope names (rule set, factors, engine)."""
    return sorted(set(re.findall(r'"version": ?"([^"]+)"', json.dumps(envelope))))


def check_language(text: str, lang: str, versions=()) -> None:
    """The checks every report passes, in its language."""
    assert not CODE.findall(text), CODE.findall(text)
    assert not UTC.findall(text), UTC.findall(text)
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)  # dates read 31.12.2027
    if lang == "en":
        return
    assert not ENGLISH.findall(text), [
        text[m.start() - 40 : m.end() + 40] for m in ENGLISH.finditer(text)
    ]
    for version in versions:
        text = re.sub(rf"(?<![\w.]){re.escape(version)}(?![\w.])", "", text)
    text = re.sub(r"(?i)\b(versjon|version)\s\d+(\.\d+)+", "", text)  # "versjon 1.2" as named
    assert not DECIMAL_POINT.findall(text), [
        text[m.start() - 40 : m.end() + 10] for m in DECIMAL_POINT.finditer(text)
    ]


def check_hyphenation(pdf: bytes, lang: str) -> int:
    """Every word the layout broke over two lines breaks where the language's hyphenation
    dictionary (pyphen, as WeasyPrint uses it) allows: "Konkurranse-grunnlaget", never
    "Konkurransegrun-nlaget". Returns the number of breaks checked."""
    raw = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    dictionary = pyphen.Pyphen(lang=pyphen.language_fallback(lang))
    breaks = re.findall(r"(\w+)\u2010\s+(\w+)", raw)
    for head, tail in breaks:
        word = head + tail
        assert len(head) in dictionary.positions(word.lower()), f"{head}-{tail}"
    return len(breaks)


def check_pages(pdf: bytes, text: str, lang: str) -> int:
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    for n in range(1, pages + 1):
        assert PAGE[lang].format(n=n, of=pages) in text
    return pages


def _tender(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


CASES = {
    # kind, tier, example, rule set, level, decisions
    "compliance-full": ("compliance", "full", "fossil-generator.json", "dfo-fossil-free-site", "advanced", None),
    "compliance-summary": ("compliance", "summary", "fossil-generator.json", "dfo-fossil-free-site", "spearhead", None),
    "self-declaration": ("self_declaration", "full", "school-compliant.json", "dfo-fossil-free-site", "advanced", None),
    "exception-approved": ("compliance", "full", "oslo-exception-request.json", "oslo-zero-emission-site", None,
                           {"E1": {"decision": "approved", "by": "Kari Nordmann", "legal_basis": "FOA § 7-9 (2)",
                                   "expires": "2027-12-31", "at": "2026-11-28T09:15:00Z"}}),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", CASES)
def test_assessment_reports_in_every_language(case, lang):
    kind, tier, example, ruleset_id, level, decisions = CASES[case]
    ruleset, tender = LIBRARY.get(ruleset_id), _tender(example)
    assessment = assess(ruleset, level, None, validate_tender(tender), decisions=decisions)
    envelope = build_envelope(
        assessment, ruleset, tender, kind=kind, tier=tier, lang=lang, issued_at=ISSUED,
        letterhead=HEAD if kind == "compliance" else None,
    )  # fmt: skip
    pdf = render_pdf(envelope)
    text = pdf_text(pdf)
    check_language(text, lang, _versions(envelope))
    check_pages(pdf, text, lang)
    if tier == "full":
        assert check_hyphenation(pdf, lang) > 0  # narrow columns do break words, correctly
    assert "29.11.2026 kl. 08.46" in text if lang != "en" else "29 Nov 2026, 08:46" in text
    assert CLOSING[lang] in text and CASE[lang] in text
    if kind == "compliance":
        assert "Eksempel kommune" in text and "964965226" in text and "Kari Nordmann" in text
    if level == "spearhead":
        assert {"nb": "nivå spydspiss", "nn": "nivå spydspiss", "en": "level spearhead"}[
            lang
        ] in text
    if assessment["verdict"] == "non_compliant":
        assert "§ 24-8" in text  # the ground for rejection is named
    if decisions:
        assert "FOA § 7-9 (2)" in text  # the approved exception's legal basis
    if tier == "full":
        method = {
            "nb": "Metode og faktorer",
            "nn": "Metode og faktorar",
            "en": "Method and factors",
        }
        assert method[lang] in text


def test_the_command_line_writes_a_nynorsk_report(run_cli, tmp_path):
    target = tmp_path / "rapport.pdf"
    code, _, err = run_cli(
        "assess", EXAMPLES / "fossil-generator.json", "--ruleset", "dfo-fossil-free-site",
        "--level", "advanced", "--format", "pdf", "--lang", "nn", "-o", target,
        "--issued-at", ISSUED,
    )  # fmt: skip
    assert code == 1, err  # the exit code of a non-compliant tender; the report is written
    text = pdf_text(target.read_bytes())
    assert "Nøkkeltal" in text and "Metode og faktorar" in text
    check_language(text, "nn", ["1.1", "2026.3", "0.2.0"])


def test_nynorsk_is_nynorsk_and_bokmal_is_bokmal():
    ruleset, tender = LIBRARY.get("dfo-fossil-free-site"), _tender("fossil-generator.json")
    assessment = assess(ruleset, "advanced", None, validate_tender(tender))
    texts = {
        lang: pdf_text(render_pdf(build_envelope(
            assessment, ruleset, tender, kind="compliance", tier="full", lang=lang, issued_at=ISSUED)))
        for lang in ("nb", "nn")
    }  # fmt: skip
    assert "Utsleppsfri del av energien" in texts["nn"] and "Nøkkeltal" in texts["nn"]
    assert "Utslippsfri andel av energi" in texts["nb"] and "Nøkkeltall" in texts["nb"]
    assert "Metode og faktorar" in texts["nn"] and "Hovudtalet er fossil CO2" in texts["nn"]
    assert "48,8 %" in texts["nb"] and "batterielektrisk" in texts["nb"]


@pytest.fixture(scope="module")
def followup_envelope():
    from checker.followup.result import followup

    folder = EXAMPLES / "followup"
    read = lambda name: json.loads((folder / name).read_text(encoding="utf-8"))  # noqa: E731
    tender = read("tender.json")
    months = ("03", "04", "05", "06", "07", "08")
    ruleset = LIBRARY.get("oslo-zero-emission-site")
    result = followup(ruleset, None, read("tailoring.json"), read("decisions.json"), tender,
                      [read(f"period-2027-{month}.json") for month in months])  # fmt: skip
    return ruleset, tender, result


def _handled(result: dict) -> dict:
    """The follow-up as the officer's handling leaves it (checker.web.followup.handling.handled):
    May's failing rule sanctioned, the machine not in the plan accepted."""
    result = copy.deepcopy(result)
    (may,) = [p for p in result["periods"] if p["period"]["start"] == "2027-05-01"]
    failed, unplanned = may["deviations"][0], may["deviations"][1]
    assert (failed["kind"], unplanned["kind"]) == ("rule_failed", "not_in_plan")
    failed["handling"] = {
        "decision": "sanctioned",
        "reason": "Kontrakten punkt 7.3.",
        "by": "Kari Nordmann",
        "at": "2027-09-02T09:15:00+00:00",
    }
    unplanned["handling"] = {
        "decision": "accepted",
        "reason": "Meldt inn i etterkant.",
        "by": "Ola Innkjøper",
        "at": "2027-09-02T09:20:00+00:00",
    }
    for sanction in may["sanctions"]:
        sanction["status"] = "decided"
    return result  # fmt: skip


FOLLOWUP_CLOSING = {
    # The deviations still waiting, those decided (who and when), the sanction's grounds.
    "nb": ("3 av 5 avvik i perioden 01.03.2027–31.08.2027 venter", "02.09.2027 kl. 11.15",
           "kontraktens sanksjonsvilkår for regelen, 25,00 kr per fossil liter",
           "Hjemmel (forslag, ikke juridisk kvalitetssikret)"),
    "nn": ("3 av 5 avvik i perioden 01.03.2027–31.08.2027 ventar", "02.09.2027 kl. 11.15",
           "sanksjonsvilkåra i kontrakten for regelen, 25,00 kr per fossil liter",
           "Heimel (forslag, ikkje juridisk kvalitetssikra)"),
    "en": ("3 of 5 deviations in the period 01.03.2027–31.08.2027 await", "2 Sep 2027, 11:15",
           "the contract's sanction terms for the rule, 25.00 NOK per fossil litre",
           "Legal basis (a proposal, not legally reviewed)"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_followup_report_in_every_language(followup_envelope, lang):
    ruleset, tender, result = followup_envelope
    envelope = build_followup_envelope(
        _handled(result), ruleset, tender, lang=lang, issued_at=ISSUED, letterhead=HEAD
    )
    pdf = render_pdf(envelope)
    text = pdf_text(pdf)
    check_language(text, lang, _versions(envelope))
    assert check_pages(pdf, text, lang) >= 2
    # The letterhead, and the closing block with the officer's decisions and their grounds.
    assert CLOSING[lang] in text and f"{CASE[lang]}: 2026/4711" in text
    assert "Eksempel kommune" in text and "964965226" in text and "Kari Nordmann" in text
    for words in FOLLOWUP_CLOSING[lang]:
        assert words in text, words
    assert "§ 19-1" in text and "Ola Innkjøper" in text
    assert "Kontrakten punkt 4.2: nettkapasitet" in text  # an exception's legal basis
    assert not [rule.id for rule in ruleset.rules if rule.id in text]  # rules by their titles


def test_a_followup_report_without_decisions_says_so_and_takes_the_case_from_the_tender(
    followup_envelope,
):
    ruleset, tender, result = followup_envelope
    envelope = build_followup_envelope(result, ruleset, tender, lang="nb", issued_at=ISSUED)
    text = pdf_text(render_pdf(envelope))
    assert "Saksnummer: EKS-2026/0117" in text and CLOSING["nb"] in text
    assert "5 av 5 avvik i perioden 01.03.2027–31.08.2027 venter" in text
    assert "§ 19-1" not in text  # no sanction decided, so no grounds for one


@pytest.mark.parametrize("lang", LANGS)
def test_evaluation_and_annual_reports_in_every_language(login, demo_app, lang):
    officer = login("officer")
    procurement_id, _ = award_the_demo(officer, demo_app)
    answer = officer.post(f"/procurements/{procurement_id}/evaluation/report", data={"lang": lang})
    assert answer.status_code == 303
    report_url = answer.headers["Location"]
    pdf = officer.get(report_url.rstrip("/") + "/download").data
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    check_language(text, lang, ["1.0", "1.1"])
    pages = check_pages(pdf, text, lang)
    assert CLOSING[lang] in text and CASE[lang] in text and pages >= 1
    assert {"nb": "Tildelt", "nn": "Tildelt", "en": "Awarded to"}[lang] in text
    # The annual statistics report, asked for in the same language.
    answer = officer.post("/statistics/report", data={"year": 2027, "lang": lang})
    assert answer.status_code == 303
    annual = officer.get(answer.headers["Location"].rstrip("/") + "/download").data
    annual_text = pdf_text(annual)
    title = {
        "nb": "Klimagassutslipp fra bygge- og anleggsplasser",
        "nn": "Klimagassutslepp frå bygge- og anleggsplassar",
        "en": "Greenhouse gas emissions from construction sites",
    }
    assert title[lang] in annual_text
    # The factor file's citations are printed as the file writes them (some are English).
    embedded = json.loads(PdfReader(io.BytesIO(annual)).attachments["report.json"][0])
    cited = set(
        re.findall(r'"name": ?"([^"]+)"', json.dumps(embedded["factors"], ensure_ascii=False))
    )
    for citation in sorted(cited, key=len, reverse=True):
        annual_text = annual_text.replace(" ".join(citation.split()), "")
    check_language(annual_text, lang, _versions(embedded))
    check_pages(annual, annual_text, lang)
    # The issuing organisation, who issued it, and what the figures rest on: no decision.
    assert "Eksempel kommune" in annual_text and "944444408" in annual_text
    assert "Kari Nordmann" in annual_text and CASE[lang] not in annual_text
    basis = {
        "nb": ("Grunnlaget for tallene", "klimastatistikk, versjon 1", "ikke et vedtak"),
        "nn": ("Grunnlaget for tala", "klimastatistikk, versjon 1", "ikkje eit vedtak"),
        "en": ("Basis of the figures", "climate statistics, version 1", "not a decision"),
    }
    for words in basis[lang]:
        assert words in annual_text, words
    assert CLOSING[lang] not in annual_text
    (factors,) = embedded["statistics"]["factors"]
    assert factors["sha256"] in annual_text.replace(" ", "")


def _structure(pdf: bytes) -> tuple[list, list]:
    """The tagged PDF's structure types and the figures' alternative texts."""
    reader = PdfReader(io.BytesIO(pdf))
    kinds, alternatives = [], []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            kinds.append(node.get("/S"))
            if node.get("/S") == "/Figure":
                alternatives.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return kinds, alternatives


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_is_tagged_in_its_language_with_the_charts_described(lang):
    ruleset, tender = LIBRARY.get("dfo-fossil-free-site"), _tender("fossil-generator.json")
    assessment = assess(ruleset, "advanced", None, validate_tender(tender))
    envelope = build_envelope(
        assessment, ruleset, tender, kind="compliance", tier="full", lang=lang, issued_at=ISSUED
    )
    pdf = render_pdf(envelope)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == lang
    kinds, alternatives = _structure(pdf)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD"} <= set(kinds)
    # Each chart's alternative text gives its figures, the way the page writes them.
    assert len(alternatives) == 3
    diesel = {"nb": "diesel (fossil) 8\u00a0588\u00a0kg", "nn": "diesel (fossil) 8\u00a0588\u00a0kg",
              "en": "diesel (fossil) 8,588\u00a0kg"}  # fmt: skip
    assert any(diesel[lang] in text for text in alternatives), alternatives


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_long_tables_repeat_their_header_on_every_page(lang):
    ruleset, tender = LIBRARY.get("dfo-fossil-free-site"), _tender("fossil-generator.json")
    template = next(m for m in tender["machines"] if m["energy_carrier"] == "battery_electric")
    tender["machines"] += [template | {"id": f"X{n}"} for n in range(1, 81)]
    assessment = assess(ruleset, "advanced", None, validate_tender(tender))
    envelope = build_envelope(
        assessment, ruleset, tender, kind="compliance", tier="full", lang=lang, issued_at=ISSUED
    )
    reader = PdfReader(io.BytesIO(render_pdf(envelope)))
    header = {"nb": "Post Beskrivelse Energibærer Status", "en": "Entry Description Energy carrier"}
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    spanned = [n for n, text in enumerate(pages) if "X40" in text or "X80" in text]
    assert len(spanned) >= 1 and len(reader.pages) >= 5
    with_header = [n for n, text in enumerate(pages) if header[lang] in text]
    # The entries table runs over several pages, and each of them starts with its header.
    assert len(with_header) >= 3, with_header
