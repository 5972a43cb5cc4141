"""Rendered list pages kept for the user who saw them, until the data under them changes.

The dashboard and the lists are read far more often than their data changes, and rendering one
costs several times what answering a request costs. A page is kept per user (and session
version), language, address and session CSRF token, under the data revision: one value in the
database (checker.web.models.PageRevision) that every committed change to the data sets anew,
at random, so two equal revisions mean the same data, even across a restore from a backup.
Every server process reads it once per logged-in request (one primary-key lookup), so a change
saved through any server is seen on the next request to every server.

- The revision is written as the last statement of a transaction, so a transaction never waits
  for another lock while it holds the revision's row (no deadlock with the row locks of a form).
- A page is stored under the revision read before it was rendered: it is never older than it.
- Pages with a message to show (flash) are neither served from nor put into the store, and a
  page is kept at most KEEP_SECONDS, so what passing time alone changes is shown too.
"""

import secrets
import threading
from collections import OrderedDict
from functools import wraps
from typing import NamedTuple

from flask import Response
from flask import current_app
from flask import g
from flask import request
from flask import session
from flask.globals import request_ctx
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy import update

from checker import clock
from checker.web.extensions import db
from checker.web.models import THE_REVISION
from checker.web.models import PageRevision

# What passing time alone changes on these pages (a deadline entering the dashboard's next 60
# days) shows within this; a change to the data shows at once. Rendering a page again makes the
# requests queued behind it wait, so it is not done more often than needed.
KEEP_SECONDS = 300
# Rows no kept page shows, written by reading requests (login attempts, kept forms, API token
# use, mail) or alongside a change that sets the revision itself (the audit trail).
NOT_SHOWN = frozenset(
    {
        "rate_event",
        "kept_form",
        "api_token_use",
        "notice",
        "audit_entry",
        "audit_checkpoint",
        "page_revision",
    }
)
_CHANGED = "page_data_changed"
_LOCK = threading.Lock()


class _Page(NamedTuple):
    revision: int
    at: float
    body: bytes


_READ = f"SELECT revision FROM page_revision WHERE id = {THE_REVISION}"


def current_revision() -> int | None:
    """The data revision as this request first read it (read once: what the request shows is
    never older than it); None when the database has no revision row (then nothing is kept)."""
    if "data_revision" not in g:
        g.data_revision = _read_revision()
    return g.data_revision


def _read_revision() -> int | None:
    # Plain SQL: this runs on every logged-in request, and needs no statement compiled.
    if db.engine.dialect.name != "postgresql":
        return db.session.connection().exec_driver_sql(_READ).scalar()
    # On PostgreSQL outside a transaction: one round trip, where the request's session would
    # add a BEGIN before it and a ROLLBACK after a page served from the store.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        return connection.exec_driver_sql(_READ).scalar()


def recall(store: str, key):
    """What this app's store of that name keeps under key, or None. One store per app and name,
    so two apps never share what they keep; the least recently used goes first."""
    with _LOCK:
        kept = current_app.extensions.setdefault(store, OrderedDict())
        if key not in kept:
            return None
        kept.move_to_end(key)
        return kept[key]


def remember(store: str, key, value, size: int) -> None:
    """Keep value under key in this app's store of that name, at most size of them."""
    with _LOCK:
        kept = current_app.extensions.setdefault(store, OrderedDict())
        kept[key] = value
        kept.move_to_end(key)
        while len(kept) > size:
            kept.popitem(last=False)


def _key() -> tuple | None:
    token = session.get("csrf_token")
    if token is None or "_flashes" in session:
        return None
    return (request.endpoint, request.query_string, str(get_locale()), current_user.get_id(), token)


def _served(key: tuple, revision: int) -> Response | None:
    page = recall("kept_pages", key)
    if page is None or page.revision != revision:
        return None
    if not 0 <= clock.now().timestamp() - page.at < KEEP_SECONDS:
        return None
    return Response(page.body, 200, mimetype="text/html")


def _keep(key: tuple, revision: int, response: Response) -> None:
    if response.status_code != 200 or getattr(request_ctx, "flashes", None):
        return
    page = _Page(revision, clock.now().timestamp(), response.get_data())
    remember("kept_pages", key, page, current_app.config["PAGE_CACHE"])


def kept_page(view):
    """Serve the view's page from the store while the data has not changed since it was made.
    Put it under the access checks: those run for every request, kept page or not."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_app.config["PAGE_CACHE"] or request.method != "GET":
            return view(*args, **kwargs)
        key = _key()
        revision = current_revision() if key else None
        if revision is None:
            return view(*args, **kwargs)
        served = _served(key, revision)
        if served is not None:
            return served
        response = current_app.make_response(view(*args, **kwargs))
        _keep(key, revision, response)
        return response

    return wrapped


# The revision: set once per transaction that wrote any row a page may show.


def _note_flush(session, flush_context) -> None:
    for instance in (*session.new, *session.dirty, *session.deleted):
        if instance.__table__.name not in NOT_SHOWN:
            session.info[_CHANGED] = True
            return


def _note_statement(state) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) not in NOT_SHOWN:
        state.session.info[_CHANGED] = True


def _new_revision_before_commit(session) -> None:
    session.flush()  # what is still pending is written first, so the revision comes last
    if session.info.pop(_CHANGED, False):
        session.execute(
            update(PageRevision)
            .where(PageRevision.id == THE_REVISION)
            .values(revision=secrets.randbits(62))
        )


def _forget(session, *_) -> None:
    session.info.pop(_CHANGED, None)


def install() -> None:
    """Set the revision from the app's sessions (once per process)."""
    if event.contains(db.session, "before_commit", _new_revision_before_commit):
        return
    event.listen(db.session, "after_flush", _note_flush)
    event.listen(db.session, "do_orm_execute", _note_statement)
    event.listen(db.session, "before_commit", _new_revision_before_commit)
    event.listen(db.session, "after_soft_rollback", _forget)
