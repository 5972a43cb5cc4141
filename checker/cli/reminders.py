"""`checker followup remind`: the reminder e-mail of every late period report, sent once per
period (run it daily, e.g. from cron); the follow-up itself is checker.cli.followup's."""

import click

from checker.cli.web import _app
from checker.cli.web import database


@click.command("remind")
def remind_command():
    """Remind contractors of late period reports: one e-mail per late period, ever (run daily)."""
    from checker.web.extensions import db
    from checker.web.followup.reminders import send_due_reminders

    with database(_app()):
        sent = send_due_reminders()
        db.session.commit()
        lines = [
            f"{r.period_start:%d.%m.%Y}–{r.period_end:%d.%m.%Y} of procurement {r.procurement_id} "
            f"(due {r.due:%d.%m.%Y}): {r.recipients} recipient(s)"
            for r in sent
        ]
    click.echo("\n".join([f"reminded {len(sent)} late period(s)", *lines]))


def register(cli: click.Group) -> None:
    cli.commands["followup"].add_command(remind_command)
