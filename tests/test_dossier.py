"""The procurement dossier: exported from the database, checked offline, tampering found."""

import io
import json
import zipfile
from datetime import UTC
from datetime import datetime

import pytest
from sqlalchemy import select

from checker.audit.chain import seal
from checker.exports import dossier
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import User
from checker.web.reports.issuing import request_report
from checker.web.workspace.evidence import attach
from checker.web.workspace.freeze import freeze_tenders_of
from tests.helpers import award_the_demo


@pytest.fixture
def exported(demo_app, snapshots, run_cli, monkeypatch, tmp_path):
    """The closed demo procurement, with one issued report, exported with the CLI (made once,
    the database and the file copied for each test)."""
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    target = tmp_path / "dossier.zip"

    def export():
        with demo_app.app_context():
            closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
            officer = db.session.scalar(select(User).where(User.role == "officer"))
            request_report(closed.tenders[0], "compliance", "summary", "nb", officer)
            procurement_id = closed.id
        code, out, err = run_cli("dossier", "export", procurement_id, "-o", target)
        assert code == 0, err
        return target.read_bytes()

    target.write_bytes(snapshots.take("dossier", demo_app, export))
    return target


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _problems(run_cli, path):
    """`dossier verify --format json`: the exit code and every problem found."""
    code, out, err = run_cli("dossier", "verify", path, "--format", "json")
    return code, (json.loads(out)["problems"] if out else [err])


def _write(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_the_dossier_holds_everything_and_verifies(exported, run_cli, demo_app):
    members = _members(exported)
    manifest = json.loads(members["manifest.json"])
    assert manifest["format"] == "climate-dossier/1"
    assert manifest["procurement"]["reference"] == "2026/0877"
    assert {f["path"] for f in manifest["files"]} == set(members) - {
        "manifest.json",
        "manifest.sig",
    }
    names = set(members)
    assert {
        "procurement.json",
        "award-model.json",
        "tailoring.json",
        "audit/entries.jsonl",
    } <= names
    assert "ruleset/dfo-fossil-free-site/1.2.yaml" in names
    assert sum(n.startswith("tenders/") and n[8:-5].isdigit() for n in names) == 4
    assert sum(n.endswith(".frozen.json") for n in names) == 4
    assert sum(n.startswith("assessments/") for n in names) == 4  # none stored: computed
    assert sum(n.endswith(".pdf") for n in names) == 1
    entries = [json.loads(line) for line in members["audit/entries.jsonl"].splitlines()]
    own = {e["procurement_id"] for e in entries if e["table"] != "organisation"}
    assert entries and own == {manifest["procurement"]["id"]}
    assert {"manifest.sig", "audit/checkpoint.json"} <= names
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 0, out
    assert "INTACT" in out and "1 reports checked" in out
    with demo_app.app_context():
        exported_entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.kind == "dossier_exported")
        )
        assert exported_entry.after["sha256"] == dossier.sha256(exported.read_bytes())


def _tender_file(members):
    return next(n for n in sorted(members) if n.startswith("tenders/") and n[8:-5].isdigit())


