"""The `checker` command line: one module per command group, gathered here."""

import sys

import click

from checker.cli.assess import assess_command
from checker.cli.audit import register as register_audit_commands
from checker.cli.common import EXIT_BAD_INPUT
from checker.cli.common import EXIT_INTERNAL
from checker.cli.followup import register as register_followup_commands
from checker.cli.formats import schema_command
from checker.cli.formats import tender_group
from checker.cli.intake import register as register_intake_commands
from checker.cli.reminders import register as register_reminder_commands
from checker.cli.rules import rules_group
from checker.cli.statistics import register as register_statistics_commands
from checker.cli.verify import verify_command
from checker.cli.web import register as register_web_commands
from checker.cli.worker import worker_command
from checker.formats.inputs import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="climate-checker")
def cli():
    """Climate-requirements checker for construction procurement."""


for command in (
    assess_command,
    rules_group,
    tender_group,
    verify_command,
    schema_command,
    worker_command,
):
    cli.add_command(command)
register_web_commands(cli)
register_audit_commands(cli)
register_intake_commands(cli, tender_group)
register_followup_commands(cli)
register_reminder_commands(cli)  # beside the follow-up: it reads the database
register_statistics_commands(cli)


def main() -> None:
    """Entry point: bad input exits 2 with the problems named, never with a traceback."""
    try:
        cli.main(standalone_mode=False)
    except InputError as err:
        click.echo(f"error: {err.describe()}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_BAD_INPUT)
    except click.exceptions.Abort:
        sys.exit(EXIT_BAD_INPUT)

    except Exception as err:  # noqa: BLE001 - the last line of defence: report, don't dump a traceback
        if type(err).__name__ == "ReadOnlyDatabase":  # the web side's, named without importing it
            click.echo(f"error: {err}; start again once it takes changes", err=True)
            sys.exit(EXIT_BAD_INPUT)
        click.echo(f"internal error (please report it): {type(err).__name__}: {err}", err=True)
        sys.exit(EXIT_INTERNAL)
