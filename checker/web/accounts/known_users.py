"""The logged-in user of a request, without a query while nothing has changed.

Every logged-in request needs its user and the user's organisation (is the account enabled, is
the organisation blocked, is the session's version the user's). A worker keeps their column
values under the data revision (checker.web.pagecache), which every committed change to a user
or an organisation sets anew: a kept user is never older than the database says. The request gets
its own instance, attached to its session as if just loaded, so a change it makes is tracked
and written as usual.
"""

from flask import current_app
from sqlalchemy import inspect
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import User
from checker.web.pagecache import current_revision
from checker.web.pagecache import recall
from checker.web.pagecache import remember

KEPT_USERS = 1024


def _columns(instance) -> dict:
    return {column.key: getattr(instance, column.key) for column in inspect(type(instance)).columns}


def _attached(cls, values: dict):
    """An instance of cls with these column values, in the session as if loaded from it."""
    instance = cls(**values)
    make_transient_to_detached(instance)
    return db.session.merge(instance, load=False)


def user(user_id: int) -> User | None:
    """The user with this id, as of the data revision this request reads."""
    revision = current_revision() if current_app.config["PAGE_CACHE"] else None
    kept = recall("known_users", user_id)
    if revision is not None and kept is not None and kept[0] == revision:
        found = _attached(User, kept[1])
        set_committed_value(found, "organisation", _attached(Organisation, kept[2]))
        return found
    found = db.session.get(User, user_id, options=[joinedload(User.organisation)])
    if found is not None and revision is not None:
        kept = (revision, _columns(found), _columns(found.organisation))
        remember("known_users", user_id, kept, KEPT_USERS)
    return found
