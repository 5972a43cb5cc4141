"""Signed dossiers: any one part removed, added or changed is caught and named, even with the
manifest rewritten (unsigned, or signed with another key); ordinary re-zipping is harmless."""

import io
import json
import shutil
import subprocess
import zipfile
from datetime import UTC
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.exports import dossier
from checker.exports.dossier import NotADossier
from checker.exports.dossier import verify_dossier
from checker.signing.keys import instance_key
from checker.web import signing
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import User
from checker.web.workspace.evidence import attach
from tests.helpers import award_the_demo


@pytest.fixture
def full(login, demo_app, run_cli, monkeypatch, tmp_path):
    """The demo walked to the award with evidence, decisions, a tender report and the
    evaluation report, exported; with the certificates it is checked against."""
    with demo_app.app_context():
        closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        tender = closed.tenders[0]
        owner = db.session.scalar(
            select(User).where(User.organisation_id == tender.organisation_id)
        )
        attach(tender, "fuels:F1", "sertifikat.pdf", b"%PDF-1.7 ISCC-EU certificate", owner)
        db.session.commit()
    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    client.post(f"/procurements/{procurement_id}/evaluation/report", data={"lang": "nb"})
    client.post(
        f"/procurements/{procurement_id}/tenders/{oslo}/reports",
        data={"kind": "compliance", "tier": "summary", "lang": "nb"},
    )
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    target = tmp_path / "dossier.zip"
    assert run_cli("dossier", "export", procurement_id, "-o", target)[0] == 0
    with demo_app.app_context():
        trusted = signing.current().trusted()
    return target, trusted


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rebuilt(members: dict[str, bytes], key=None) -> bytes:
    """What someone without the organisation's key makes: a new manifest that fits."""
    members = dict(members)
    manifest = json.loads(members.pop("manifest.json"))
    members.pop("manifest.sig", None)
    about = {k: v for k, v in manifest.items() if k not in ("format", "files")}
    return dossier.build_dossier(members, about, datetime(2026, 12, 1, tzinfo=UTC), key)


