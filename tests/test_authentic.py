"""Authentic means signed and registered: a report issued here verifies; one made with
`checker assess --format pdf`, by another instance, or changed by one byte does not; a broken
file is 'not a valid report' (exit 2), never a crash. Keys rotate without losing old reports."""

import hashlib
import io
import logging
import stat

import pytest
from bs4 import BeautifulSoup
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select

from checker.signing.keys import INSTANCE_KEY_FILE
from checker.signing.keys import instance_key
from checker.web import create_app
from checker.web import signing
from checker.web.demo import load_demo
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import IssuedReport
from checker.web.models import Procurement
from checker.web.models import User
from checker.web.reports.issuing import request_report
from tests.helpers import EXAMPLES
from tests.helpers import app_config

ISSUED = "2026-11-29T10:00:00Z"


def _issue(app) -> bytes:
    """An officer issues the summary report of the closed procurement's first tender."""
    with app.app_context():
        closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        return request_report(closed.tenders[0], "compliance", "summary", "nb", officer).pdf


@pytest.fixture
def on_the_system(demo_app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    return demo_app


def _check_page(client, pdf: bytes):
    response = client.post(
        "/p/verify",
        data={"report": (io.BytesIO(pdf), "rapport.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def test_an_issued_report_is_signed_registered_and_authentic(on_the_system, run_cli, tmp_path):
    pdf = _issue(on_the_system)
    with on_the_system.app_context():
        report = db.session.scalar(select(IssuedReport))
        key = signing.current().key
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.kind == "report_issued"))
        assert report.certificate_sha256 == key.fingerprint
        assert report.pdf_sha256 == hashlib.sha256(pdf).hexdigest() != report.unsigned_sha256
        assert entry.after["unsigned_sha256"] == report.unsigned_sha256
        assert entry.after["certificate_sha256"] == key.fingerprint
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf)
    code, out, _ = run_cli("verify", path)
    assert code == 0 and "AUTHENTIC: issued by this organisation" in out
    assert "signed by Eksempel kommune: report signing (instance key)" in out
    page = _check_page(on_the_system.test_client(), pdf)
    assert page.find(id="result").text == "Ekte: utstedt av denne virksomheten og ikke endret siden"
    assert "Ja, utstedt" in page.text


def test_a_report_made_with_checker_assess_is_not_issued_by_this_organisation(
    on_the_system, run_cli, tmp_path
):
    path = tmp_path / "laget-selv.pdf"
    args = ["assess", EXAMPLES / "school-compliant.json", "--ruleset", "dfo-fossil-free-site"]
    assert run_cli(*args, "--format", "pdf", "-o", path, "--issued-at", ISSUED)[0] == 0
    code, out, _ = run_cli("verify", path)
    assert code == 1 and "NOT AUTHENTIC: not issued by this organisation" in out
    assert "it carries no signature" in out and "reproducible" in out
    assert "claims to be: tender T-2026-0117" in out


def test_a_report_issued_by_another_instance_is_not_authentic_here(
    on_the_system, run_cli, tmp_path, monkeypatch
):
    """Same code, same demo data, same organisation name: another key."""
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path / "other-instance"))
    other = create_app(app_config(tmp_path, f"sqlite:///{tmp_path / 'other.sqlite'}"))
    with other.app_context():
        db.create_all()
        load_demo()
    pdf = _issue(other)
    with other.app_context():
        db.engine.dispose()
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", on_the_system.instance_path)
    path = tmp_path / "fra-en-annen.pdf"
    path.write_bytes(pdf)
    code, out, _ = run_cli("verify", path)
    assert code == 1 and "a certificate this organisation does not use" in out
    page = _check_page(on_the_system.test_client(), pdf)
    assert page.find(id="result").text == "Ikke ekte: ikke utstedt av denne virksomheten"
    assert "et sertifikat denne virksomheten ikke bruker" in page.text


def _embedded_stream(pdf: bytes) -> int:
    marker = pdf.index(b"/Type /EmbeddedFile")
    return pdf.index(b"stream\n", marker) + len(b"stream\n")


