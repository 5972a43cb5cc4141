"""Commands for auditors: check the audit trail, list it, export and check dossiers, OCDS."""

import json
import sys
from pathlib import Path

import click

from checker.cli.common import lang_option
from checker.cli.common import write_bytes
from checker.cli.web import _app
from checker.cli.web import database
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem

EXIT_TAMPERED = 1


@click.group("audit")
def audit_group():
    """The audit trail."""


def _expected_entry(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    seq, _, digest = value.partition(":")
    if not (seq.isdigit() and len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)):
        raise InputError(
            "--expect", [Problem("", f"expected SEQ:SHA256 (64 hex digits); found {value!r}")]
        )
    return int(seq), digest


@audit_group.command("verify")
@click.option(
    "--expect",
    metavar="SEQ:HASH",
    help="An entry noted earlier (e.g. a dossier's audit_head): it must still be there.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Re-hash every entry and check every checkpoint, not only from the newest checkpoint.",
)
def audit_verify(expect, full):
    """Check the audit trail from its newest signed checkpoint (with --full: all of it); exit 0
    intact, 1 broken (naming the entry)."""
    from checker.web.audit.checkpoints import verify_everything
    from checker.web.audit.checkpoints import verify_from_checkpoint
    from checker.web.audit.trail import entry_hash_at

    expected = _expected_entry(expect)
    with database(_app()):
        result = verify_everything() if full else verify_from_checkpoint()
        found = entry_hash_at(expected[0]) if expected else None
    chain = result.chain
    if result.problem:
        click.echo(f"audit trail BROKEN: {result.problem}")
        sys.exit(EXIT_TAMPERED)
    if not chain.is_intact:
        click.echo(
            f"audit trail BROKEN at entry {chain.broken_seq}: {chain.problem} "
            f"({chain.checked} entries before it are intact)"
        )
        sys.exit(EXIT_TAMPERED)
    if expected and found != expected[1]:
        what = "is missing: entries at the end were removed" if found is None else "differs"
        click.echo(f"audit trail BROKEN: the expected entry {expected[0]} {what}")
        sys.exit(EXIT_TAMPERED)
    since = (
        f"from checkpoint {result.checkpoint_seq}" if result.checkpoint_seq else "from the start"
    )
    click.echo(
        f"audit trail intact: {chain.checked} entries checked {since}; "
        f"newest {chain.head_seq or '-'} {chain.head_hash}"
    )


@audit_group.command("checkpoint")
def audit_checkpoint():
    """Sign the trail's newest entry as a checkpoint now (run daily from cron; the trail also
    makes one every 1,000 entries and for every dossier)."""
    from checker.web.audit.checkpoints import checkpoint_head
    from checker.web.extensions import db

    with database(_app()):
        made = checkpoint_head(db.session.connection())
        db.session.commit()
    if made is None:
        click.echo("no checkpoint: the trail is empty, or it does not check out (audit verify)")
        sys.exit(EXIT_TAMPERED)
    click.echo(f"checkpoint {made['seq']} {made['hash']} signed by {made['certificate_sha256']}")


@audit_group.command("list")
@click.option("--procurement", "procurement_id", type=int, help="Only this procurement's entries.")
@click.option("--kind", help="created, changed, deleted, login, report_issued, ...")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text")
def audit_list(procurement_id, kind, limit, output_format):
    """Print the newest entries of the audit trail, newest first."""
    from checker.web.audit.trail import TrailFilter
    from checker.web.audit.trail import filtered
    from checker.web.extensions import db

    with database(_app()):
        query = filtered(TrailFilter(procurement_id=procurement_id, kind=kind)).limit(limit)
        entries = [entry.as_dict() for entry in db.session.scalars(query)]
    for entry in entries:
        if output_format == "jsonl":
            click.echo(json.dumps(entry, ensure_ascii=False, sort_keys=True))
        else:
            row = f"{entry['table']} {entry['row_id'] or ''}".strip()
            procurement = entry["procurement_id"] or "-"
            click.echo(
                f"{entry['seq']:>7}  {entry['at']}  {entry['kind']:<14} {row:<22} "
                f"procurement {procurement}  {entry['actor']}"
            )


@click.group("dossier")
def dossier_group():
    """Procurement dossiers: one ZIP with everything an auditor needs."""


