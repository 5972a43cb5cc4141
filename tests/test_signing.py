"""Signing: the instance key, PKCS#12 keys, PAdES signatures that keep PDF/A, detached
signatures, and checks that tell a valid signature by this organisation from everything else."""

import io
import os
import shutil
import stat
import subprocess
import threading

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption
from cryptography.hazmat.primitives.serialization import pkcs12
from pypdf import PdfReader

from checker.signing import checks
from checker.signing.checks import check_detached
from checker.signing.checks import check_pdf_signature
from checker.signing.cms import sign_bytes
from checker.signing.keys import INSTANCE_KEY_FILE
from checker.signing.keys import KeySource
from checker.signing.keys import SigningKeyError
from checker.signing.keys import instance_key
from checker.signing.keys import load_pkcs12
from checker.signing.pades import sign_pdf
from checker.signing.register import CertificateRegister
from checker.signing.register import load_certificates


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """Two instances' keys: ours and another's (same code, other key)."""
    ours, _ = instance_key(tmp_path_factory.mktemp("ours"), "Eksempel kommune")
    other, _ = instance_key(tmp_path_factory.mktemp("other"), "Eksempel kommune")
    return ours, other


@pytest.fixture(scope="module")
def unsigned():
    from weasyprint import HTML

    html = "<html lang='nb'><head><title>Rapport</title></head><body><p>Ærlig rapport</p></body>"
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3b", pdf_identifier=b"0" * 32)


def test_the_instance_key_is_made_once_readable_by_the_owner_only(tmp_path):
    key, created = instance_key(tmp_path, "Eksempel kommune")
    path = tmp_path / INSTANCE_KEY_FILE
    assert created and stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created_again = instance_key(tmp_path)
    assert not created_again and again.fingerprint == key.fingerprint
    assert key.is_instance_key and "Eksempel kommune" in key.subject
    assert key.certificate.subject == key.certificate.issuer  # self-signed


def test_instances_starting_at_once_share_one_key(tmp_path):
    found = []
    threads = [
        threading.Thread(target=lambda: found.append(instance_key(tmp_path)[0].fingerprint))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1 and len(found) == 4


def test_a_pkcs12_file_is_loaded_with_its_password(tmp_path, keys):
    ours, _ = keys
    path = tmp_path / "virksomhet.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signing",
            ours.private_key,
            ours.certificate,
            None,
            BestAvailableEncryption(b"hemmelig"),
        )
    )
    loaded = load_pkcs12(path, "hemmelig")
    assert loaded.fingerprint == ours.fingerprint and not loaded.is_instance_key
    assert KeySource(str(tmp_path), str(path), "hemmelig").load().fingerprint == ours.fingerprint
    with pytest.raises(SigningKeyError, match="CHECKER_SIGNING_PASSWORD"):
        load_pkcs12(path, "feil")
    with pytest.raises(SigningKeyError, match="cannot be read"):
        load_pkcs12(tmp_path / "missing.p12", "x")


def _flags(pdf: bytes) -> dict:
    reader = PdfReader(io.BytesIO(pdf))
    field = reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    return {
        "F": int(field["/F"]),
        "rect": [float(x) for x in field["/Rect"]],
        "subfilter": field["/V"].get_object()["/SubFilter"],
    }


