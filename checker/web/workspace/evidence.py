"""Evidence files on a bid: sniffed by their first bytes, size-limited, refused when they carry
active content, kept with their SHA-256 under a name whose extension is their real type."""

import hashlib
import io
import re
from pathlib import PurePosixPath

from flask_babel import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject
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


EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
# PDF names that run something when the file is opened or used: scripts, launching programs,
# sending or fetching form data, media players, XFA forms. (Embedded files are no such thing:
# the reports this system issues carry their data as one.)
ACTIVE_NAMES = (
    "/JavaScript",
    "/JS",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/XFA",
)
ACTIVE_PDF = re.compile(rb"/(?:JavaScript|JS|Launch|SubmitForm|ImportData|RichMedia|XFA)\b")
# A file that is also a web page (a polyglot) could run as one if ever served as HTML.
HTML = re.compile(rb"<\s*(?:html|script|body|iframe|svg|!doctype\s+html)\b", re.IGNORECASE)


def active_content(data: bytes, content_type: str) -> bool:
    """The file would run something: markup a browser would run, or a PDF's scripts and
    actions (looked for in the raw bytes and in every object, compressed ones included)."""
    if HTML.search(data):
        return True
    if content_type != "application/pdf":
        return False
    return bool(ACTIVE_PDF.search(data)) or _active_pdf_objects(data)


def _active_pdf_objects(data: bytes) -> bool:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        for number in range(1, int(reader.trailer.get("/Size", 0))):
            found = reader.get_object(number)
            if isinstance(found, DictionaryObject) and any(key in found for key in ACTIVE_NAMES):
                return True
            if isinstance(found, DictionaryObject) and found.get("/S") in ACTIVE_NAMES:
                return True
    except (PyPdfError, ValueError, TypeError, KeyError, RecursionError):
        return False  # not a PDF pypdf reads: the raw scan above is what there is
    return False


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
    kind = sniff(data)
    if kind is None:
        return _("Only PDF, PNG and JPEG files are accepted; this file is none of them.")
    if active_content(data, kind):
        return _(
            "The file contains active content (scripts, actions or web-page markup) and is not "
            "accepted. Save or print it as a plain PDF, or as PNG or JPEG, and attach that."
        )
    return None


def neutral_name(filename: str, content_type: str) -> str:
    """The name kept: the original's stem in ASCII letters, digits, ' ', '-' and '_' (it goes into a
    Content-Disposition header), with the extension of the type the bytes really are, so
    "plan.html" is kept as "plan.pdf" when it is a PDF."""
    stem = PurePosixPath(filename.replace("\\", "/")).name.split(".")[0]
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_ ") else "_" for c in stem)
    return f"{safe.strip()[:150] or 'file'}.{EXTENSIONS[content_type]}"


def attach(tender: Tender, target: str, filename: str, data: bytes, user: User) -> EvidenceFile:
    kind, item = target.split(":", 1)
    content_type = sniff(data)
    evidence = EvidenceFile(
        kind=kind,
        item_id=item,
        filename=neutral_name(filename, content_type),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
        uploaded_by_id=user.id,
    )
    tender.evidence.append(evidence)
    return evidence
