"""A rule's texts are templates over its parameters: a tailored rule reads as tailored in its
title, requirement and messages, and every parameter and value is shown by its name."""

import pytest

from checker.assessment.engine import assess
from checker.formats.inputs import read_file
from checker.formats.messages import render
from checker.formats.tender import validate_tender
from checker.rulesets import wording
from checker.rulesets.ruleset import RuleLibrary
from checker.rulesets.ruleset import RulesetError
from checker.rulesets.ruleset import load_ruleset_file
from tests.cases import CASES
from tests.cases import build_tender

NB = "\u00a0"
RULESET = RuleLibrary().get("dfo-fossil-free-site", "1.2")
CASE = CASES / "dfo-fossil-free-site" / "1.2" / "advanced-mostly-hvo.yaml"


LANGS = ("nb", "nn", "en")


def _result(tailoring, rule_id, level="advanced"):
    tender = validate_tender(build_tender(read_file(CASE)), str(CASE))
    assessment = assess(RULESET, level, tailoring, tender)
    return next(r for r in assessment["results"] if r["rule"] == rule_id)


def test_the_file_values_read_as_before():
    rule = RULESET.rule("machines-stage-iiib")
    assert rule.title["nb"] == "Motorer minst trinn IIIB (etter motoreffekt)"
    assert rule.templates["title"]["nb"] == "Motorer minst trinn {min_stage} (etter motoreffekt)"
    assert RULESET.rule("zero-emission-share-20").title == {
        "nb": f"Minst 20{NB}% utslippsfri energi",
        "nn": f"Minst 20{NB}% utsleppsfri energi",
        "en": "At least 20% zero-emission energy",
    }


def test_a_tailored_stage_reads_in_the_title_and_requirement():
    tailoring = {"parameters": {"machines-stage-iiib": {"min_stage": "V"}}}
    result = _result(tailoring, "machines-stage-iiib")
    assert result["title"]["nb"] == "Motorer minst trinn V (etter motoreffekt)"
    assert result["title"]["en"] == "Engines at least Stage V (by engine power)"
    rule = wording.tailored_rule(RULESET.rule("machines-stage-iiib"), tailoring)
    assert "EU-trinn V." in rule.requirement["nb"]
    assert "trinn IIIB" not in rule.title["nn"]


def test_a_raised_share_reads_30_percent_everywhere():
    tailoring = {"parameters": {"zero-emission-share-20": {"min": 0.3}}}
    result = _result(tailoring, "zero-emission-share-20")
    assert result["title"]["nb"] == f"Minst 30{NB}% utslippsfri energi"
    assert result["title"]["en"] == "At least 30% zero-emission energy"
    assert f"kravet er minst 30{NB}%" in render(result["message"], "nb")
    assert "utslippsfri andel av energibruken er" in render(result["message"], "nb")
    assert "required at least 30%" in render(result["message"], "en")
    assert "30.0" not in render(result["message"], "en")
    assert all("zero_emission_share" not in render(result["message"], lang) for lang in LANGS)


@pytest.mark.parametrize(
    ("kind", "value", "lang", "text"),
    [
        ("share", 0.3, "nb", f"30{NB}%"),
        ("share", 0.125, "nn", f"12,5{NB}%"),
        ("share", 0.3, "en", "30%"),
        ("class_list", ["fossil_free", "zero_emission"], "nb", "fossilfri, utslippsfri"),
        ("class_list", ["zero_emission"], "nn", "utsleppsfri"),
        ("metric", "zero_emission_share_hours", "en", "zero-emission share of machine hours"),
        ("bool", True, "nb", "ja"),
        ("bool", False, "en", "no"),
        ("euro_class", "VI", "nb", "Euro VI"),
        ("points", 10, "nb", "10,00"),
        ("string", "hvo100", "nb", "HVO100"),
        (
            "stage_bands",
            [{"min_kw": 19, "max_kw": 37, "min_stage": "IIIA"}, {"min_kw": 560, "min_stage": None}],
            "nn",
            "19–37 kW: IIIA; frå 560 kW: ingen",
        ),
    ],
)
def test_values_are_shown_by_name(kind, value, lang, text):
    assert wording.value_text(kind, value, lang) == text