def _procurement(procurement_id: int):
    from checker.web.extensions import db
    from checker.web.models import Procurement

    found = db.session.get(Procurement, procurement_id) if 0 < procurement_id < 2**31 else None
    if found is None:
        raise InputError("PROCUREMENT_ID", [Problem("", f"no procurement {procurement_id}")])
    return found


@dossier_group.command("export")
@click.argument("procurement_id", type=int)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def dossier_export(procurement_id, output):
    """Write the dossier of a procurement (by its database id) as a ZIP."""
    from checker import clock
    from checker.exports.dossier import sha256
    from checker.web.exports.dossier import export_dossier

    with database(_app(), closing_deadlines=True):
        data = export_dossier(_procurement(procurement_id), clock.now(), "cli")
    write_bytes(data, output)
    click.echo(f"{output}: dossier of procurement {procurement_id}, sha256 {sha256(data)}")


def _trusted(certificates: tuple[Path, ...]) -> dict:
    """The certificates to check signatures against: the files given, else this instance's."""
    if certificates:
        from checker.signing.register import load_certificates

        try:
            return load_certificates(list(certificates))
        except (OSError, ValueError) as err:
            raise InputError("--certificate", [Problem("", str(err))]) from None
    app = _app()
    with app.app_context():
        return app.extensions["signing"].trusted()


@dossier_group.command("verify")
@click.argument("dossier", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@click.option(
    "--certificate",
    "certificates",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The organisation's certificate (PEM or DER, from its check page); may be repeated. "
    "Default: the certificates this installation signs with.",
)
def dossier_verify(dossier, output_format, certificates):
    """Check a dossier offline: its signature, every file against the manifest and against the
    audit trail it carries, both ways. Exit 0 intact, 1 altered (naming the first problem),
    2 not a dossier."""
    from checker.exports.dossier import MAX_TOTAL_BYTES
    from checker.exports.dossier import NotADossier
    from checker.exports.dossier import verify_dossier

    if not dossier.is_file():
        raise InputError(str(dossier), [Problem("", "file not found")])
    if dossier.stat().st_size > MAX_TOTAL_BYTES:
        raise InputError(str(dossier), [Problem("", f"larger than {MAX_TOTAL_BYTES} bytes")])
    trusted = _trusted(certificates)
    try:
        result = verify_dossier(dossier.read_bytes(), trusted)
    except NotADossier as err:
        raise InputError(str(dossier), [Problem("", str(err))]) from None
    except OSError as err:
        raise InputError(str(dossier), [Problem("", f"cannot be read: {err.strerror}")]) from None
    _print_dossier_check(dossier, result, output_format)
    sys.exit(0 if result.is_intact else EXIT_TAMPERED)


def _print_dossier_check(dossier: Path, result, output_format: str) -> None:
    if output_format == "json":
        summary = {
            "intact": result.is_intact,
            "problems": result.problems,
            "notes": result.notes,
            "procurement": result.manifest.get("procurement"),
            "created_at": result.manifest.get("created_at"),
            "files": result.files_checked,
            "reports": result.reports_checked,
            "audit_entries": result.audit_entries,
        }
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True))
        return
    procurement = result.manifest.get("procurement") or {}
    click.echo(f"{dossier}: {'INTACT' if result.is_intact else 'ALTERED'}")
    click.echo(
        f"  procurement {procurement.get('reference')} ({procurement.get('title')}), "
        f"made {result.manifest.get('created_at')}"
    )
    click.echo(
        f"  {result.files_checked} files, {result.reports_checked} reports checked, "
        f"{result.audit_entries} audit entries"
    )
    head = result.manifest.get("audit_head") or {}
    if head.get("seq"):
        click.echo(
            f"  audit trail at export: {head['seq']}:{head['hash']} "
            "(on the system: checker audit verify --expect SEQ:HASH)"
        )
    if result.problems:
        click.echo(f"  first problem: {result.problems[0]}")
    for line in result.problems[1:] + result.notes:
        click.echo(f"  - {line}")


@click.command("ocds")
@click.argument("procurement_id", type=int)
@lang_option("en")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def ocds_command(procurement_id, lang, output):
    """Print (or write) a procurement's criteria and results as an OCDS release package."""
    from checker import clock
    from checker.web.exports.ocds import export_ocds

    with database(_app(), closing_deadlines=True):
        data = export_ocds(_procurement(procurement_id), clock.now(), lang)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_bytes(data, output)


def register(cli: click.Group) -> None:
    cli.add_command(audit_group)
    cli.add_command(dossier_group)
    cli.add_command(ocds_command)
