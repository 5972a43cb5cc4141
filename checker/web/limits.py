"""Limits that hold across server processes, restarts and servers: the events are counted in the
database (RateEvent), not in a process's memory.

`take` counts an event before the work it limits is done and commits it at once, so requests
running in parallel see each other's events: twenty parallel password guesses from one address
cannot all slip under a limit of five. Each limit is a setting such as "5 per minute" (the
`limits` package's notation, as Flask-Limiter uses).
"""

from datetime import timedelta

from flask import abort
from flask import current_app
from flask import make_response
from flask import request
from flask_babel import gettext as _
from limits import parse
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select

from checker import clock
from checker.web.errors import render_error
from checker.web.extensions import db
from checker.web.models import RateEvent


def _window(setting: str) -> tuple[int, timedelta]:
    item = parse(current_app.config[setting])
    return item.amount, timedelta(seconds=item.get_expiry())


def address() -> str:
    """The client's address (behind CHECKER_PROXY_COUNT proxies, the one they name)."""
    return request.remote_addr or "unknown"


def take(kind: str, key: str, setting: str) -> RateEvent | None:
    """Count one event of `kind` for `key`; None (and nothing counted) when the limit named by
    the setting is reached. The event is committed at once."""
    amount, window = _window(setting)
    now = clock.now()
    key = key[:300]
    # Events older than the window count for nothing any more: they go as new ones come.
    db.session.execute(delete(RateEvent).where(RateEvent.kind == kind, RateEvent.at < now - window))
    event = RateEvent(kind=kind, key=key, at=now)
    db.session.add(event)
    db.session.commit()
    counted = db.session.scalar(
        select(func.count(RateEvent.id)).where(
            RateEvent.kind == kind, RateEvent.key == key, RateEvent.at > now - window
        )
    )
    if counted > amount:
        forget(event)
        return None
    return event


def forget(*events: RateEvent | None) -> None:
    """Take back events that should not count (a login that succeeded)."""
    for event in events:
        if event is not None:
            db.session.delete(event)
    db.session.commit()


def wait_text(setting: str) -> str:
    minutes = max(1, round(_window(setting)[1].total_seconds() / 60))
    return _("Wait %(n)s minute(s) and try again.", n=minutes)


def refuse(message: str):
    """Answer 429 with a page that says which limit was reached and what to do."""
    abort(make_response(render_error(429, message)))


def limit_address(kind: str, setting: str, message: str) -> RateEvent:
    """Count an event for the client's address, or refuse the request with the message."""
    event = take(kind, address(), setting)
    if event is None:
        refuse(f"{message} {wait_text(setting)}")
    return event
