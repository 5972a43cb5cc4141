"""`checker tender validate` and `checker schema`: the published formats."""

import json
from pathlib import Path

import click

from checker.formats.inputs import load_schema
from checker.formats.messages import catalogue
from checker.formats.tender import load_tender


@click.group("tender")
def tender_group():
    """Work with tender files."""


@tender_group.command("validate")
@click.argument("tender", type=click.Path(path_type=Path))
def tender_validate(tender):
    """Check a tender file against the climate-tender/1 format; exit 2 with every problem if invalid."""
    data = load_tender(tender)
    counts = ", ".join(
        f"{len(data.get(name) or [])} {name}"
        for name in ("machines", "vehicles", "heating", "fuels")
    )
    click.echo(f"ok  {tender}  ({data['tender_id']}: {counts})")


@click.command("schema")
@click.argument("name", type=click.Choice(["tender", "ruleset", "period-report", "messages"]))
def schema_command(name):
    """Print the published JSON Schema of the tender, rule set file or period report format, or
    the catalogue of messages (id -> en, nb, nn templates) the assessment's messages name."""
    if name == "messages":
        texts = {
            key: dict(zip(("en", "nb", "nn"), t, strict=True)) for key, t in catalogue().items()
        }
        click.echo(json.dumps(dict(sorted(texts.items())), indent=2, ensure_ascii=False))
        return
    click.echo(json.dumps(load_schema(f"{name}.schema.json"), indent=2, ensure_ascii=False))