def test_flipped_bytes_and_broken_files_are_answers_never_crashes(on_the_system, run_cli, tmp_path):
    pdf = _issue(on_the_system)
    client = on_the_system.test_client()
    data = _embedded_stream(pdf)
    positions = [10, data, data + 20, len(pdf) // 2, len(pdf) - 3]
    for position in positions:
        altered = bytearray(pdf)
        altered[position] ^= 0x01
        path = tmp_path / f"flip-{position}.pdf"
        path.write_bytes(bytes(altered))
        code, out, err = run_cli("verify", path)
        assert code in (1, 2) and "internal error" not in err, (position, out, err)
        headline = _check_page(client, bytes(altered)).find(id="result").text
        assert headline.startswith("Ikke"), (position, headline)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[:3000])
    code, out, _ = run_cli("verify", path)
    assert code == 2 and "NOT A VALID REPORT" in out


def _pkcs12(path, key, password: bytes):
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"virksomhet", key.private_key, key.certificate, None, BestAvailableEncryption(password)
        )
    )


def test_a_new_key_keeps_old_reports_verifiable(on_the_system, tmp_path, run_cli, monkeypatch):
    old_pdf = _issue(on_the_system)
    enterprise = instance_key(tmp_path / "enterprise", "Eksempel kommune")[0]
    _pkcs12(tmp_path / "virksomhet.p12", enterprise, b"hemmelig")
    monkeypatch.setenv("CHECKER_SIGNING_PKCS12", str(tmp_path / "virksomhet.p12"))
    monkeypatch.setenv("CHECKER_SIGNING_PASSWORD", "hemmelig")
    rotated = create_app(app_config(tmp_path, on_the_system.config["SQLALCHEMY_DATABASE_URI"]))
    with rotated.app_context():
        assert signing.current().key.fingerprint == enterprise.fingerprint
        assert len(signing.current().trusted()) == 2
        closed = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        new = request_report(closed.tenders[1], "compliance", "summary", "nb", officer)
        assert new.certificate_sha256 == enterprise.fingerprint
        new_pdf = new.pdf
        page = BeautifulSoup(rotated.test_client().get("/p/verify").text, "html.parser")
        pem = rotated.test_client().get("/p/verify/certificates.pem").data
        db.session.remove()
        db.engine.dispose()
    assert "virksomhetssertifikatet, utstedt av" in page.text and "selvsignert" not in page.text
    assert pem.count(b"BEGIN CERTIFICATE") == 2
    for name, pdf in (("old.pdf", old_pdf), ("new.pdf", new_pdf)):
        (tmp_path / name).write_bytes(pdf)
        code, out, _ = run_cli("verify", tmp_path / name)
        assert code == 0, out


def test_a_wrong_pkcs12_password_is_named_not_a_crash(
    on_the_system, tmp_path, run_cli, monkeypatch
):
    _pkcs12(tmp_path / "virksomhet.p12", instance_key(tmp_path / "k")[0], b"riktig")
    monkeypatch.setenv("CHECKER_SIGNING_PKCS12", str(tmp_path / "virksomhet.p12"))
    monkeypatch.setenv("CHECKER_SIGNING_PASSWORD", "feil")
    (tmp_path / "r.pdf").write_bytes(b"%PDF-1.7")
    code, _, err = run_cli("verify", tmp_path / "r.pdf")
    assert code == 2 and "CHECKER_SIGNING_PKCS12" in err and "password" in err


def test_the_first_start_makes_the_instance_key_and_says_so(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path / "fresh"))
    with caplog.at_level(logging.WARNING, logger="checker.web"):
        app = create_app(app_config(tmp_path, f"sqlite:///{tmp_path / 'fresh.sqlite'}"))
    path = tmp_path / "fresh" / INSTANCE_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with app.app_context():
        fingerprint = signing.current().key.fingerprint
    assert any("self-signed certificate for this instance" in r.message for r in caplog.records)
    assert any(fingerprint in r.message for r in caplog.records)
    with app.app_context():
        db.create_all()
    page = BeautifulSoup(app.test_client().get("/p/verify").text, "html.parser")
    assert "laget til seg selv (selvsignert)" in page.text and fingerprint in page.text
    with app.app_context():
        db.engine.dispose()
