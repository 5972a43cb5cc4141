"""The core's one message catalogue: complete in three languages, and the only way the core
speaks. Findings, reasons and advice are structured messages, rendered the language's way."""

import ast
import json
import re

import pytest

from checker.assessment.advice import advise
from checker.assessment.engine import assess
from checker.formats.inputs import read_file
from checker.formats.messages import LANGUAGES
from checker.formats.messages import catalogue
from checker.formats.messages import is_structured
from checker.formats.messages import placeholders
from checker.formats.messages import render
from checker.formats.messages import say
from checker.formats.tender import validate_tender
from checker.intake.columns import SHEETS
from checker.intake.names import NAMES
from checker.intake.names import name_of
from checker.reports.envelope import build_envelope
from checker.reports.envelope import envelope_sha256
from checker.reports.html import render_html
from checker.reports.text import render_text
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.wording import VALUES
from tests.cases import build_tender
from tests.cases import case_files
from tests.helpers import EXAMPLES
from tests.helpers import ROOT

CATALOGUE = catalogue()
DECIMAL = re.compile(r"(?<![0-9.])[0-9]+\.[0-9]+(?![0-9.])")
CHAPTER = re.compile(r"kap\. [0-9.,–\- ]+")
WORD = re.compile(r"[a-z][a-z0-9_]*[a-z0-9]")
LIBRARY = RuleLibrary()
ISSUED = "2026-11-29T10:00:00Z"
# Every code a reader must never meet in a Norwegian text: the vocabulary (but "diesel", whose
# name is its code), the metrics and the fields of the tender's lists.
CODES = (
    {code for code in NAMES if code not in WORD.findall(name_of(code, "nb").lower())}
    | set(VALUES)
    | {column.key for sheet in SHEETS for column in sheet.columns if "_" in column.key}
)


def test_every_message_has_three_languages_with_the_same_placeholders():
    assert len(CATALOGUE) > 150
    for key, texts in CATALOGUE.items():
        assert len(texts) == 3 and all(text.strip() for text in texts), key
        en, nb, nn = (placeholders(text) for text in texts)
        assert en == nb == nn, key


def _say_calls():
    """(module, id, value names) of every say("id", ...) in the package; for an id made from a
    prefix (say(f"input.{error.validator}", ...)), the prefix and None."""
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "say"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names = {k.arg for k in node.keywords}
                yield path.relative_to(ROOT), node.args[0].value, names
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "say"
                and node.args
                and isinstance(node.args[0], ast.JoinedStr)
            ):
                yield path.relative_to(ROOT), node.args[0].values[0].value, None


def test_every_message_said_is_in_the_catalogue_with_the_values_it_needs():
    said, prefixes = set(), []
    for module, key, names in _say_calls():
        if names is None:
            prefixes.append(key)
            continue
        assert key in CATALOGUE, f"{module}: {key}"
        if None not in names:  # **values: checked when rendered below
            assert placeholders(CATALOGUE[key][0]) == names, f"{module}: {key}"
        said.add(key)
    unsaid = {key for key in set(CATALOGUE) - said if not key.startswith(tuple(prefixes))}
    assert unsaid == set(), "messages nobody says"


def test_an_unknown_message_is_refused_where_it_is_said():
    with pytest.raises(KeyError):
        say("no_such.message")


