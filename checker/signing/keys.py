"""The organisation's signing key: a PKCS#12 file from the configuration, or a key and
self-signed certificate the instance makes for itself on first start."""

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

INSTANCE_KEY_FILE = "signing-key.pem"
# RSA, not an elliptic curve: pyHanko marks an ECDSA-signed PDF as PDF 2.0 (ISO 32002), which
# a PDF/A-3 file must not claim to be.
RSA_BITS = 3072
# A report is verified years later; the instance's own certificate outlives any archive period.
INSTANCE_VALIDITY = timedelta(days=365 * 30)


class SigningKeyError(ValueError):
    """The configured key cannot be used; the message says what to fix."""


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER bytes, as hex: how a certificate is named everywhere."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


@dataclass(frozen=True)
class SigningKey:
    """A private key with its certificate (and the certificates that issued it, if any)."""

    private_key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    is_instance_key: bool = False

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()


def load_pkcs12(path: Path, password: str | None) -> SigningKey:
    """The organisation's enterprise certificate (virksomhetssertifikat) from a PKCS#12 file."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise SigningKeyError(f"{path}: the PKCS#12 file cannot be read ({err.strerror})") from None
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            data, password.encode("utf-8") if password else None
        )
    except ValueError:
        raise SigningKeyError(
            f"{path}: not a PKCS#12 file, or the password (CHECKER_SIGNING_PASSWORD) is wrong"
        ) from None
    if key is None or certificate is None:
        raise SigningKeyError(f"{path}: the PKCS#12 file holds no private key and certificate")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SigningKeyError(f"{path}: the key is not an RSA key (needed for PDF/A reports)")
    return SigningKey(key, certificate, tuple(chain or ()))


def _self_signed(key: rsa.RSAPrivateKey, name: str, now: datetime) -> x509.Certificate:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name}: report signing (instance key)"),
        ]
    )
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + INSTANCE_VALIDITY)
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


def _pem(key: rsa.RSAPrivateKey, certificate: x509.Certificate) -> bytes:
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private + certificate.public_bytes(serialization.Encoding.PEM)


def _read_instance_key(path: Path) -> SigningKey:
    data = path.read_bytes()
    try:
        key = serialization.load_pem_private_key(data, password=None)
        certificate = x509.load_pem_x509_certificate(
            data[data.index(b"-----BEGIN CERTIFICATE-----") :]
        )
    except ValueError:
        raise SigningKeyError(f"{path}: not a key and certificate in PEM") from None
    return SigningKey(key, certificate, is_instance_key=True)


def instance_key(folder: Path, name: str = "climate-checker") -> tuple[SigningKey, bool]:
    """The instance's own key, made on first start (readable by the owner only); True when it
    was made now. Two processes starting at once end up with the same key: the file is created
    exclusively and the one that loses reads the winner's."""
    path = Path(folder) / INSTANCE_KEY_FILE
    if path.exists():
        return _read_instance_key(path), False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    data = _pem(key, _self_signed(key, name, datetime.now(UTC)))
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_instance_key(path), False
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    return _read_instance_key(path), True


@dataclass(frozen=True)
class KeySource:
    """Where the signing key is: a PKCS#12 file and its password, else the instance folder's own
    key. Passed to child processes and jobs, which load the key themselves."""

    instance_folder: str
    pkcs12_path: str | None = None
    password: str | None = None

    def load(self) -> SigningKey:
        """The key, loaded once per process; an instance key must exist already."""
        return _load(self)

    def load_or_create(self, name: str = "climate-checker") -> tuple[SigningKey, bool]:
        """The key; the instance key is made when there is none (True then)."""
        if self.pkcs12_path:
            return self.load(), False
        return instance_key(Path(self.instance_folder), name)


@cache
def _load(source: KeySource) -> SigningKey:
    if source.pkcs12_path:
        return load_pkcs12(Path(source.pkcs12_path), source.password)
    path = Path(source.instance_folder) / INSTANCE_KEY_FILE
    if not path.exists():
        raise SigningKeyError(f"{path}: no instance key yet (the web application makes it)")
    return _read_instance_key(path)
