"""The organisation's signing key in the web application: loaded (or made, on the instance's
first start) when the app is created, its certificate registered, and the certificates that
signatures are checked against."""

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from flask import Flask
from flask import current_app

from checker.signing.keys import KeySource
from checker.signing.keys import SigningKey
from checker.signing.register import CertificateRegister

CERTIFICATES_FOLDER = "certificates"


@dataclass(frozen=True)
class Signing:
    source: KeySource
    key: SigningKey
    register: CertificateRegister

    def trusted(self) -> dict[str, x509.Certificate]:
        """Every certificate this organisation has signed with (the current one included)."""
        return self.register.certificates() | {self.key.fingerprint: self.key.certificate}


def init_app(app: Flask) -> None:
    folder = Path(app.instance_path)
    source = KeySource(
        instance_folder=str(folder),
        pkcs12_path=app.config.get("SIGNING_PKCS12") or None,
        password=app.config.get("SIGNING_PASSWORD") or None,
    )
    key, created = source.load_or_create(app.config.get("SIGNING_NAME") or "climate-checker")
    if created:
        app.logger.warning(
            "made a signing key and a self-signed certificate for this instance (%s, SHA-256 %s); "
            "reports are signed with it until CHECKER_SIGNING_PKCS12 names the organisation's "
            "enterprise certificate",
            folder / "signing-key.pem",
            key.fingerprint,
        )
    register = CertificateRegister(folder / CERTIFICATES_FOLDER)
    if register.add(key.certificate) and not created:
        app.logger.warning(
            "registered the signing certificate %s (%s)", key.subject, key.fingerprint
        )
    app.extensions["signing"] = Signing(source, key, register)


def current() -> Signing:
    return current_app.extensions["signing"]