def _flip(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    return bytes(changed)


# One new file in each place a dossier holds files, with a plausible name.
ADDED = [
    "notes.txt",
    "reports/999.pdf",
    "evidence/1/999.pdf",
    "tenders/999.json",
    "assessments/999.json",
    "assessments/history/999.json",
    "evaluations/999.json",
    "decisions/override/999.json",
    "ruleset/other/1.0.yaml",
]


def _named(problems: list[str], path: str) -> bool:
    return any(problem.startswith(f"{path}:") for problem in problems)


def test_any_one_part_removed_added_or_changed_is_caught_and_named(full):
    """Every file of the dossier taken out, every file changed, and a file added in every
    folder, each time with the manifest rewritten to fit, without the organisation's key."""
    path, trusted = full
    members = _members(path.read_bytes())
    assert verify_dossier(path.read_bytes(), trusted, reproduce=False).is_intact
    parts = sorted(set(members) - {"manifest.json", "manifest.sig"})
    assert {"audit/checkpoint.json", "award-decision.json", "evidence/index.json"} <= set(parts)
    assert any(p.startswith("decisions/") for p in parts)
    cases = [("removed", p, {k: v for k, v in members.items() if k != p}) for p in parts]
    cases += [("changed", p, members | {p: _flip(members[p])}) for p in parts]
    cases += [
        ("added", p, members | {p: b"%PDF-1.7 forged" if p.endswith(".pdf") else b"{}"})
        for p in ADDED
    ]
    missed = []
    for how, part, tampered in cases:
        check = verify_dossier(_rebuilt(tampered), trusted, reproduce=False)
        assert not check.is_intact and check.problems[0].startswith("manifest.json: not signed")
        if not _named(check.problems[1:], part):
            missed.append((how, part, check.problems))
    assert missed == [], [(how, part) for how, part, _ in missed]
    assert len(cases) == 2 * len(parts) + len(ADDED) and len(parts) > 30


def test_the_manifest_and_its_signature_are_parts_too(full):
    path, trusted = full
    members = _members(path.read_bytes())
    unsigned = {k: v for k, v in members.items() if k != "manifest.sig"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in unsigned.items():
            archive.writestr(name, data)
    check = verify_dossier(buffer.getvalue(), trusted, reproduce=False)
    assert check.problems == [
        "manifest.json: not signed (manifest.sig is missing): not issued by this organisation"
    ]
    with pytest.raises(NotADossier, match="no manifest.json"):
        verify_dossier(_zip({k: v for k, v in members.items() if k != "manifest.json"}), trusted)
    changed = members | {"manifest.json": members["manifest.json"].replace(b'"size"', b'"Size"')}
    check = verify_dossier(_zip(changed), trusted, reproduce=False)
    assert check.problems[0].startswith("manifest.json: not the manifest that was signed")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_dossier_signed_with_another_instances_key_is_not_this_organisations(full, tmp_path):
    path, trusted = full
    other = instance_key(tmp_path, "Eksempel kommune")[0]
    members = _members(path.read_bytes())
    members["tailoring.json"] = b'{"deselected": {"machines-fossil-free": "no"}}\n'
    check = verify_dossier(_rebuilt(members, other), trusted, reproduce=False)
    assert "a certificate this organisation does not use" in check.problems[0]
    assert _named(check.problems, "tailoring.json")


def test_a_dossier_unzipped_and_zipped_again_with_ordinary_tools_still_verifies(
    full, tmp_path, run_cli
):
    path, _ = full
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    again = tmp_path / "again.zip"
    if shutil.which("zip"):
        subprocess.run(["zip", "-qr", "-9", str(again), "."], cwd=folder, check=True)
    else:
        shutil.make_archive(str(again.with_suffix("")), "zip", folder)
    with zipfile.ZipFile(again) as archive:
        assert any(info.is_dir() for info in archive.infolist())  # the tool added folders
    code, out, _ = run_cli("dossier", "verify", again)
    assert code == 0 and "INTACT" in out, out


def test_an_auditor_checks_offline_with_the_published_certificate(full, client, run_cli, tmp_path):
    path, _ = full
    certificate = tmp_path / "certificates.pem"
    certificate.write_bytes(client.get("/p/verify/certificates.pem").data)
    code, out, _ = run_cli("dossier", "verify", path, "--certificate", certificate)
    assert code == 0 and "INTACT" in out, out
    stranger = tmp_path / "stranger"
    key = instance_key(stranger, "Someone else")[0]
    other = tmp_path / "other.pem"
    from cryptography.hazmat.primitives.serialization import Encoding

    other.write_bytes(key.certificate.public_bytes(Encoding.PEM))
    code, out, _ = run_cli("dossier", "verify", path, "--certificate", other)
    assert code == 1 and "a certificate this organisation does not use" in out
    junk = tmp_path / "junk.pem"
    junk.write_text("no certificate here")
    code, _, err = run_cli("dossier", "verify", path, "--certificate", junk)
    assert code == 2 and "not a certificate" in err


def test_the_dossier_check_page_says_intact_or_names_the_problems(full, client):
    path, _ = full

    def check(data):
        response = client.post(
            "/p/verify/dossier",
            data={"dossier": (io.BytesIO(data), "dossier.zip")},
            content_type="multipart/form-data",
        )
        return response.status_code, BeautifulSoup(response.text, "html.parser")

    status, page = check(path.read_bytes())
    assert status == 200
    assert (
        page.find(id="result").text == "Intakt: laget av denne virksomheten, fullstendig og uendret"
    )
    assert "Virksomhetens sertifikat" in page.text and "selvsignert" in page.text
    members = _members(path.read_bytes())
    removed = next(n for n in sorted(members) if n.startswith("reports/") and n.endswith(".pdf"))
    status, page = check(_rebuilt({k: v for k, v in members.items() if k != removed}))
    assert status == 200 and page.find(id="result").text.startswith("Ikke intakt")
    problems = [li.text for li in page.select("ul.reasons li")]
    assert problems[0].startswith("manifest.json: not signed")
    assert f"{removed}: the audit trail records it, but it is missing: removed" in problems
    status, page = check(b"PK\x03\x04 not a zip")
    assert status == 422 and "Dette er ikke en saksmappe" in page.text
