"""One status vocabulary: every state and verdict has one name per language, and the engine, the
terminal summary, the PDF report and the web pages all say it with that name."""

import io
import json

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from checker.assessment import status
from checker.assessment.engine import assess
from checker.assessment.review import open_questions
from checker.formats.messages import render
from checker.formats.texts import LANGUAGES
from checker.reports.envelope import build_envelope
from checker.reports.pdf import render_pdf
from checker.reports.text import render_text
from checker.rulesets.ruleset import RuleLibrary
from tests.helpers import EXAMPLES

LIBRARY = RuleLibrary()


def _generator():
    tender = json.loads((EXAMPLES / "fossil-generator.json").read_text(encoding="utf-8"))
    ruleset = LIBRARY.get("dfo-fossil-free-site")
    return tender, ruleset, assess(ruleset, "basis", None, tender)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_and_verdict_has_a_name_in_each_language(lang):
    assert set(status.NAMES) == set(status.STATES)
    assert set(status.VERDICT_NAMES) == set(status.VERDICTS)
    names = [status.status_name(state, lang) for state in status.STATES]
    assert all(names) and len(set(names)) == len(names)
    verdicts = [status.verdict_name(verdict, lang) for verdict in status.VERDICTS]
    assert all(verdicts) and len(set(verdicts)) == len(verdicts)


def test_each_state_is_blocking_open_quiet_or_a_waiver_and_only_one_of_them():
    groups = [status.BLOCKING, status.OPEN, status.QUIET, {"waived"}]
    assert sorted(s for group in groups for s in group) == sorted(status.STATES)
    assert status.UNMET == status.BLOCKING | status.OPEN
    assert set(status.SETTABLE) <= set(status.STATES) - {"waived"}


@pytest.mark.parametrize(
    ("states", "verdict"),
    [
        (["pass", "manual_review", "fail"], "non_compliant"),
        (["pass", "not_answered", "waived"], "incomplete"),
        (["pass", "waived", "informational", "not_applicable"], "compliant"),
    ],
)
def test_the_verdict_follows_the_blocking_and_open_states(states, verdict):
    results = [{"kind": "requirement", "status": state} for state in states]
    # An award rule never rejects, whatever its state.
    results.append({"kind": "award", "status": "fail"})
    assert status.verdict_of(results) == verdict


def test_the_review_queue_lists_exactly_the_open_states():
    assessment = {
        "results": [
            {"rule": s, "kind": "requirement", "status": s, "items": []} for s in status.STATES
        ]
    }
    assert {q["rule"] for q in open_questions(assessment)} == status.OPEN


def test_engine_counts_and_terminal_summary_use_the_names():
    tender, ruleset, assessment = _generator()
    messages = [
        render(r["message"], "nb")
        for r in assessment["results"]
        if "kontrollert" in render(r["message"], "nb")
    ]
    assert any("ikke oppfylt" in message for message in messages), messages
    text = render_text(assessment, ruleset, "nb")
    assert "Resultat: IKKE I SAMSVAR" in text and "IKKE OPPFYLT" in text and "OPPFYLT " in text
    assert "BRUDD" not in text and "BESTÅTT" not in text
    assert "Verdict: NON-COMPLIANT" in render_text(assessment, ruleset, "en")


def test_the_pdf_report_uses_the_names():
    tender, ruleset, assessment = _generator()
    envelope = build_envelope(
        assessment,
        ruleset,
        tender,
        kind="compliance",
        tier="full",
        lang="nb",
        issued_at="2026-11-29T10:00:00Z",
    )
    pdf = render_pdf(envelope)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "IKKE OPPFYLT" in text and "IKKE I SAMSVAR" in text


def _badges(response) -> set[str]:
    page = BeautifulSoup(response.text, "html.parser")
    return {badge.text for badge in page.select("#results .badge")}


def test_web_pages_and_the_override_form_use_the_names(login, street):
    client = login("officer")
    procurement_id, tenders = street
    url = f"/procurements/{procurement_id}/tenders/{tenders['Berg']}"
    assert {"Oppfylt", "Ikke oppfylt"} <= _badges(client.get(url))
    client.post("/lang/en", data={"next": "/"})
    assert {"Pass", "Fail"} <= _badges(client.get(url))
    client.post(f"/procurements/{procurement_id}/evaluation/run")
    question = client.get(f"{url}/question", query_string={"rule": "machines-fossil-free"})
    options = BeautifulSoup(question.text, "html.parser").select("#override-status option")
    # The officer must choose: the first option is an empty prompt, then the vocabulary's names.
    assert options[0]["value"] == ""
    assert [o.text for o in options][1:4] == ["Pass", "Fail", "Not applicable"]