@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        (lambda m: m.update({"tailoring.json": b'{"deselected": {}}\n'}), "tailoring.json"),
        (lambda m: m.pop("award-model.json"), "award-model.json: listed in the manifest but"),
        (lambda m: m.update({"notes.txt": b"hi"}), "notes.txt: not listed"),
        (lambda m: m.update({_tender_file(m): b"{}"}), "does not match the manifest"),
    ],
    ids=["edited", "removed", "added", "tender-edited"],
)
def test_a_changed_file_is_named(exported, run_cli, tamper, words):
    members = _members(exported)
    tamper(members)
    _write(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and "ALTERED" in out
    assert words in out.split("first problem:")[1].splitlines()[0]


def _rebuild(path, members, key=None):
    """Tampering by someone who also rewrites the manifest's hashes: without the organisation's
    key (no signature, or one made with another key)."""
    members = dict(members)
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig", None)
    about = {k: v for k, v in manifest.items() if k not in ("format", "files")}
    moment = datetime(2026, 11, 29, tzinfo=UTC)
    path.write_bytes(dossier.build_dossier(members, about, moment, key))


def test_an_altered_report_is_found_even_with_a_new_manifest(exported, run_cli):
    members = _members(exported)
    name = next(n for n in members if n.endswith(".pdf"))
    pdf = bytearray(members[name])
    pdf[len(pdf) // 2] ^= 0x01
    members[name] = bytes(pdf)
    _rebuild(exported, members)
    code, problems = _problems(run_cli, exported)
    assert code == 1 and problems[0].startswith("manifest.json: not signed")
    assert any(p.startswith(f"{name}:") for p in problems)


def test_an_altered_audit_entry_is_found_even_with_a_new_manifest(exported, run_cli):
    members = _members(exported)
    entries = [json.loads(line) for line in members["audit/entries.jsonl"].splitlines()]
    entries[1]["actor"] = "someone else"
    members["audit/entries.jsonl"] = dossier.jsonl_bytes(entries)
    _rebuild(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and f"entry {entries[1]['seq']}" in out and "edited" in out
    # Resealing the edited entry cuts the link to the next one instead.
    entries[1] = seal(entries[1], entries[1]["prev_hash"])
    members["audit/entries.jsonl"] = dossier.jsonl_bytes(entries)
    _rebuild(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and "audit/entries.jsonl" in out


def test_a_swapped_rule_set_file_is_found(exported, run_cli):
    members = _members(exported)
    members["ruleset/dfo-fossil-free-site/1.2.yaml"] += b"\n# a quiet change\n"
    _rebuild(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and "not the rule set file the procurement fixed" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04 not really", "not a ZIP file"),
        (b"%PDF-1.7", "not a ZIP file"),
    ],
)
def test_a_file_that_is_not_a_dossier_exits_2(tmp_path, run_cli, content, words):
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    code, _, err = run_cli("dossier", "verify", path)
    assert code == 2 and words in err


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "a/../../b", "C:\\x", "a//b", "reports\\x.pdf"]
)
def test_unsafe_names_are_refused(tmp_path, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", b"{}")
        archive.writestr(name, b"x")
    with pytest.raises(dossier.NotADossier, match="path|name"):
        dossier.read_members(buffer.getvalue())


def test_a_zip_bomb_is_refused(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"\0" * 5_000_000)
    assert len(buffer.getvalue()) < 20_000
    monkeypatch.setattr(dossier, "MAX_TOTAL_BYTES", 1_000_000)
    with pytest.raises(dossier.NotADossier, match="larger than"):
        dossier.read_members(buffer.getvalue())


def test_a_zip_that_lies_about_its_sizes_is_refused(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"\0" * 100_000)
    data = bytearray(buffer.getvalue())
    # Rewrite the declared size in the central directory to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(dossier.NotADossier):
        dossier.read_members(bytes(data))


def test_a_zip_without_manifest_is_not_a_dossier(tmp_path, run_cli):
    path = tmp_path / "x.zip"
    _write(path, {"procurement.json": b"{}"})
    code, _, err = run_cli("dossier", "verify", path)
    assert code == 2 and "no manifest.json" in err


def test_export_of_an_unknown_procurement_is_bad_input(demo_app, run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, _, err = run_cli("dossier", "export", 99999, "-o", tmp_path / "d.zip")
    assert code == 2 and "no procurement 99999" in err


def test_an_authentic_report_of_another_procurement_is_found(exported, run_cli, demo_app):
    """Swapping in a genuine report from elsewhere, with a rewritten manifest, is still caught."""
    members = _members(exported)
    name = next(n for n in members if n.endswith(".pdf"))
    procurement = json.loads(members["procurement.json"])
    procurement["reference"] = "2026/9999"
    manifest = json.loads(members["manifest.json"])
    manifest["procurement"]["reference"] = "2026/9999"
    members["procurement.json"] = dossier.json_bytes(procurement)
    members["manifest.json"] = dossier.json_bytes(manifest)
    _rebuild(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and f"{name}: an authentic report, but of another procurement" in out
    assert "procurement.json: differs from what the audit trail recorded" in out


def test_an_altered_tender_snapshot_is_found_even_with_a_new_manifest(exported, run_cli):
    members = _members(exported)
    name = _tender_file(members)
    tender = json.loads(members[name])
    tender["price_nok"] = 1
    members[name] = json.dumps(tender, sort_keys=True, separators=(",", ":")).encode()
    _rebuild(exported, members)
    code, out, _ = run_cli("dossier", "verify", exported)
    assert code == 1 and f"{name}: differs from what the audit trail recorded: altered" in out


def test_the_dossier_of_an_awarded_procurement_holds_its_whole_evaluation(
    login, demo_app, run_cli, monkeypatch, tmp_path
):
    """Stored assessments and their history, the decisions behind them, the concluded
    evaluation, the award decision and the evaluation report, all verifiable offline."""
    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    assert (
        client.post(
            f"/procurements/{procurement_id}/evaluation/report", data={"lang": "en"}
        ).status_code
        == 303
    )
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    target = tmp_path / "dossier.zip"
    code, _, err = run_cli("dossier", "export", procurement_id, "-o", target)
    assert code == 0, err
    members = _members(target)
    history = [n for n in members if n.startswith("assessments/history/")]
    assert len(history) == 6  # four from the run, two after the exception decisions
    decision = json.loads(members["award-decision.json"])
    assert decision["tender"] == oslo and decision["decided_by"] == "officer@kommune.example"
    evaluation = json.loads(members["evaluations/1.json"])
    assert evaluation["evaluation"]["tenders"][0]["id"] == str(oslo)
    in_force = json.loads(next(m for n, m in members.items() if n == "assessments/2.json"))
    assert (
        in_force["verdict"] == "compliant" and in_force["decisions"]["E1"]["decision"] == "approved"
    )
    register = json.loads(members["reports/index.json"])
    assert [r["kind"] for r in register] == ["evaluation"]
    code, out, _ = run_cli("dossier", "verify", target)
    assert code == 0, out
    assert "INTACT" in out
    entries = [json.loads(line) for line in members["audit/entries.jsonl"].splitlines()]
    tables = {e["table"] for e in entries}
    assert {
        "assessment",
        "exception_decision",
        "manual_score",
        "evaluation",
        "award_decision",
    } <= tables


def test_an_altered_frozen_bid_is_found_even_with_a_new_manifest(
    demo_app, run_cli, monkeypatch, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    with demo_app.app_context():
        closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        freeze_tenders_of([closed.id])  # as at the deadline
        db.session.commit()
        procurement_id = closed.id
    target = tmp_path / "dossier.zip"
    assert run_cli("dossier", "export", procurement_id, "-o", target)[0] == 0
    code, out, _ = run_cli("dossier", "verify", target)
    assert code == 0, out
    members = _members(target)
    name = next(n for n in sorted(members) if n.endswith(".frozen.json"))
    frozen = json.loads(members[name])
    frozen["status"] = "draft"
    members[name] = json.dumps(frozen, sort_keys=True, separators=(",", ":")).encode()
    _rebuild(target, members)
    code, out, _ = run_cli("dossier", "verify", target)
    assert code == 1 and f"{name}: differs from what the audit trail recorded: altered" in out


@pytest.fixture
def awarded_dossier(login, demo_app, snapshots, run_cli, monkeypatch, tmp_path):
    """The demo's closed procurement walked to the award, with its evaluation report and a
    tender report, exported (made once, the database and the file copied for each test)."""
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    target = tmp_path / "dossier.zip"

    def export():
        client = login("officer")
        procurement_id, oslo = award_the_demo(client, demo_app)
        client.post(f"/procurements/{procurement_id}/evaluation/report", data={"lang": "nb"})
        client.post(
            f"/procurements/{procurement_id}/tenders/{oslo}/reports",
            data={"kind": "compliance", "tier": "summary", "lang": "nb"},
        )
        assert run_cli("dossier", "export", procurement_id, "-o", target)[0] == 0
        return target.read_bytes()

    target.write_bytes(snapshots.take("awarded_dossier", demo_app, export))
    return target


def _verify_after(run_cli, target, members):
    _rebuild(target, members)
    return run_cli("dossier", "verify", target)


def test_an_authentic_report_swapped_for_another_is_found(awarded_dossier, run_cli):
    members = _members(awarded_dossier)
    pdfs = sorted(n for n in members if n.startswith("reports/") and n.endswith(".pdf"))
    assert len(pdfs) == 2
    members[pdfs[0]], members[pdfs[1]] = members[pdfs[1]], members[pdfs[0]]
    code, out, _ = _verify_after(run_cli, awarded_dossier, members)
    assert code == 1 and f"{pdfs[0]}: differs from what the audit trail recorded: altered" in out


def test_a_tender_whose_entries_were_taken_out_is_found(awarded_dossier, run_cli):
    members = _members(awarded_dossier)
    lines = members["audit/entries.jsonl"].splitlines()
    kept = [line for line in lines if json.loads(line)["table"] != "tender"]
    members["audit/entries.jsonl"] = b"\n".join(kept) + b"\n"
    code, out, _ = _verify_after(run_cli, awarded_dossier, members)
    assert code == 1 and "the audit trail holds no record of it: added" in out


def test_an_altered_award_justification_is_found(awarded_dossier, run_cli):
    members = _members(awarded_dossier)
    decision = json.loads(members["award-decision.json"])
    decision["justification"] = "Laveste pris."
    members["award-decision.json"] = json.dumps(decision).encode()
    code, out, _ = _verify_after(run_cli, awarded_dossier, members)
    assert code == 1 and "award-decision.json: differs from what the audit trail recorded" in out


def test_an_altered_evidence_file_is_found(demo_app, run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    with demo_app.app_context():
        closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        # Fjordbygg's: the one contractor in the demo with an account to upload with.
        tender = next(t for t in closed.tenders if t.organisation.name.startswith("Fjord"))
        owner = db.session.scalar(
            select(User).where(User.organisation_id == tender.organisation_id)
        )
        attach(tender, "fuels:F1", "sertifikat.pdf", b"%PDF-1.7 ISCC-EU certificate", owner)
        db.session.commit()
        procurement_id = closed.id
    target = tmp_path / "dossier.zip"
    assert run_cli("dossier", "export", procurement_id, "-o", target)[0] == 0
    members = _members(target)
    name = next(n for n in members if n.startswith("evidence/") and n.endswith(".pdf"))
    assert run_cli("dossier", "verify", target)[0] == 0
    members[name] = b"%PDF-1.7 another certificate"
    code, out, _ = _verify_after(run_cli, target, members)
    assert code == 1 and f"{name}: differs from what the audit trail recorded: altered" in out