def test_every_parameter_has_a_name_in_each_language():
    from checker.checks import CHECKS

    names = {name for check in CHECKS.values() for name in check.params}
    assert names <= set(wording.PARAMETERS)
    assert wording.parameter_name("allowed_classes", "nn") == "tillatne klassar"


def test_a_text_naming_an_unknown_parameter_is_refused(tmp_path):
    text = RULESET.path.read_text(encoding="utf-8").replace(
        "Motorer minst trinn {min_stage}", "Motorer minst trinn {min_stag}"
    )
    path = tmp_path / "dfo-fossil-free-site" / "1.2.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as raised:
        load_ruleset_file(path)
    assert "{min_stag}" in str(raised.value.problems)


# The versions after the corrections word their tailorable values as {parameters} too, and with
# the file's own values read as the versions before them.
NEWER = [
    ("se-joint-environmental-requirements", "2021.1", "2021.2"),
    ("foa-7-9", "2024.1", "2024.2"),
    ("oslo-zero-emission-site", "2025.1", "2025.2"),
]


@pytest.mark.parametrize(("ruleset_id", "before", "after"), NEWER)
def test_a_templated_version_reads_as_the_one_before_with_its_own_values(ruleset_id, before, after):
    old, new = (RuleLibrary().get(ruleset_id, v) for v in (before, after))
    assert [rule.id for rule in old.rules] == [rule.id for rule in new.rules]
    fields = ("title", "requirement", "guidance", "note")
    assert any(wording.placeholders({f: r.templates[f] for f in fields}) for r in new.rules)
    for was, rule in zip(old.rules, new.rules, strict=True):
        assert rule.title["nb"] == was.title["nb"].replace("20 %", f"20{NB}%")


@pytest.mark.parametrize(
    ("ruleset_id", "version", "rule_id", "values", "field", "texts"),
    [
        ("se-joint-environmental-requirements", "2021.2", "renewable-energy-20", {"min": 0.4},
         "title", {"nb": f"Minst 40{NB}% fornybar energi til kjøretøy og maskiner",
                   "nn": f"Minst 40{NB}% fornybar energi til køyretøy og maskinar",
                   "en": "At least 40% renewable energy for vehicles and machines"}),
        ("se-joint-environmental-requirements", "2021.2", "vehicles-euro-class",
         {"min_class": "V"}, "title", {"nb": "Kjøretøy med forbrenningsmotor minst Euro V",
                                       "nn": "Køyretøy med forbrenningsmotor minst Euro V",
                                       "en": "Vehicles with a combustion engine at least Euro V"}),
        ("foa-7-9", "2024.2", "climate-weight-30", {"min_percent": 40}, "title",
         {"nb": "Klima og miljø vektes minst 40 %", "nn": "Klima og miljø blir vekta minst 40 %",
          "en": "Climate and environment weigh at least 40 %"}),
    ],
)  # fmt: skip
def test_a_tailored_value_reads_in_the_newer_versions(
    ruleset_id, version, rule_id, values, field, texts
):
    rule = RuleLibrary().get(ruleset_id, version).rule(rule_id)
    tailored = wording.tailored_rule(rule, {"parameters": {rule_id: values}})
    assert getattr(tailored, field) == texts


def test_oslo_2025_2_names_the_tailored_enquiries_and_fallbacks():
    ruleset = RuleLibrary().get("oslo-zero-emission-site", "2025.2")
    tailoring = {"parameters": {"exception-documented": {"min_enquiries": 5},
                                "site-zero-emission": {"fallback_carriers": ["biogas"]}}}  # fmt: skip
    documented = wording.tailored_rule(ruleset.rule("exception-documented"), tailoring)
    assert "med minst 5 henvendelser" in documented.requirement["nb"]
    assert "minst 5 førespurnader" in documented.requirement["nn"]
    assert documented.guidance["en"].startswith("Ask at least 5 suppliers")
    site = wording.tailored_rule(ruleset.rule("site-zero-emission"), tailoring)
    assert "kjør på en tillatt reserve: biogass, biodrivstoff" in site.guidance["nb"]
    assert "HVO100" not in site.guidance["nb"]
    own = ruleset.rule("site-zero-emission").guidance["nb"]
    assert "reserve: biogass, HVO100, biodiesel (FAME), biodrivstoff" in own
