"""The procurement dossier: one ZIP with every file an auditor needs, and a manifest of hashes.

Building and checking work on bytes and dicts only (no Flask, no database), so a dossier can be
checked offline, years later, by `checker dossier verify`.
"""

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime

from checker.audit.chain import canonical
from checker.audit.chain import verify_excerpt

FORMAT = "climate-dossier/1"
MANIFEST = "manifest.json"
AUDIT_FILE = "audit/entries.jsonl"
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


def build_dossier(files: dict[str, bytes], about: dict, created_at: datetime) -> bytes:
    """The ZIP: manifest first, then the files in name order, all stamped with created_at."""
    problems = [name for name in files if _name_problem(name) or name == MANIFEST]
    if problems:
        raise ValueError(f"file names not allowed in a dossier: {problems}")
    manifest = build_manifest(files, about)
    buffer = io.BytesIO()
    stamp = created_at.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [(MANIFEST, json_bytes(manifest)), *sorted(files.items())]:
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
    extra = sorted(set(members) - set(listed) - {MANIFEST})
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
        return []
    entries = _audit_entries(members)
    if entries is None:
        return [f"{AUDIT_FILE}: not JSON lines"]
    result = verify_excerpt(entries)
    check.audit_entries = result.checked
    if not result.is_intact:
        return [f"{AUDIT_FILE}: entry {result.broken_seq}: {result.problem}"]
    procurement_id = (check.manifest.get("procurement") or {}).get("id")
    strangers = [e["seq"] for e in entries if e.get("procurement_id") != procurement_id]
    if strangers:
        return [f"{AUDIT_FILE}: entry {strangers[0]} belongs to another procurement"]
    if result.gaps:
        check.notes.append(
            f"{AUDIT_FILE}: {len(result.gaps)} gap(s) in the chain hold other procurements' "
            "entries; links across a gap are checked in the full trail (checker audit verify)"
        )
    return []


ReportVerifier = Callable[[bytes], tuple[str, dict | None]]


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


def _tender_problems(members: dict[str, bytes], check: DossierCheck) -> list[str]:
    """Each tender snapshot must be the data the audit trail last recorded for that tender: a
    snapshot altered together with the manifest is caught by the entries' hashes."""
    recorded = {}
    for entry in _audit_entries(members) or []:
        data = (entry.get("after") or {}).get("data")
        if entry.get("table") == "tender" and data is not None:
            recorded[f"tenders/{entry.get('row_id')}.json"] = canonical(data)
    problems = []
    for path in sorted(p for p in members if p.startswith("tenders/") and p[8:-5].isdigit()):
        if path not in recorded:
            # Every tender is recorded when it is made, under its procurement: no entry means
            # the entries that would show the snapshot was altered have been taken out.
            problems.append(f"{path}: the audit entries hold no record of this tender: removed?")
        elif recorded[path] != members[path]:
            problems.append(f"{path}: differs from the tender data in the audit trail: altered")
    return problems


def _frozen_problems(members: dict[str, bytes]) -> list[str]:
    """A frozen bid's snapshot must still hash to the value recorded at the deadline (which the
    audit trail holds too)."""
    recorded = {}
    for entry in _audit_entries(members) or []:
        frozen = (entry.get("after") or {}).get("frozen_sha256")
        if entry.get("table") == "tender" and frozen:
            recorded[f"tenders/{entry.get('row_id')}.frozen.json"] = frozen
    return [
        f"{path}: does not hash to the value recorded when the bid was frozen: altered"
        for path, expected in sorted(recorded.items())
        if path in members and sha256(members[path]) != expected
    ]


def _recorded(members: dict[str, bytes], table: str, kind: str, key: str) -> dict:
    """What the audit entries recorded of each row of a table (row id -> the value of key)."""
    found = {}
    for entry in _audit_entries(members) or []:
        value = (entry.get("after") or {}).get(key)
        if entry.get("table") == table and entry.get("kind") == kind and value is not None:
            found[str(entry.get("row_id"))] = value
    return found


def _row_id(path: str) -> str:
    """reports/7.pdf -> 7; evidence/3/12.pdf -> 12."""
    return path.rsplit("/", 1)[-1].split(".", 1)[0]


def _recorded_file_problems(members: dict[str, bytes]) -> list[str]:
    """Issued reports and evidence files must be the bytes whose SHA-256 the trail recorded when
    they were issued or attached, so an authentic file swapped for another is caught too."""
    problems = []
    for prefix, table, kind, key in (
        ("reports/", "issued_report", "report_issued", "pdf_sha256"),
        ("evidence/", "evidence_file", "created", "sha256"),
    ):
        recorded = _recorded(members, table, kind, key)
        for path in sorted(p for p in members if p.startswith(prefix) and not p.endswith(".json")):
            expected = recorded.get(_row_id(path))
            if expected is None:
                problems.append(f"{path}: the audit entries hold no record of it: removed?")
            elif sha256(members[path]) != expected:
                problems.append(f"{path}: not the file the audit trail recorded: altered")
    return problems


def _award_problems(members: dict[str, bytes]) -> list[str]:
    """The award decision must say what the trail recorded when it was made."""
    if "award-decision.json" not in members:
        return []
    try:
        decision = json.loads(members["award-decision.json"])
    except (ValueError, UnicodeDecodeError):
        return ["award-decision.json: not JSON"]
    made = [
        e.get("after") or {}
        for e in _audit_entries(members) or []
        if e.get("table") == "award_decision" and e.get("kind") == "created"
    ]
    if not made:
        return ["award-decision.json: the audit entries hold no record of it: removed?"]
    recorded = made[-1]
    if (recorded.get("justification"), recorded.get("tender_id")) != (
        decision.get("justification"),
        decision.get("tender"),
    ):
        return ["award-decision.json: differs from the decision in the audit trail: altered"]
    return []


def _report_problems(members, check, verify_report: ReportVerifier) -> list[str]:
    problems = []
    for path in sorted(p for p in members if p.startswith("reports/") and p.endswith(".pdf")):
        reason, envelope = verify_report(members[path])
        check.reports_checked += 1
        reason = reason or _belongs_here(envelope or {}, members, check.manifest)
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


def verify_dossier(data: bytes, verify_report: ReportVerifier) -> DossierCheck:
    """Check a dossier: every file against the manifest, nothing missing or added, the rule set
    file against the procurement, the audit entries' hashes and links, every report PDF with
    verify_report (which returns '' and the report's embedded data for an authentic report,
    else the reason) and that each report is of this procurement and its rule set."""
    members = read_members(data)
    check = DossierCheck(manifest=load_manifest(members))
    check.files_checked = len(check.manifest["files"])
    check.problems += _file_problems(check.manifest, members)
    check.problems += _ruleset_problems(members)
    check.problems += _audit_problems(members, check)
    if check.is_intact:  # the comparison means something only with entries that are intact
        check.problems += _tender_problems(members, check)
        check.problems += _frozen_problems(members)
        check.problems += _recorded_file_problems(members)
        check.problems += _award_problems(members)
    check.problems += _report_problems(members, check, verify_report)
    return check
