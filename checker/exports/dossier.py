"""The procurement dossier: one ZIP with every file an auditor needs, a manifest of hashes and
the organisation's signature over the manifest.

Building and checking work on bytes and dicts only (no Flask, no database), so a dossier can be
checked offline, years later, by `checker dossier verify`, against the organisation's
certificates. Only file contents count: a dossier unzipped and zipped again verifies.
"""

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime

from cryptography import x509

from checker.audit.chain import canonical
from checker.audit.chain import checkpoint_bytes
from checker.audit.chain import verify_excerpt
from checker.exports.trail_checks import trail_problems
from checker.signing.checks import check_detached
from checker.signing.cms import sign_bytes
from checker.signing.keys import SigningKey

FORMAT = "climate-dossier/1"
MANIFEST = "manifest.json"
# A detached CMS signature over manifest.json, whose bytes are its canonical JSON.
SIGNATURE = "manifest.sig"
AUDIT_FILE = "audit/entries.jsonl"
# The audit chain's head at export, signed like every checkpoint of the trail.
CHECKPOINT_FILE = "audit/checkpoint.json"
OWN_FILES = (MANIFEST, SIGNATURE)
# Limits when reading a file someone handed over: a ZIP can claim anything in its headers.
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 1024**3
MAX_NAME_LENGTH = 255


class NotADossier(ValueError):
    """The file is not a dossier this program can read (exit 2, not 'tampered')."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def json_bytes(value) -> bytes:
    """Readable, stable JSON: sorted keys, indented, UTF-8, a final newline."""
    text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def jsonl_bytes(rows: list[dict]) -> bytes:
    lines = (json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def build_manifest(files: dict[str, bytes], about: dict) -> dict:
    """The manifest: format, what the dossier is about, and every file's SHA-256 and size."""
    listed = [
        {"path": path, "sha256": sha256(data), "size": len(data)}
        for path, data in sorted(files.items())
    ]
    return {"format": FORMAT, **about, "files": listed}


def build_dossier(
    files: dict[str, bytes], about: dict, created_at: datetime, key: SigningKey | None
) -> bytes:
    """The ZIP: manifest and its signature by key (none without a key) first, then the files
    in name order, all stamped with created_at."""
    problems = [name for name in files if _name_problem(name) or name in OWN_FILES]
    if problems:
        raise ValueError(f"file names not allowed in a dossier: {problems}")
    manifest = canonical(build_manifest(files, about))
    own = [(MANIFEST, manifest)] + ([(SIGNATURE, sign_bytes(manifest, key))] if key else [])
    buffer = io.BytesIO()
    stamp = created_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*own, *sorted(files.items())]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _name_problem(name: str) -> str:
    parts = name.split("/")
    if not name or len(name) > MAX_NAME_LENGTH:
        return "an empty or overlong name"
    if name.startswith("/") or "\\" in name or ":" in name or "\x00" in name:
        return "an absolute or non-portable path"
    if any(part in ("", ".", "..") for part in parts):
        return "a path that climbs out of the dossier"
    return ""


