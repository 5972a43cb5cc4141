"""charged_from in the tender format: grid or a declared generator, named by field path when
wrong; and a partial approval shown in the text report."""

import copy
import json

import pytest

from checker.assessment.engine import assess
from checker.formats.inputs import InputError
from checker.formats.tender import validate_tender
from checker.reports.text import render_text
from checker.rulesets.ruleset import RuleLibrary

GENERATOR = {"id": "G1", "category": "generator", "energy_carrier": "diesel", "fuel_litres": 900}


def _with(school, **changes):
    tender = copy.deepcopy(school)
    tender["machines"].append(dict(GENERATOR))
    tender["machines"][0].update(changes)
    return tender


def test_grid_and_a_declared_generator_are_accepted(school):
    validate_tender(_with(school, charged_from="grid"))
    validate_tender(_with(school, charged_from="G1"))
    tender = _with(school)
    tender["vehicles"][0]["charged_from"] = "G1"
    validate_tender(tender)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("M2", "expected grid or the id of a declared machine of category generator"),
        ("NOPE", "(one of: grid, G1, M7); found 'NOPE'"),
        ("M1", "an entry cannot be charged from itself"),
    ],
)
def test_anything_else_is_bad_input_named_by_its_path(school, value, expected):
    with pytest.raises(InputError) as caught:
        validate_tender(_with(school, charged_from=value))
    paths = {problem.path: problem.text() for problem in caught.value.problems}
    assert expected in paths["machines[0].charged_from"]


def test_bad_charged_from_exits_2_on_the_command_line(run_cli, school, tmp_path):
    path = tmp_path / "tender.json"
    path.write_text(json.dumps(_with(school, charged_from="X9")), encoding="utf-8")
    code, _out, err = run_cli("assess", path, "--ruleset", "dfo-fossil-free-site")
    assert code == 2
    assert "machines[0].charged_from: expected grid or the id of a declared machine" in err


def test_the_text_report_shows_the_waived_energy_and_the_figures_beside_the_headline(school):
    ruleset = RuleLibrary().get("dfo-fossil-free-site", "1.1")
    tender = copy.deepcopy(school)
    tender["exceptions"] = [
        {
            "id": "E1",
            "item": "M2",
            "ground": "grid_capacity",
            "justification": "Nettet leverer for lite.",
            "grid_owner": "Elvia AS",
            "grid_statement_date": "2026-09-14",
            "grid_available_kw": 20,
            "required_kw": 80,
        }
    ]
    decisions = {
        "E1": {"decision": "approved", "by": "K", "legal_basis": "x", "waived_share": 0.75}
    }
    assessment = assess(ruleset, "spearhead", None, tender, decisions=decisions)
    text = render_text(assessment, ruleset, "en")
    assert "Energy waived by approved exceptions" in text
    assert "Fossil CO2 under the blending mandate" in text
    assert "Life cycle (well-to-wheel), CO2e" in text and "not computed: no factor for" in text
    nb = render_text(assessment, ruleset, "nb")
    assert "Energi unntatt ved godkjente unntak" in nb