def _messages(value):
    """Every message inside an assessment or its advice: values of 'message', 'reason', 'advice'."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("message", "reason", "advice"):
                yield inner
            else:
                yield from _messages(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _messages(inner)


def _assessments():
    for path in case_files():
        case = read_file(path)
        ruleset = LIBRARY.get(path.parent.parent.name, path.parent.name)
        tender = validate_tender(build_tender(case), str(path))
        yield (
            path.name,
            ruleset,
            tender,
            assess(ruleset, case.get("level"), case.get("tailoring"), tender),
        )
    for path in sorted(EXAMPLES.glob("*.json")):
        tender = validate_tender(read_file(path), str(path))
        for ruleset_id in LIBRARY.ids():
            ruleset = LIBRARY.get(ruleset_id)
            for level in ruleset.levels:
                yield path.name, ruleset, tender, assess(ruleset, level, None, tender)


def test_findings_and_advice_are_structured_and_read_without_codes():
    count = 0
    for name, ruleset, tender, assessment in _assessments():
        advice = advise(assessment, ruleset, tender)
        # A rule without advice of its check gives its rule set's guidance (a rule-set text).
        guided = [piece for piece in advice if not is_structured(piece["advice"])]
        assert all(ruleset.rule(piece["rule"]).guidance for piece in guided), name
        found = list(_messages(assessment)) + [p["advice"] for p in advice if p not in guided]
        for message in found:
            assert is_structured(message), (name, message)
            for lang in LANGUAGES:
                text = render(message, lang)
                assert text and "{" not in text, (name, message)
                if lang != "en":
                    codes = set(WORD.findall(text)) & CODES
                    assert not codes, (name, lang, text)
                    # a decimal point is English (a date or a chapter number is no decimal)
                    assert not DECIMAL.search(CHAPTER.sub("", text)), (name, text)
            count += 1
    assert count > 500


@pytest.mark.parametrize(
    ("value", "nb", "en"),
    [
        ({"share": 0.546}, "54,6\u00a0%", "54.6%"),
        ({"limit": 0.3}, "30\u00a0%", "30%"),
        ({"limit": 0.125}, "12,5\u00a0%", "12.5%"),
        ({"points": 4.875}, "4,88", "4.88"),
        (397.8, "397,8", "397.8"),
        (12500.0, "12\u00a0500", "12,500"),
        ({"number": 2.25}, "2,25", "2.25"),
        ({"nok": 100000}, "100\u00a0000\u00a0kr", "NOK\u00a0100,000"),
        (2027, "2027", "2027"),
        ("M7", "M7", "M7"),
        ({"code": "hvo100"}, "HVO100", "HVO100"),
        ({"code": "battery_electric"}, "batterielektrisk", "battery electric"),
        ({"codes": ["fossil_free", "zero_emission"]}, "fossilfri, utslippsfri", None),
        ({"either": [{"code": "biogas"}, {"code": "hvo100"}]}, "biogass eller HVO100", None),
        ({"field": "energy_carrier"}, "energibærer", "energy carrier"),
        ({"ids": [f"M{n}" for n in range(1, 11)]}, "M1, M2, M3, M4, M5, M6, M7, M8 (+2)", None),
        ({"day": "2027-12-31"}, "31.12.2027", "31 Dec 2027"),
        ({"status": "fail"}, "Ikke oppfylt", "Fail"),
        ({"counts": [["fail", 1], ["pass", 7]]}, "1 ikke oppfylt, 7 oppfylt", "1 fail, 7 pass"),
        ({"code": "zero_emission_share"}, "utslippsfri andel av energibruken", None),
    ],
)
def test_each_kind_of_value_is_written_the_language_s_way(value, nb, en):
    message = say("check.fill_in", reason=value)
    assert render(message, "nb") == f"Fyll inn det som mangler: {nb}."
    if en is not None:
        assert render(message, "en") == f"Fill in what is missing: {en}."


def test_a_message_inside_a_message_is_rendered_in_the_same_language():
    reason = say("energy_carrier.carrier_missing", f={"field": "energy_carrier"})
    message = say("check.fill_in_for", id="M1", reason=reason)
    assert render(message, "nb") == "Fyll inn det som mangler for M1: energibærer mangler."
    assert render(message, "nn") == "Fyll inn det som manglar for M1: energiberar manglar."
    assert render(message, "en") == "Fill in what is missing for M1: energy carrier is missing."


def test_a_message_stored_before_the_catalogue_is_shown_as_stored():
    old = {"nb": "M7 går på diesel (fossil)", "en": "M7 runs on diesel (fossil)"}
    assert render(old, "nb") == old["nb"] and render(old, "en") == old["en"]
    assert render(old, "nn") == old["nb"]  # stored before nynorsk existed
    assert render(None, "nb") == "" and render("as typed", "nb") == "as typed"


def test_the_catalogue_is_published_for_readers_of_the_json_output(run_cli):
    code, out, _ = run_cli("schema", "messages")
    published = json.loads(out)
    assert code == 0 and set(published) == set(CATALOGUE)
    assert published["check.fill_in"]["nn"] == "Fyll inn det som manglar: {reason}."


def test_the_json_output_carries_structured_messages(run_cli):
    code, out, _ = run_cli(
        "assess",
        EXAMPLES / "fossil-generator.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--format",
        "json",
    )
    results = json.loads(out)["results"]
    messages = list(_messages(results))
    assert code == 1 and messages and all(is_structured(m) for m in messages)
    assert any("diesel (fossil)" in render(m, "nb") for m in messages)


def _as_stored_before(value):
    """An assessment as results were stored before the catalogue: finished {nb, en} texts."""
    if is_structured(value):
        return {"nb": render(value, "nb"), "en": render(value, "en")}
    if isinstance(value, dict):
        return {key: _as_stored_before(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_as_stored_before(inner) for inner in value]
    return value


def test_a_report_of_results_stored_before_the_catalogue_shows_them_as_stored():
    tender = validate_tender(read_file(EXAMPLES / "fossil-generator.json"))
    ruleset = LIBRARY.get("dfo-fossil-free-site")
    assessment = _as_stored_before(assess(ruleset, "basis", None, tender))
    (machines,) = [r for r in assessment["results"] if r["rule"] == "machines-fossil-free"]
    (m7,) = [item for item in machines["items"] if item["id"] == "M7"]
    assert m7["reason"]["nb"] == "M7 går på diesel (fossil); tillatt: fossilfri, utslippsfri"
    envelope = build_envelope(
        assessment, ruleset, tender, kind="compliance", tier="full", lang="nn", issued_at=ISSUED
    )
    page = render_html(envelope, envelope_sha256(envelope))
    assert m7["reason"]["nb"] in page  # nynorsk falls back to the stored bokmål
    assert m7["reason"]["en"] in render_text(assessment, ruleset, "en")
