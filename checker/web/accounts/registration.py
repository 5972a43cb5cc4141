"""Contractors on their own: an organisation registers itself (its first user confirms the
address by e-mail, an administrator approves or blocks it), a forgotten password is reset by
e-mail, colleagues are invited. The views read forms and call these."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy import select

from checker import clock
from checker.formats.tender import normalise_org_number
from checker.web.accounts import tokens
from checker.web.accounts.users import AccountError
from checker.web.accounts.users import create_user
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import User
from checker.web.notices import accounts as mail
from checker.web.notices.outbox import organisation_users


def _user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def register(org_number: str, organisation_name: str, name: str, email: str, password: str) -> User:
    """A new contractor organisation, pending, and its first user, waiting for confirmation."""
    number = normalise_org_number(org_number)
    if db.session.scalar(select(Organisation.id).where(Organisation.org_number == number)):
        raise AccountError(
            "org_number",
            _("This organisation is registered already: ask a colleague there to invite you."),
        )
    user = create_user(email, name, "contractor", organisation_name, number, password)
    user.organisation.status = "pending"
    user.is_enabled = False  # until the address is confirmed
    db.session.flush()
    link = url_for(
        "accounts.confirm",
        token=tokens.make("confirm", {"u": user.id, "e": user.email}),
        _external=True,
    )
    mail.confirmation(user, link)
    return user


def confirm(token: str) -> User:
    """Follow a confirmation link once: the user can log in; the administrators are asked."""
    payload = tokens.read("confirm", token)
    user = db.session.get(User, payload.get("u")) if isinstance(payload.get("u"), int) else None
    if user is None or user.email != payload.get("e"):
        raise tokens.TokenProblem(expired=False)
    if user.email_confirmed_at is not None:
        raise tokens.TokenProblem(expired=True)  # used already
    user.email_confirmed_at = clock.now()
    user.is_enabled = True
    if user.organisation.status == "pending":
        admins = db.session.scalars(
            select(User).where(User.role == "admin", User.is_enabled.is_(True))
        ).all()
        page = url_for("admin.organisations", _external=True)
        mail.approval_requested(user.organisation, list(admins), page)
    return user


def decide(organisation: Organisation, approved: bool) -> None:
    """An administrator approves a contractor organisation, or blocks it (its sessions end)."""
    organisation.status = "approved" if approved else "blocked"
    users = organisation_users(organisation.id)
    if not approved:
        for user in users:
            user.end_sessions()
    mail.organisation_decided(organisation, users, approved)


def ask_for_reset(email: str) -> None:
    """Send a reset link when the address belongs to someone who may log in; say nothing else
    (the page answers the same either way, so it tells no one who has an account)."""
    user = _user_by_email(email)
    if user is None or not user.is_active:
        return
    payload = {"u": user.id, "f": tokens.password_fingerprint(user.password_hash)}
    link = url_for("accounts.reset", token=tokens.make("reset", payload), _external=True)
    mail.password_reset(user, link)


def user_to_reset(token: str) -> User:
    payload = tokens.read("reset", token)
    user = db.session.get(User, payload.get("u")) if isinstance(payload.get("u"), int) else None
    if user is None or not user.is_active:
        raise tokens.TokenProblem(expired=False)
    if tokens.password_fingerprint(user.password_hash) != payload.get("f"):
        raise tokens.TokenProblem(expired=True)  # used already: the password has changed since
    return user


def reset(user: User, password: str) -> None:
    user.set_password(password)
    user.end_sessions()  # a session someone else had with the old password ends too
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()  # the link reached this mailbox


def invite(inviter: User, email: str) -> None:
    if inviter.organisation.status != "approved":
        raise AccountError("email", _("Your organisation awaits approval; invite colleagues then."))
    if _user_by_email(email):
        raise AccountError("email", _("A user with this email exists already."))
    payload = {"o": inviter.organisation_id, "e": email.strip().lower(), "by": inviter.id}
    link = url_for("accounts.accept", token=tokens.make("invite", payload), _external=True)
    mail.invitation(email.strip().lower(), inviter.organisation, inviter, link)


def invitation(token: str) -> tuple[Organisation, str]:
    """The organisation and address an invitation is for, while it can still be accepted."""
    payload = tokens.read("invite", token)
    organisation = (
        db.session.get(Organisation, payload.get("o"))
        if isinstance(payload.get("o"), int)
        else None
    )
    email = payload.get("e")
    if organisation is None or organisation.status != "approved" or not isinstance(email, str):
        raise tokens.TokenProblem(expired=False)
    if _user_by_email(email):
        raise tokens.TokenProblem(expired=True)  # accepted already
    return organisation, email


def accept(organisation: Organisation, email: str, name: str, password: str) -> User:
    user = create_user(
        email, name, "contractor", organisation.name, organisation.org_number, password
    )
    user.email_confirmed_at = clock.now()  # the invitation reached this mailbox
    return user
