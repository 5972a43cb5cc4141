"""Many users at once: a change is applied on top of the current state, or refused.

Every view that changes a bid, a draft, a procurement or a decision first takes the row's write
lock (`lock`): on PostgreSQL `SELECT … FOR UPDATE`, on SQLite the database's one write lock. It
then reads the row again, so what it changes is what is stored now, and two requests on the same
row take turns. A form that edits part of a row carries a fingerprint of that part as it was
shown (`basis`); if the part has changed since, the change is refused with `Conflict` and the
form comes back with what was typed. The version counter on the rows (`version_id_col`) is the
net under all of this: a write that raced past the lock anyway fails instead of overwriting.
"""

import hashlib
import json

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import inspect
from sqlalchemy import text
from wtforms import HiddenField

from checker.web.extensions import db


class Conflict(Exception):
    """The state a form was made from has been changed by someone else since."""

    def __init__(self, message: str | None = None):
        super().__init__(message or conflict_message())


def conflict_message() -> str:
    return _(
        "This was changed by someone else while you were working on it; nothing of yours was "
        "saved. Your input is kept below: check the current state and send it again."
    )


def lock(record) -> None:
    """Take the row's write lock for the rest of the transaction and read it afresh."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        # SQLite has one writer at a time: a write that changes nothing takes the lock.
        table = inspect(record).mapper.local_table.name
        connection.execute(text(f'UPDATE "{table}" SET id = id WHERE 0 = 1'))
        db.session.refresh(record)
    else:
        db.session.refresh(record, with_for_update=True)


def fingerprint(value) -> str:
    """A short, stable digest of a JSON-able value: what a form was made from."""
    spelled = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(spelled.encode("utf-8")).hexdigest()[:32]


class BasisForm(FlaskForm):
    """A form that remembers the state it was made from, in a hidden field."""

    basis = HiddenField()

    def set_basis(self, value) -> None:
        self.basis.data = fingerprint(value)

    def check_basis(self, value) -> None:
        """Refuse the change if the state differs from the one the form was made from; the
        form then carries the new state, so sending it again applies it knowingly."""
        current = fingerprint(value)
        # A client that does not say what it saw (no basis) has its change applied on top of
        # the current state, under the lock; a browser always sends the form's basis.
        if self.basis.data and self.basis.data != current:
            self.basis.data = current
            raise Conflict()
