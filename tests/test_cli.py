"""The command line as a user meets it: exit codes, outputs, and messages for bad input."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES


@pytest.mark.parametrize(
    ("example", "ruleset", "extra", "code", "verdict"),
    [
        ("school-compliant.json", "dfo-fossil-free-site", [], 0, "I SAMSVAR"),
        ("fossil-generator.json", "dfo-fossil-free-site", [], 1, "IKKE I SAMSVAR"),
        ("palm-oil-hvo.json", "dfo-fossil-free-site", [], 1, "IKKE I SAMSVAR"),
        ("oslo-exception-request.json", "oslo-zero-emission-site", [], 3, "UFULLSTENDIG"),
        (
            "oslo-exception-request.json",
            "oslo-zero-emission-site",
            ["--version", "2019"],
            3,
            "UFULLSTENDIG",
        ),
        (
            "school-compliant.json",
            "dfo-fossil-free-site",
            ["--level", "spearhead"],
            1,
            "IKKE I SAMSVAR",
        ),
    ],
)
def test_assess_exit_code_and_verdict(run_cli, example, ruleset, extra, code, verdict):
    exit_code, out, err = run_cli("assess", EXAMPLES / example, "--ruleset", ruleset, *extra)
    assert exit_code == code, err
    assert f"Resultat: {verdict}\n" in out


def test_fossil_generator_text_names_the_machine_and_the_fix(run_cli):
    code, out, _ = run_cli(
        "assess",
        EXAMPLES / "fossil-generator.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--lang",
        "en",
    )
    assert code == 1
    assert "M7: FAIL – M7 runs on diesel (fossil)" in out
    assert "How to comply: Use electric machines" in out


def test_json_output_is_the_assessment_format(run_cli, tmp_path):
    target = tmp_path / "out.json"
    code, out, _ = run_cli(
        "assess",
        EXAMPLES / "oslo-exception-request.json",
        "--ruleset",
        "oslo-zero-emission-site",
        "--format",
        "json",
        "-o",
        target,
    )
    assert code == 3 and out == ""
    assessment = json.loads(target.read_text(encoding="utf-8"))
    assert assessment["format"] == "climate-assessment/1"
    assert assessment["verdict"] == "incomplete"
    assert assessment["ruleset"]["id"] == "oslo-zero-emission-site"
    assert assessment["ruleset"]["version"] == "2025.2"  # newest when --version is left out
    assert len(assessment["ruleset"]["sha256"]) == 64
    site = next(r for r in assessment["results"] if r["rule"] == "site-zero-emission")
    assert {"id": "M9", "status": "manual_review"}.items() <= site["items"][3].items()


def test_decisions_file_turns_the_exception_into_a_waiver(run_cli, tmp_path):
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "E1: {decision: approved, by: Kari Nordmann, legal_basis: not available, "
        "expires: '2027-12-31'}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(
        "assess",
        EXAMPLES / "oslo-exception-request.json",
        "--ruleset",
        "oslo-zero-emission-site",
        "--decisions",
        decisions,
        "--lang",
        "en",
    )
    assert code == 0
    assert "WAIVED" in out and "approved by Kari Nordmann" in out


def test_tailoring_file_is_applied_and_shown(run_cli, tmp_path):
    tailoring = tmp_path / "tailoring.yaml"
    tailoring.write_text("parameters:\n  zero-emission-share-20: {min: 0.6}\n", encoding="utf-8")
    code, out, _ = run_cli(
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--level",
        "advanced",
        "--tailoring",
        tailoring,
        "--format",
        "json",
    )
    assert code == 1
    assessment = json.loads(out)
    assert assessment["tailoring"]["parameters"] == {"zero-emission-share-20": {"min": 0.6}}


def _bad(run_cli, *args):
    code, out, err = run_cli(*args)
    assert code == 2, (out, err)
    assert "Traceback" not in err + out
    return err


def test_missing_tender_file(run_cli):
    err = _bad(run_cli, "assess", "no-such-tender.json", "--ruleset", "dfo-fossil-free-site")
    assert "no-such-tender.json" in err and "file not found" in err


def test_unknown_ruleset_lists_the_known_ones(run_cli):
    err = _bad(run_cli, "assess", EXAMPLES / "school-compliant.json", "--ruleset", "nope")
    assert "no rule set 'nope'" in err and "dfo-fossil-free-site" in err


def test_unknown_version_and_level(run_cli):
    err = _bad(
        run_cli,
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "oslo-zero-emission-site",
        "--version",
        "2030",
    )
    assert "no version '2030'" in err and "2019, 2019.1, 2025, 2025.1" in err
    err = _bad(
        run_cli,
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "oslo-zero-emission-site",
        "--level",
        "spearhead",
    )
    assert "--level: expected one of basis; found 'spearhead'" in err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t["machines"][0].update(energy_carrier="disel"),
            "machines[0].energy_carrier: expected one of: diesel, hvo100",
        ),
        (
            lambda t: t["contractor"].update(org_number="914880008"),
            "contractor.org_number: expected a valid Norwegian organisation number",
        ),
        (
            lambda t: t["machines"][1].update(planned_hours=-5),
            "machines[1].planned_hours: expected a number of at least 0; found -5",
        ),
        (
            lambda t: t["machines"][1].update(fuel_id="F9"),
            "machines[1].fuel_id: refers to fuel 'F9', which is not in fuels[] (declared: F1, F2)",
        ),
        (
            lambda t: t["machines"][2].update(id="M1"),
            "machines[2].id: id 'M1' is already used at machines[0].id",
        ),
        (lambda t: t.pop("contractor"), "missing required field(s): contractor"),
        (
            lambda t: t["machines"][0].update(colour="yellow"),
            "machines[0]: unknown field(s): colour",
        ),
        (lambda t: t.update(format="climate-tender/2"), "format: expected 'climate-tender/1'"),
        (
            lambda t: t["exceptions"].append({"id": "E1", "item": "X1", "ground": "not_available"}),
            "exceptions[0].item: refers to 'X1', which is no machine, vehicle or heating id",
        ),
    ],
)
def test_bad_tender_names_field_and_expectation(run_cli, school, write_json, change, expected):
    change(school)
    path = write_json(school)
    err = _bad(run_cli, "assess", path, "--ruleset", "dfo-fossil-free-site")
    assert str(path) in err
    assert expected in err


def test_every_problem_is_reported_at_once(run_cli, school, write_json):
    school["machines"][0]["energy_carrier"] = "coal"
    school["machines"][3]["emission_stage"] = "VI"
    err = _bad(run_cli, "tender", "validate", write_json(school))
    assert "2 problem(s)" in err
    assert "machines[0].energy_carrier" in err and "machines[3].emission_stage" in err


def test_broken_json_gives_line_and_column(run_cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "climate-tender/1",\n "tender_id": }', encoding="utf-8")
    err = _bad(run_cli, "assess", path, "--ruleset", "dfo-fossil-free-site")
    assert "line 2, column" in err and "not valid JSON" in err


def test_bad_tailoring_names_the_parameter(run_cli, tmp_path):
    tailoring = tmp_path / "tailoring.yaml"
    tailoring.write_text("parameters:\n  zero-emission-share-20: {min: 0.01}\n", encoding="utf-8")
    err = _bad(
        run_cli,
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--level",
        "advanced",
        "--tailoring",
        tailoring,
    )
    assert (
        "parameters.zero-emission-share-20.min: expected a value from 0.1 to 1; found 0.01" in err
    )


def test_yaml_tender_reads_like_json(run_cli, school, tmp_path):
    import yaml

    path = tmp_path / "tender.yaml"
    path.write_text(yaml.safe_dump(school, allow_unicode=True), encoding="utf-8")
    code, out, err = run_cli("tender", "validate", path)
    assert code == 0, err
    assert "8 machines, 3 vehicles, 2 heating, 2 fuels" in out


def test_rules_list_and_validate(run_cli):
    code, out, _ = run_cli("rules", "list")
    assert code == 0
    for ruleset_id in ("dfo-fossil-free-site", "oslo-zero-emission-site"):
        assert ruleset_id in out
    code, out, err = run_cli("rules", "validate")
    assert code == 0, err
    assert out.count("ok  ") >= 3


def test_rules_show_flags_unverified_numbers_and_tailoring_ranges(run_cli):
    code, out, _ = run_cli(
        "rules", "show", "oslo-zero-emission-site", "--version", "2025.1", "--lang", "en"
    )
    assert code == 0
    assert out.startswith("oslo-zero-emission-site 2025.1 – City of Oslo")
    assert "Corrects version 2025: " in out
    assert "All work on site is zero-emission  (site-zero-emission)" in out
    assert "Contract clause, from level basis; applies to machines and equipment" in out
    assert "Origin: this product's own proposal, not published by the publisher" in out
    assert "minimum enquiries: 3  (tailorable: 1–10)" in out
    assert '! unverified: The "at least three suppliers" test' in out
    code, out, _ = run_cli("rules", "show", "oslo-zero-emission-site", "--version", "2025")
    assert "! Rettet i versjon 2025.1" in out
    assert "Opphav: som publisert i kilden" in out
    assert "! ikke bekreftet: Three enquiries" in out  # an English-only reason is shown as it is


def test_schema_command_prints_the_tender_schema(run_cli):
    code, out, _ = run_cli("schema", "tender")
    assert code == 0
    assert json.loads(out)["properties"]["format"] == {"const": "climate-tender/1"}


def test_installed_console_script_runs_without_traceback(tmp_path):
    """The real entry point, as a user's shell runs it."""
    beside_python = Path(sys.executable).parent / "checker"
    executable = str(beside_python) if beside_python.exists() else shutil.which("checker")
    if executable is None:
        pytest.fail(
            "the checker console script is not installed; install the project with pip install -e ."
        )
    result = subprocess.run(
        [executable, "assess", str(tmp_path / "missing.json"), "--ruleset", "dfo-fossil-free-site"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "file not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": NaN}', "NaN is not a number we accept"),
        ('{"a": 1, "a": 2}', "the key 'a' is given twice"),
        ("[" * 5000 + "]" * 5000, "nested"),
        ('{"price_nok": ' + "9" * 5000 + "}", "not valid JSON"),
        ("a: &x [1]\nb: *x\n", "aliases (*name) are not accepted"),
        ("1: 2\n", "field names must be text"),
        ("price_nok: .inf\n", "price_nok: expected a finite number"),
        ("", "expected a JSON/YAML object"),
        ("[1, 2]", "expected a JSON/YAML object"),
        ("!!python/object:os.system ls\n", "not valid YAML"),
    ],
)
def test_hostile_files_are_bad_input_not_crashes(run_cli, tmp_path, text, expected):
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    err = _bad(run_cli, "assess", path, "--ruleset", "dfo-fossil-free-site")
    assert expected in err