def test_a_signed_pdf_keeps_its_render_and_its_pdf_a_metadata(keys, unsigned):
    ours, _ = keys
    signed = sign_pdf(unsigned, ours, reason="test", location="Oslo")
    assert signed[: len(unsigned)] == unsigned  # an incremental update: the render stays
    reader, before = PdfReader(io.BytesIO(signed)), PdfReader(io.BytesIO(unsigned))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert xmp == before.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    # PDF/A: the Info dictionary says what the XMP says, and the file claims no PDF 2.0.
    assert reader.metadata == before.metadata
    assert signed.startswith(b"%PDF-1.7") and "/Version" not in reader.trailer["/Root"]
    flags = _flags(signed)
    assert flags["F"] & 4 and not flags["F"] & (1 | 2 | 32)  # printed, never hidden
    assert flags["rect"] == [0, 0, 0, 0] and flags["subfilter"] == "/ETSI.CAdES.detached"


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) missing")
def test_pdfsig_lists_the_signature_as_valid(keys, unsigned, tmp_path):
    ours, _ = keys
    path = tmp_path / "signed.pdf"
    path.write_bytes(sign_pdf(unsigned, ours, reason="test", location="Oslo"))
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature Field Name: ReportSignature" in out.stdout
    assert "Signature is Valid" in out.stdout and "Total document signed" in out.stdout


def test_a_signature_is_valid_only_by_a_certificate_of_this_organisation(keys, unsigned):
    ours, other = keys
    trusted = {ours.fingerprint: ours.certificate}
    signed = sign_pdf(unsigned, ours, reason="r", location="l")
    check = check_pdf_signature(signed, trusted)
    assert check.is_valid and check.certificate_sha256 == ours.fingerprint
    assert check_pdf_signature(signed, {}).state == checks.FOREIGN
    forged = sign_pdf(unsigned, other, reason="r", location="l")
    assert check_pdf_signature(forged, trusted).state == checks.FOREIGN
    assert check_pdf_signature(unsigned, trusted).state == checks.UNSIGNED
    assert check_pdf_signature(b"%PDF-1.7 nonsense", trusted).state == checks.BROKEN


def test_anything_added_after_signing_is_found(keys, unsigned):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    ours, _ = keys
    signed = sign_pdf(unsigned, ours, reason="r", location="l")
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.pdf_string("en")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    check = check_pdf_signature(output.getvalue(), {ours.fingerprint: ours.certificate})
    assert check.state == checks.ALTERED and "added" in check.problem


def test_a_detached_signature_names_a_changed_byte_and_a_foreign_key(keys):
    ours, other = keys
    trusted = {ours.fingerprint: ours.certificate}
    signature = sign_bytes(b'{"files":[]}', ours)
    assert check_detached(b'{"files":[]}', signature, trusted).is_valid
    assert check_detached(b'{"files":[1]}', signature, trusted).state == checks.ALTERED
    assert check_detached(b'{"files":[]}', sign_bytes(b'{"files":[]}', other), trusted).state == (
        checks.FOREIGN
    )
    assert check_detached(b'{"files":[]}', signature[:-5], trusted).state == checks.BROKEN
    assert check_detached(b"x", b"", trusted).state == checks.BROKEN


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")
def test_openssl_checks_a_detached_signature(keys, tmp_path):
    ours, _ = keys
    (tmp_path / "data").write_bytes(b"manifest")
    (tmp_path / "sig").write_bytes(sign_bytes(b"manifest", ours))
    register = CertificateRegister(tmp_path / "certs")
    register.add(ours.certificate)
    cert = next((tmp_path / "certs").glob("*.pem"))
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "sig"]
    command += ["-content", "data", "-CAfile", str(cert), "-purpose", "any", "-out", os.devnull]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_the_register_keeps_every_certificate(tmp_path, keys):
    ours, other = keys
    register = CertificateRegister(tmp_path / "certificates")
    assert register.add(ours.certificate) and not register.add(ours.certificate)
    assert register.add(other.certificate)
    assert set(register.certificates()) == {ours.fingerprint, other.fingerprint}
    (tmp_path / "certificates" / "junk.pem").write_text("not a certificate")
    assert len(register.certificates()) == 2
    files = [p for p in (tmp_path / "certificates").glob("*.pem") if p.name != "junk.pem"]
    assert set(load_certificates(files)) == {ours.fingerprint, other.fingerprint}
    with pytest.raises(ValueError, match="not a certificate"):
        load_certificates([tmp_path / "certificates" / "junk.pem"])
