"""The contract in follow-up in the dossier and the OCDS export: the period reports in every
version, the deviations with their handling, the decisions and sanctions; `dossier verify`
names a changed period report or decision like every other file."""

import json
import zipfile
from datetime import UTC
from datetime import datetime

import pytest
from sqlalchemy import select

from checker.exports import dossier
from checker.exports.dossier import verify_dossier
from checker.web import signing
from checker.web.extensions import db
from checker.web.followup.pages import token
from checker.web.models import DeviationDecision
from tests.helpers import follow_the_demo_contract
from tests.helpers import ocds_package_validator

SANCTIONED = "rule_failed/M7/site-zero-emission"


@pytest.fixture
def handled(demo_app, login, monkeypatch):
    """The demo contract in follow-up with the diesel machine's sanction decided and the fossil
    delivery sent back for a correction."""
    procurement_id = follow_the_demo_contract(demo_app)
    client = login("officer")
    result = client.get(f"/procurements/{procurement_id}/followup.json").get_json()
    keys = {}
    for period in result["periods"]:
        for d in period["deviations"]:
            detail = d.get("rule") or d.get("field")
            keys[d["id"] + (f"/{detail}" if detail else "")] = d
    for ending, decision, reason in (
        (SANCTIONED, "sanctioned", "Kontrakten punkt 7.3: sanksjon per fossil liter."),
        ("fossil_delivery/D0603", "correction", "Forklar hvor dieselen ble brukt."),
    ):
        key = next(k for k in keys if k.endswith(ending))
        prefix = f"dev-{token(key)}"
        response = client.post(
            f"/procurements/{procurement_id}/followup/deviations/{token(key)}",
            data={f"{prefix}-decision": decision, f"{prefix}-reason": reason},
        )
        assert response.status_code == 303
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    return procurement_id


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _problems(run_cli, path):
    code, out, err = run_cli("dossier", "verify", path, "--format", "json")
    return code, (json.loads(out)["problems"] if out else [err])


def test_the_dossier_carries_the_follow_up_and_verifies(handled, run_cli, tmp_path, demo_app):
    target = tmp_path / "dossier.zip"
    code, _, err = run_cli("dossier", "export", handled, "-o", target)
    assert code == 0, err
    members = _members(target)
    periods = sorted(p for p in members if p.startswith("followup/periods/2"))
    assert len(periods) == 6  # six monthly reports, one version each
    index = json.loads(members["followup/periods/index.json"])
    assert [row["file"] for row in index] == periods
    with demo_app.app_context():
        decisions = db.session.scalars(select(DeviationDecision)).all()
        assert sorted(f"followup/deviation_decision/{d.id}.json" for d in decisions) == sorted(
            p for p in members if p.startswith("followup/deviation_decision/")
        )
    handling = {
        json.loads(members[p])["kind"]: json.loads(members[p])
        for p in members
        if p.startswith("followup/deviation_decision/")
    }
    assert handling["fossil_delivery"]["decision"] == "correction"
    assert handling["rule_failed"]["sanction_nok"] in ("10500.00", 10500.0)
    code, problems = _problems(run_cli, target)
    assert (code, problems) == (0, [])
    # A changed period report is named: against the manifest and against the audit trail.
    changed = json.loads(members[periods[2]])
    changed["machines"][0]["hours"] = 1
    members[periods[2]] = json.dumps(changed).encode()
    _write(target, members)
    code, problems = _problems(run_cli, target)
    assert code == 1
    assert f"{periods[2]}: its SHA-256 does not match the manifest: altered" in problems
    assert f"{periods[2]}: differs from what the audit trail recorded: altered" in problems


def test_a_removed_or_added_follow_up_file_is_named(handled, run_cli, tmp_path):
    target = tmp_path / "dossier.zip"
    assert run_cli("dossier", "export", handled, "-o", target)[0] == 0
    members = _members(target)
    decision = next(p for p in members if p.startswith("followup/deviation_decision/"))
    del members[decision]
    del members["followup/periods/index.json"]
    members["followup/periods/2030-01-01-v1.json"] = b"{}"
    _write(target, members)
    code, problems = _problems(run_cli, target)
    assert code == 1
    assert f"{decision}: the audit trail records it, but it is missing: removed" in problems
    assert "followup/periods/index.json: missing: removed" in problems
    assert "followup/periods/2030-01-01-v1.json: the audit trail holds no record of it: added" in (
        problems
    )


def test_the_ocds_export_has_the_contract_and_its_implementation(handled, run_cli):
    code, out, err = run_cli("ocds", handled)
    assert code == 0, err
    package = json.loads(out)
    problems = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in ocds_package_validator().iter_errors(package)
    ]
    assert problems == []
    release = package["releases"][0]
    assert release["tag"] == ["award", "contract", "implementation"]
    (contract,) = release["contracts"]
    assert contract["awardID"] == release["awards"][0]["id"]
    implementation = contract["implementation"]
    statuses = [m["status"] for m in implementation["milestones"]]
    # Seven months: two conforming, the diesel month deviating, the delivery month awaiting the
    # officer, the late month not met, then two conforming months.
    assert statuses == ["met", "met", "partiallyMet", "partiallyMet", "notMet", "met", "met"]
    diesel = implementation["milestones"][2]
    assert "Rule failed M7 (sanction decided: Kontrakten punkt 7.3" in diesel["description"]
    assert "Not in the plan M7 (awaits the officer)" in diesel["description"]
    (sanction,) = implementation["transactions"]
    assert sanction["value"] == {"amount": 10500.0, "currency": "NOK"}
    assert sanction["payer"]["name"] == "Fjordbygg Entreprenør AS"
    assert sanction["payee"]["id"] == release["buyer"]["id"]
    reports = [d for d in implementation["documents"] if d["id"].startswith("period-report-")]
    assert len(reports) == 6 and all("SHA-256" in d["description"] for d in reports)


def test_any_follow_up_file_removed_or_changed_is_named_even_with_a_new_manifest(
    handled, run_cli, tmp_path, demo_app
):
    """Without the organisation's key the manifest can be rewritten to fit; the audit trail the
    dossier carries still names each follow-up file removed or changed."""
    target = tmp_path / "dossier.zip"
    assert run_cli("dossier", "export", handled, "-o", target)[0] == 0
    with demo_app.app_context():
        trusted = signing.current().trusted()
    members = _members(target)
    parts = sorted(p for p in members if p.startswith("followup/"))
    assert len(parts) == 6 + 1 + 2  # six reports, their index, two decisions
    cases = [(p, {k: v for k, v in members.items() if k != p}) for p in parts]
    cases += [(p, members | {p: members[p].replace(b"1", b"2", 1)}) for p in parts]
    missed = []
    for part, tampered in cases:
        rebuilt = dict(tampered)
        manifest = json.loads(rebuilt.pop("manifest.json"))
        rebuilt.pop("manifest.sig", None)
        about = {k: v for k, v in manifest.items() if k not in ("format", "files")}
        data = dossier.build_dossier(rebuilt, about, datetime(2026, 12, 1, tzinfo=UTC), None)
        problems = verify_dossier(data, trusted, reproduce=False).problems
        if not any(problem.startswith(f"{part}:") for problem in problems[1:]):
            missed.append(part)
    assert missed == []