def test_binary_file_and_folder_are_refused(run_cli, tmp_path):
    binary = tmp_path / "machines.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    assert "not UTF-8 text" in _bad(run_cli, "tender", "validate", binary)
    assert "is a folder" in _bad(run_cli, "tender", "validate", tmp_path)


def test_fuel_must_match_the_carrier(run_cli, school, write_json):
    school["fuels"].append({"id": "F3", "product": "diesel"})
    school["machines"][1]["fuel_id"] = "F3"
    err = _bad(run_cli, "tender", "validate", write_json(school))
    assert (
        "machines[1].fuel_id: energy_carrier hvo100 does not burn fuel F3 (product diesel)" in err
    )


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ("E1: {decision: approved, by: Kari}", "E1: missing required field(s): legal_basis"),
        ("E1: {decision: rejected, by: Kari}", "E1: missing required field(s): reason"),
        ("E1: {decision: APPROVED, by: Kari}", "E1.decision: expected one of: approved, rejected"),
        (
            "E9: {decision: approved, by: Kari, legal_basis: x}",
            "E9: no exception request or sporadic claim",
        ),
        ("E1: approved", "E1: expected an object"),
    ],
)
def test_bad_decisions_name_the_exception(run_cli, tmp_path, decisions, expected):
    path = tmp_path / "decisions.yaml"
    path.write_text(decisions + "\n", encoding="utf-8")
    err = _bad(
        run_cli,
        "assess",
        EXAMPLES / "oslo-exception-request.json",
        "--ruleset",
        "oslo-zero-emission-site",
        "--decisions",
        path,
    )
    assert str(path) in err and expected in err


