"""The register of every certificate this organisation has signed with, kept as files.

A folder, not a database table, on purpose: a signature proves origin only if the list of
certificates it is checked against cannot be extended by whoever can write to the database.
Keys are rotated by configuring a new one; the old certificate stays here, so the reports it
signed still verify.
"""

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from checker.signing.keys import fingerprint


class CertificateRegister:
    """Certificates by fingerprint, one PEM file each (`<sha256>.pem`)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def add(self, certificate: x509.Certificate) -> bool:
        """Register a certificate; True when it was new."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{fingerprint(certificate)}.pem"
        if path.exists():
            return False
        path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return True

    def certificates(self) -> dict[str, x509.Certificate]:
        """Every registered certificate, by fingerprint (a file that is not one is skipped)."""
        found = {}
        for path in sorted(self.folder.glob("*.pem")) if self.folder.is_dir() else []:
            try:
                certificate = x509.load_pem_x509_certificate(path.read_bytes())
            except ValueError:
                continue
            found[fingerprint(certificate)] = certificate
        return found


def load_certificates(paths: list[Path]) -> dict[str, x509.Certificate]:
    """Certificates from PEM or DER files an auditor was given, by fingerprint."""
    found = {}
    for path in paths:
        data = Path(path).read_bytes()
        try:
            if b"-----BEGIN CERTIFICATE-----" in data:
                certificates = x509.load_pem_x509_certificates(data)
            else:
                certificates = [x509.load_der_x509_certificate(data)]
        except ValueError:
            raise ValueError(f"{path}: not a certificate (PEM or DER)") from None
        found |= {fingerprint(c): c for c in certificates}
    return found


def describe(certificate: x509.Certificate) -> dict:
    """What a person needs to recognise a certificate."""
    return {
        "sha256": fingerprint(certificate),
        "subject": certificate.subject.rfc4514_string(),
        "issuer": certificate.issuer.rfc4514_string(),
        "self_signed": certificate.subject == certificate.issuer,
        "not_before": certificate.not_valid_before_utc.isoformat(),
        "not_after": certificate.not_valid_after_utc.isoformat(),
        "pem": certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }
