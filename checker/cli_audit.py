"""Commands for auditors: check the audit trail, list it, export and check dossiers, OCDS."""

import json
import sys
from pathlib import Path

import click

from checker.cli_web import _app
from checker.cli_web import database
from checker.inputs import InputError
from checker.inputs import Problem

EXIT_TAMPERED = 1


@click.group("audit")
def audit_group():
    """The audit trail."""


@audit_group.command("verify")
def audit_verify():
    """Check the whole audit trail's hash chain; exit 0 intact, 1 broken (naming the entry)."""
    from checker.web.audit_trail import verify_stored_chain

    with database(_app()):
        result = verify_stored_chain()
    if result.is_intact:
        click.echo(
            f"audit trail intact: {result.checked} entries; "
            f"newest {result.head_seq or '-'} {result.head_hash}"
        )
        return
    click.echo(
        f"audit trail BROKEN at entry {result.broken_seq}: {result.problem} "
        f"({result.checked} entries before it are intact)"
    )
    sys.exit(EXIT_TAMPERED)


@audit_group.command("list")
@click.option("--procurement", "procurement_id", type=int, help="Only this procurement's entries.")
@click.option("--kind", help="created, changed, deleted, login, report_issued, ...")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--format", "output_format", type=click.Choice(["text", "jsonl"]), default="text")
def audit_list(procurement_id, kind, limit, output_format):
    """Print the newest entries of the audit trail, newest first."""
    from checker.web.audit_trail import TrailFilter
    from checker.web.audit_trail import filtered
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


def _write_bytes(data: bytes, output: Path) -> None:
    try:
        output.write_bytes(data)
    except OSError as err:
        raise InputError(str(output), [Problem("", f"cannot be written: {err.strerror}")]) from None


def register(cli: click.Group) -> None:
    cli.add_command(audit_group)