def read_members(data: bytes) -> dict[str, bytes]:
    """Every file of the ZIP, refusing unsafe names, duplicates, encryption and bombs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise NotADossier(f"not a ZIP file ({err})") from None
    if len(infos) > MAX_MEMBERS:
        raise NotADossier(f"more than {MAX_MEMBERS} files")
    members, budget = {}, MAX_TOTAL_BYTES
    for info in infos:
        if info.is_dir() and info.file_size == 0 and not info.flag_bits & 0x1:
            continue  # folders that ordinary zip tools add when zipping an unpacked dossier
        problem = _name_problem(info.filename) or (
            "a duplicate name" if info.filename in members else ""
        )
        if problem or info.is_dir() or info.flag_bits & 0x1:
            raise NotADossier(f"{info.filename!r}: {problem or 'a folder or encrypted entry'}")
        members[info.filename] = _read_member(archive, info, budget)
        budget -= len(members[info.filename])
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    if info.file_size > budget:
        raise NotADossier(f"{info.filename!r}: the files are larger than {MAX_TOTAL_BYTES} bytes")
    try:
        with archive.open(info) as member:
            content = member.read(budget + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as err:
        raise NotADossier(f"{info.filename!r} cannot be read ({err})") from None
    if len(content) > budget:
        raise NotADossier(f"{info.filename!r} unpacks to more than its header says")
    return content


@dataclass
class DossierCheck:
    """The outcome: intact or not, each problem found (the first one first), and what it held."""

    manifest: dict
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_checked: int = 0
    reports_checked: int = 0
    audit_entries: int = 0

    @property
    def is_intact(self) -> bool:
        return not self.problems


def load_manifest(members: dict[str, bytes]) -> dict:
    if MANIFEST not in members:
        raise NotADossier(f"no {MANIFEST}: not a dossier")
    try:
        manifest = json.loads(members[MANIFEST])
    except (ValueError, UnicodeDecodeError):
        raise NotADossier(f"{MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise NotADossier(f"{MANIFEST} is not {FORMAT}")
    if not isinstance(manifest.get("files"), list):
        raise NotADossier(f"{MANIFEST} lists no files")
    return manifest


def _file_problems(manifest: dict, members: dict[str, bytes]) -> list[str]:
    listed = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            return [f"{MANIFEST}: a file entry without a path"]
        listed[entry["path"]] = entry
    problems = []
    for path, entry in sorted(listed.items()):
        if path not in members:
            problems.append(f"{path}: listed in the manifest but missing")
        elif sha256(members[path]) != entry.get("sha256") or len(members[path]) != entry.get(
            "size"
        ):
            problems.append(f"{path}: its SHA-256 does not match the manifest: altered")
    extra = sorted(set(members) - set(listed) - set(OWN_FILES))
    problems += [f"{path}: not listed in the manifest: added" for path in extra]
    return problems


def _audit_entries(members: dict[str, bytes]) -> list[dict] | None:
    try:
        lines = members.get(AUDIT_FILE, b"").decode().splitlines()
        entries = [json.loads(line) for line in lines if line]
    except (ValueError, UnicodeDecodeError):
        return None
    return entries if all(isinstance(entry, dict) for entry in entries) else None


def _audit_problems(members: dict[str, bytes], check: DossierCheck) -> list[str]:
    if AUDIT_FILE not in members:
        return [f"{AUDIT_FILE}: missing: removed"]
    entries = _audit_entries(members)
    if entries is None:
        return [f"{AUDIT_FILE}: not JSON lines"]
    result = verify_excerpt(entries)
    check.audit_entries = result.checked
    if not result.is_intact:
        return [f"{AUDIT_FILE}: entry {result.broken_seq}: {result.problem}"]
    procurement_id = (check.manifest.get("procurement") or {}).get("id")
    # The organisations' own entries come along: they name the buyer and the tenderers.
    strangers = [
        e["seq"]
        for e in entries
        if e.get("procurement_id") != procurement_id and e.get("table") != "organisation"
    ]
    if strangers:
        return [f"{AUDIT_FILE}: entry {strangers[0]} belongs to another procurement"]
    if result.gaps:
        check.notes.append(
            f"{AUDIT_FILE}: {len(result.gaps)} gap(s) in the chain hold other procurements' "
            "entries; links across a gap are checked in the full trail (checker audit verify)"
        )
    return []


Certificates = dict[str, x509.Certificate]


def _signature_problems(members: dict[str, bytes], trusted: Certificates) -> list[str]:
    """The manifest must be the one the organisation signed (so every hash in it is)."""
    if SIGNATURE not in members:
        return [f"{MANIFEST}: not signed ({SIGNATURE} is missing): not issued by this organisation"]
    try:
        manifest = canonical(json.loads(members[MANIFEST]))
    except (ValueError, UnicodeError):
        return [f"{MANIFEST}: cannot be put in canonical form to check its signature"]
    check = check_detached(manifest, members[SIGNATURE], trusted)
    if check.is_valid:
        return []
    if check.state == "foreign":
        return [f"{MANIFEST}: {check.problem}: not issued by this organisation"]
    return [f"{MANIFEST}: not the manifest that was signed ({check.problem})"]


def _checkpoint_problems(members: dict[str, bytes], trusted: Certificates, manifest: dict) -> list:
    """The signed checkpoint must state the head the manifest records."""
    if CHECKPOINT_FILE not in members:
        return [f"{CHECKPOINT_FILE}: missing: removed"]
    try:
        found = json.loads(members[CHECKPOINT_FILE])
        payload = checkpoint_bytes(found["seq"], found["hash"], found["at"])
        signature = base64.b64decode(found["signature"], validate=True)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return [f"{CHECKPOINT_FILE}: not a checkpoint"]
    check = check_detached(payload, signature, trusted)
    if not check.is_valid:
        return [f"{CHECKPOINT_FILE}: {check.problem}"]
    head = manifest.get("audit_head") or {}
    if (head.get("seq"), head.get("hash")) != (found["seq"], found["hash"]):
        return [f"{CHECKPOINT_FILE}: states another head than the manifest's audit_head"]
    return []


def _belongs_here(envelope: dict, members: dict[str, bytes], manifest: dict) -> str:
    """An authentic report of another procurement is still not this dossier's report."""
    procurement = _procurement_json(members) or {}
    reference = (manifest.get("procurement") or {}).get("reference")
    if (envelope.get("procurement") or {}).get("reference") != reference:
        return "an authentic report, but of another procurement"
    fixed = (procurement.get("ruleset") or {}).get("sha256")
    if (envelope.get("ruleset") or {}).get("sha256") != fixed:
        return "an authentic report, but made with another rule set file"
    return ""


