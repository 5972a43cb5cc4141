"""Faults of the database a user can read: a full disk, a read-only database, a database out of
reach. Each is answered with a page that says what happened and that nothing was saved (the
transaction is rolled back), never a bare 500; and no server starts on a read-only database.
"""

import time
import weakref

from flask import Flask
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.exc import SQLAlchemyError

from checker.web.extensions import db

# PostgreSQL's SQLSTATE codes, and SQLite's messages, for each fault.
READ_ONLY, FULL, UNREACHABLE = "read_only", "full", "unreachable"
SQLSTATES = {"25006": READ_ONLY, "53100": FULL, "53200": FULL}
SQLITE_MESSAGES = {
    "attempt to write a readonly database": READ_ONLY,
    "database or disk is full": FULL,
    "disk i/o error": FULL,
    "unable to open database file": UNREACHABLE,
}
TEXTS = {
    READ_ONLY: _l(
        "The database is read-only at the moment (for instance during maintenance), so nothing "
        "can be changed. Nothing was saved; what you sent is lost, so keep a copy and try again "
        "later."
    ),
    FULL: _l(
        "The server's disk is full, so nothing can be stored. Nothing was saved; keep a copy of "
        "what you sent and try again later. The operators have been told in the log."
    ),
    UNREACHABLE: _l(
        "The database cannot be reached at the moment. Nothing was saved; try again in a while."
    ),
}


# A connection unused this long is asked whether it is alive before a request gets it.
PING_AFTER_IDLE_SECONDS = 10


class ReadOnlyDatabase(RuntimeError):
    """The database takes no changes: a server must not start on it."""


def fault_of(error: BaseException) -> str | None:
    """Which fault a database error is, or None for any other error."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None) or ""
    if state in SQLSTATES:
        return SQLSTATES[state]
    if state.startswith("08") or (isinstance(error, DBAPIError) and error.connection_invalidated):
        return UNREACHABLE
    message = str(original or error).lower()
    if "no space left on device" in message or "could not extend file" in message:
        return FULL
    return next((fault for text_, fault in SQLITE_MESSAGES.items() if text_ in message), None)


def handle(error: SQLAlchemyError):
    """The page for a database fault; any other database error is an internal error."""
    from checker.web import errors

    fault = fault_of(error)
    db.session.rollback()
    if fault is None:
        return errors.unexpected(error)
    current_app.logger.error("database fault (%s): %s", fault, error)
    return errors.render_error(503, str(TEXTS[fault]))


def refuse_read_only(app: Flask) -> None:
    """Raise ReadOnlyDatabase, with the reason, if the database takes no changes."""
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                if connection.dialect.name == "sqlite":
                    # Writing the header's user version back as it is fails on a read-only
                    # file, a read-only connection or a file system mounted read-only.
                    version = connection.exec_driver_sql("PRAGMA user_version").scalar()
                    connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
                else:
                    read_only = connection.execute(text("SHOW transaction_read_only")).scalar()
                    if read_only == "on":
                        raise ReadOnlyDatabase(f"{_where()} takes no changes (read-only)")
        except SQLAlchemyError as err:
            if fault_of(err) == READ_ONLY:
                raise ReadOnlyDatabase(f"{_where()} is read-only: {err.orig}") from None
            raise
        finally:
            db.engine.dispose()


def _where() -> str:
    url = db.engine.url.render_as_string(hide_password=True)
    return f"the database {url}"


def ping_when_idle(app: Flask) -> None:
    """A restarted database has closed every connection the pool holds: one that sat idle is
    pinged before a request gets it, and replaced if dead. One in steady use is not, which
    saves a round trip per request over pinging every checkout (SQLAlchemy's pool_pre_ping); if
    the database went away within the last seconds, the request that finds out gets the
    "cannot be reached" page above."""
    with app.app_context():
        engine = db.engine
    if engine in _PINGED:
        return
    _PINGED.add(engine)

    def check_out(dbapi_connection, record, proxy) -> None:
        if time.monotonic() - record.info.get("used_at", 0.0) < PING_AFTER_IDLE_SECONDS:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # the driver's own error: the connection is gone
            raise DisconnectionError() from error
        if alive is False:
            raise DisconnectionError()

    event.listen(engine, "checkout", check_out)
    event.listen(engine, "checkin", _check_in)


_PINGED: "weakref.WeakSet" = weakref.WeakSet()


def _check_in(dbapi_connection, record) -> None:
    record.info["used_at"] = time.monotonic()
