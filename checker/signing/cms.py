"""Signing bytes with the organisation's key through pyHanko, and reading a CMS signature back."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.sign import signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko_certvalidator.registry import SimpleCertificateStore

from checker.signing.keys import SigningKey


def asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class KeySigner(signers.Signer):
    """A pyHanko signer over a key loaded once. pyHanko's SimpleSigner parses its key again for
    every signature, and OpenSSL's check of an RSA key costs about 0.17 s each time."""

    def __init__(self, key: SigningKey):
        registry = SimpleCertificateStore.from_certs([asn1_certificate(c) for c in key.chain])
        super().__init__(signing_cert=asn1_certificate(key.certificate), cert_registry=registry)
        self._key = key.private_key

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        return self._key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))


def sign_bytes(data: bytes, key: SigningKey) -> bytes:
    """A detached CMS signature (DER) over data: `openssl cms -verify -binary -inform DER
    -in SIG -content DATA` checks it."""
    signer = KeySigner(key)
    content_info = _run(signer.async_sign_general_data(data, "sha256", detached=True))
    return content_info.dump()


def in_own_thread_if_a_loop_runs(function, *args):
    """Call a synchronous pyHanko function that runs asyncio itself; from a thread whose event
    loop is running (asyncio refuses to nest), call it in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _run(coroutine):
    """Run pyHanko's coroutine to its end, also from a thread whose event loop is running
    (asyncio.run refuses that): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
