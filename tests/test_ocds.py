"""The OCDS export validates against the OCDS 1.1.5 release package schema (resolved offline)."""

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Procurement
from tests.helpers import award_the_demo
from tests.helpers import ocds_package_validator


@pytest.fixture(scope="module")
def package_validator():
    return ocds_package_validator()


def _export(run_cli, demo_app, monkeypatch, state):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    with demo_app.app_context():
        procurement_id = db.session.scalar(select(Procurement.id).where(Procurement.state == state))
    code, out, err = run_cli("ocds", procurement_id)
    assert code == 0, err
    return json.loads(out)


def _problems(validator, package):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(package)]


@pytest.mark.parametrize("state", ["draft", "published", "closed"])
def test_the_export_validates_against_the_release_package_schema(
    run_cli, demo_app, monkeypatch, package_validator, state
):
    package = _export(run_cli, demo_app, monkeypatch, state)
    assert _problems(package_validator, package) == []
    release = package["releases"][0]
    assert release["ocid"].startswith("ocds-xxxxxx-")
    for moment in (release["date"], package["publishedDate"]):
        assert datetime.fromisoformat(moment).tzinfo is not None


def test_the_validator_can_fail(package_validator):
    """Guard against a schema that accepts anything: a broken package must be caught."""
    broken = {"version": "1.1", "releases": [{"ocid": "x", "tag": "tender"}]}
    assert len(_problems(package_validator, broken)) >= 3


def test_criteria_and_responses_follow_the_requirements_extension(run_cli, demo_app, monkeypatch):
    package = _export(run_cli, demo_app, monkeypatch, "closed")
    release = package["releases"][0]
    criteria = release["tender"]["criteria"]
    assert criteria and all(c["requirementGroups"][0]["requirements"] for c in criteria)
    requirements = {
        r["id"]: r for c in criteria for g in c["requirementGroups"] for r in g["requirements"]
    }
    assert all(
        r["dataType"] == "boolean" and r["expectedValue"] is True for r in requirements.values()
    )
    bids = release["bids"]["details"]
    assert len(bids) == 4 and all(b["value"]["currency"] == "NOK" for b in bids)
    parties = {p["id"]: p["roles"] for p in release["parties"]}
    for bid in bids:
        assert parties[bid["tenderers"][0]["id"]] == ["tenderer"]
        for response in bid["requirementResponses"]:
            assert response["requirement"]["id"] in requirements
            assert response.get("value") in (True, False, None)
    values = [r.get("value") for b in bids for r in b["requirementResponses"]]
    assert True in values and False in values  # the demo has a failing tender
    assert release["buyer"]["id"] == "NO-BRC-944444408"
    assert release["tender"]["value"] == {"amount": 22500000.0, "currency": "NOK"}


def test_sealed_tenders_are_not_exported_before_the_deadline(run_cli, demo_app, monkeypatch):
    package = _export(run_cli, demo_app, monkeypatch, "published")
    assert "bids" not in package["releases"][0]
    assert package["releases"][0]["tender"]["status"] == "active"


def test_the_prefix_comes_from_the_configuration(run_cli, demo_app, monkeypatch):
    monkeypatch.setenv("CHECKER_OCDS_PREFIX", "ocds-abc123")
    package = _export(run_cli, demo_app, monkeypatch, "draft")
    assert package["releases"][0]["ocid"].startswith("ocds-abc123-")
    assert package["releases"][0]["tag"] == ["planning"]


def test_an_awarded_procurement_exports_its_award_and_the_bids_standing(
    login, run_cli, demo_app, monkeypatch, package_validator
):
    procurement_id, oslo = award_the_demo(login("officer"), demo_app)
    package = _export(run_cli, demo_app, monkeypatch, "awarded")
    assert _problems(package_validator, package) == []
    release = package["releases"][0]
    assert release["tag"] == ["award"] and release["tender"]["status"] == "complete"
    (award,) = release["awards"]
    assert award["relatedBid"] == str(oslo) and award["status"] == "active"
    assert award["suppliers"][0]["name"] == "Oslo Grunnarbeid AS"
    assert award["value"] == {"amount": 29_800_000.0, "currency": "NOK"}
    supplier = next(p for p in release["parties"] if p["id"] == award["suppliers"][0]["id"])
    assert supplier["roles"] == ["tenderer", "supplier"]
    standing = {b["tenderers"][0]["name"]: b["status"] for b in release["bids"]["details"]}
    assert standing["Oslo Grunnarbeid AS"] == "valid"
    assert standing["Berg & Sønn Anlegg AS"] == "disqualified"
    # The stored assessment in force is exported: the exceptions the officer approved.
    fjordbygg = next(
        b for b in release["bids"]["details"] if b["tenderers"][0]["name"].startswith("Fjordbygg")
    )
    compact = next(
        r for r in fjordbygg["requirementResponses"] if "compact-machines" in r["requirement"]["id"]
    )
    assert compact["description"].startswith("waived")
