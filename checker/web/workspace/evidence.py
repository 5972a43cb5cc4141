"""Evidence files on a bid: sniffed by their first bytes, size-limited, kept with their SHA-256."""

import hashlib

from flask_babel import gettext as _
from wtforms import SelectChoice

from checker.web.models import EVIDENCE_KINDS
from checker.web.models import EvidenceFile
from checker.web.models import Tender
from checker.web.models import User

MAX_EVIDENCE_BYTES = 4 * 1024 * 1024  # the request limit is 5 MB
MAX_EVIDENCE_FILES = 50  # per bid: certificates, market checks and plans, not an archive
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def read_and_close(storage) -> bytes:
    """An uploaded file's bytes; the spooled temporary file is closed at once, not left to GC."""
    try:
        return storage.read()
    finally:
        storage.close()


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are (never what the browser claims), or None."""
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def evidence_targets(data: dict) -> list[SelectChoice]:
    """What evidence can back: each fuel, each exception request, each named document."""
    choices = []
    names = {"fuels": _("Fuel"), "exceptions": _("Exception request"), "documents": _("Document")}
    for kind in EVIDENCE_KINDS:
        ids = (
            list((data.get("documents") or {}).keys())
            if kind == "documents"
            else [entry["id"] for entry in data.get(kind) or []]
        )
        choices += [SelectChoice(f"{kind}:{item}", f"{names[kind]} {item}") for item in ids]
    return choices


def problem_with(data: bytes) -> str | None:
    if not data:
        return _("The file is empty.")
    if len(data) > MAX_EVIDENCE_BYTES:
        return _("The file is larger than 4 MB.")
    if sniff(data) is None:
        return _("Only PDF, PNG and JPEG files are accepted; this file is none of them.")
    return None


def attach(tender: Tender, target: str, filename: str, data: bytes, user: User) -> EvidenceFile:
    kind, item = target.split(":", 1)
    # ASCII only: the name goes into a Content-Disposition header on download.
    safe_name = (
        "".join(c if (c.isascii() and c.isalnum()) or c in "-._ " else "_" for c in filename)[
            :200
        ].strip()
        or "file"
    )
    evidence = EvidenceFile(
        kind=kind,
        item_id=item,
        filename=safe_name,
        content_type=sniff(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
        uploaded_by_id=user.id,
    )
    tender.evidence.append(evidence)
    return evidence
