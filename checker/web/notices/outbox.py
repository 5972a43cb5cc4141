"""Notices are recorded with the change that causes them and sent once it is committed.

`send` adds a Notice row in the caller's transaction (so the audit trail records it with the
change, and a change that is rolled back sends nothing); after the request (or, for a command,
when its application context ends), each recorded notice is handed to the mail server and
marked sent, or marked with the reason it could not be.
"""

from flask import Flask
from flask import current_app
from flask import g
from flask_babel import gettext as _
from sqlalchemy import select

from checker import clock
from checker.web.audit.recording import acting_as
from checker.web.extensions import db
from checker.web.models import Notice
from checker.web.models import User
from checker.web.notices.mail import MailError
from checker.web.notices.mail import deliver
from checker.web.notices.mail import message

LINK = "{link}"  # where a personal link goes in a body; it is sent, never stored
NO_ACCOUNT = "no user account"  # stored as a code; pages say it in the reader's language
_QUEUE = "notices_to_send"


def _queue() -> list:
    """This application context's notices to send (a request's, or a command's)."""
    return g.setdefault(_QUEUE, [])


def send(
    kind: str,
    recipient: User | str,
    subject: str,
    body: str,
    *,
    link: str | None = None,
    procurement_id: int | None = None,
    tender_id: int | None = None,
    organisation_id: int | None = None,
) -> Notice:
    """Record a notice to send after the commit; `link` replaces {link} in the mail only."""
    user = recipient if isinstance(recipient, User) else None
    address = user.email if user else recipient
    stored = body.replace(LINK, _("(a personal link: sent, not stored)")) if link else body
    notice = Notice(
        kind=kind,
        recipient=address,
        subject=subject,
        body=stored,
        procurement_id=procurement_id,
        tender_id=tender_id,
        organisation_id=organisation_id if organisation_id else (user and user.organisation_id),
        user_id=user.id if user else None,
    )
    db.session.add(notice)
    db.session.flush()  # its id, so the delivery finds it again whatever happens to this session
    _queue().append(
        (notice.id, (kind, address, subject), body.replace(LINK, link) if link else body)
    )
    return notice


def nobody_to_tell(kind: str, subject: str, body: str, **owner) -> Notice:
    """A notice that could not go out because the organisation has no user account: recorded,
    so the officer sees who was not told."""
    notice = Notice(
        kind=kind,
        recipient="",
        subject=subject,
        body=body,
        problem=NO_ACCOUNT,
        **owner,
    )
    db.session.add(notice)
    return notice


def organisation_users(organisation_id: int) -> list[User]:
    """Everyone of the organisation who can log in: each gets the organisation's notices."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.organisation_id == organisation_id, User.is_enabled.is_(True))
            .order_by(User.id)
        )
    )


def deliver_queued() -> int:
    """Send the notices recorded and committed since the last call; returns how many went out."""
    queued = _queue()
    pending, queued[:] = list(queued), []
    config, sent = current_app.config, 0
    for notice_id, what, body in pending:
        notice = db.session.get(Notice, notice_id)
        # A change rolled back leaves nothing to tell (and its id may since name another notice).
        if notice is None or (notice.kind, notice.recipient, notice.subject) != what:
            continue
        if notice.sent_at is not None:
            continue
        mail = message(config["MAIL_SENDER"], notice.recipient, notice.subject, body)
        try:
            deliver(config, mail, f"{clock.now():%Y%m%dT%H%M%S}-{notice.id:07d}")
        except MailError as err:
            notice.problem = str(err)
        else:
            notice.sent_at, sent = clock.now(), sent + 1
    if pending:
        db.session.commit()
    return sent


def _after_request(response):
    if g.get(_QUEUE):
        deliver_queued()
    return response


def _after_command(error) -> None:
    """A command (no request) sends what it recorded when its work is done, unless it failed."""
    if error is None and g.get(_QUEUE):
        with acting_as("system: sending notices"):
            deliver_queued()


def init_app(app: Flask) -> None:
    app.after_request(_after_request)
    app.teardown_appcontext(_after_command)