def test_tailoring_errors_name_the_file(run_cli, tmp_path):
    path = tmp_path / "tailoring.yaml"
    path.write_text("deselected: [idling-plan]\n", encoding="utf-8")
    err = _bad(
        run_cli,
        "assess",
        EXAMPLES / "school-compliant.json",
        "--ruleset",
        "dfo-fossil-free-site",
        "--tailoring",
        path,
    )
    assert f"{path}: " in err and "deselected: expected an object" in err


def test_empty_rules_folder_is_an_error(run_cli, tmp_path):
    err = _bad(run_cli, "rules", "list", "--rules-dir", tmp_path)
    assert "no rule set files" in err


def test_assess_as_of_a_day_judges_the_expiry_of_approvals(run_cli, write_json, tmp_path):
    tender = write_json(json.loads((EXAMPLES / "oslo-exception-request.json").read_text("utf-8")))
    decisions = tmp_path / "decisions.json"
    decisions.write_text(
        json.dumps(
            {
                "E1": {
                    "decision": "approved",
                    "by": "Kari",
                    "legal_basis": "FOA § 7-9",
                    "expires": "2027-06-30",
                }
            }
        )
    )
    base = (
        "assess",
        tender,
        "--ruleset",
        "oslo-zero-emission-site",
        "--decisions",
        decisions,
        "--format",
        "json",
    )
    code, out, _ = run_cli(*base, "--as-of", "2027-06-30")
    assert code == 0 and json.loads(out)["verdict"] == "compliant"
    code, out, _ = run_cli(*base, "--as-of", "2027-07-01")
    assert code == 3 and json.loads(out)["verdict"] == "incomplete"
    code, _, err = run_cli(*base, "--as-of", "30.06.2027")
    assert code == 2 and "--as-of" in err
