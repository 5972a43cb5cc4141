"""Which self-declarations this browser may open without an account: the ones it asked for."""

from flask import session

from checker.web.models import IssuedReport

SESSION_KEY = "own_reports"
REMEMBERED = 20  # the newest self-declarations this browser asked for


def remember(report: IssuedReport) -> None:
    """This browser asked for the report: it may open it, without an account."""
    known = [report.id] + [i for i in session.get(SESSION_KEY, []) if i != report.id]
    session[SESSION_KEY] = known[:REMEMBERED]


def asked_here(report_id: int) -> bool:
    return report_id in session.get(SESSION_KEY, [])