def _register(members: dict[str, bytes]) -> dict[str, datetime]:
    """The register of issued reports as the dossier's trail holds it: file SHA-256 -> when."""
    found = {}
    for entry in _audit_entries(members) or []:
        digest = (entry.get("after") or {}).get("pdf_sha256")
        if entry.get("kind") == "report_issued" and isinstance(digest, str):
            try:
                found[digest] = datetime.fromisoformat(str(entry.get("at")).replace("Z", "+00:00"))
            except ValueError:
                continue
    return found


def _report_problems(members, check, trusted: Certificates, reproduce: bool) -> list[str]:
    """Each report must be authentic: signed by the organisation and in the register the
    dossier's trail holds; of this procurement and its rule set."""
    from checker.reports.verify import verify_pdf  # the renderer loads only when needed

    register, problems = _register(members), []
    for path in sorted(p for p in members if p.startswith("reports/") and p.endswith(".pdf")):
        result = verify_pdf(members[path], trusted, register.get, reproduce=reproduce)
        check.reports_checked += 1
        if result.is_authentic:
            reason = _belongs_here(result.envelope or {}, members, check.manifest)
            check.notes += [f"{path}: {note}" for note in result.notes if not result.reproducible]
        else:
            reason = "; ".join(result.reasons) or result.state
        if reason:
            problems.append(f"{path}: {reason}")
    return problems


def _procurement_json(members: dict[str, bytes]) -> dict | None:
    try:
        found = json.loads(members.get("procurement.json", b"{}"))
    except (ValueError, UnicodeDecodeError):
        return None
    return found if isinstance(found, dict) else None


def _ruleset_problems(members: dict[str, bytes]) -> list[str]:
    procurement = _procurement_json(members)
    if procurement is None:
        return ["procurement.json: not a JSON object"]
    ruleset = procurement.get("ruleset") or {}
    if not isinstance(ruleset, dict) or not ruleset.get("id"):
        return []
    path = f"ruleset/{ruleset['id']}/{ruleset['version']}.yaml"
    if path not in members:
        return [f"{path}: the rule set the procurement fixed is missing"]
    if sha256(members[path]) != ruleset.get("sha256"):
        return [f"{path}: not the rule set file the procurement fixed (SHA-256 differs)"]
    return []


def verify_dossier(data: bytes, trusted: Certificates, *, reproduce: bool = True) -> DossierCheck:
    """Check a dossier: the manifest's signature by one of the trusted certificates, every file
    against the manifest (nothing missing or added), the signed checkpoint, the rule set file
    against the procurement, the audit entries' hashes and links, every file against what the
    entries record, both ways, and every report PDF (signed by the organisation, in the
    register, of this procurement and its rule set; with reproduce, rendered again too)."""
    members = read_members(data)
    check = DossierCheck(manifest=load_manifest(members))
    check.files_checked = len(check.manifest["files"])
    check.problems += _signature_problems(members, trusted)
    check.problems += _file_problems(check.manifest, members)
    check.problems += _checkpoint_problems(members, trusted, check.manifest)
    check.problems += _ruleset_problems(members)
    audit = _audit_problems(members, check)
    check.problems += audit
    if not audit:  # the comparison means something only with entries that are intact
        procurement_id = (check.manifest.get("procurement") or {}).get("id")
        check.problems += trail_problems(members, _audit_entries(members) or [], procurement_id)
    check.problems += _report_problems(members, check, trusted, reproduce)
    return check
