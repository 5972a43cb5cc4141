"""Account mail: confirm the address of a self-registration, the administrators' approval,
a password reset, an invitation from a colleague. Personal links are sent, never stored."""

from flask_babel import gettext as _

from checker.web.models import Organisation
from checker.web.models import User
from checker.web.notices import outbox
from checker.web.notices.texts import both
from checker.web.notices.texts import signature


def _send(kind: str, to, compose, link: str | None = None, organisation_id=None) -> None:
    subject, body = both(compose)
    outbox.send(kind, to, subject, body, link=link, organisation_id=organisation_id)


def confirmation(user: User, link: str) -> None:
    def compose():
        return _("Confirm your e-mail address"), [
            _(
                "You registered %(org)s in the climate requirements checker.",
                org=user.organisation.name,
            ),
            _("Confirm your e-mail address by opening this link within three days:"),
            outbox.LINK,
            "",
            _(
                "Then an administrator approves the organisation; you can log in at once, and "
                "prepare bids once it is approved."
            ),
            _("If you did not register, ignore this message: nothing happens without the link."),
            *signature(),
        ]

    _send("confirm_email", user, compose, link)


def approval_requested(organisation: Organisation, admins: list[User], page: str) -> None:
    def compose():
        return _("An organisation awaits approval: %(org)s", org=organisation.name), [
            _(
                "%(org)s (org. no. %(number)s) registered itself and confirmed its e-mail address.",
                org=organisation.name,
                number=organisation.org_number,
            ),
            _("Approve or block it here: %(page)s", page=page),
            *signature(),
        ]

    for admin in admins:
        _send("approval_requested", admin, compose, organisation_id=organisation.id)


def organisation_decided(organisation: Organisation, users: list[User], approved: bool) -> None:
    def compose():
        if approved:
            return _("Your organisation is approved"), [
                _(
                    "%(org)s is approved: you can now prepare and submit bids.",
                    org=organisation.name,
                ),
                *signature(),
            ]
        return _("Your organisation is blocked"), [
            _(
                "An administrator blocked %(org)s: its users can no longer log in. Contact the "
                "administrator if this is a mistake.",
                org=organisation.name,
            ),
            *signature(),
        ]

    kind = "organisation_approved" if approved else "organisation_blocked"
    for user in users:
        _send(kind, user, compose)


def password_reset(user: User, link: str) -> None:
    def compose():
        return _("Set a new password"), [
            _("Someone asked to reset the password of %(email)s.", email=user.email),
            _("Set a new password within one hour with this link:"),
            outbox.LINK,
            "",
            _("If it was not you, ignore this message: the password stays as it is."),
            *signature(),
        ]

    _send("password_reset", user, compose, link)


def invitation(email: str, organisation: Organisation, inviter: User, link: str) -> None:
    def compose():
        return _("Invitation to %(org)s", org=organisation.name), [
            _(
                "%(name)s invites you to work on %(org)s's bids in the climate requirements "
                "checker.",
                name=inviter.name,
                org=organisation.name,
            ),
            _("Create your account within seven days with this link:"),
            outbox.LINK,
            *signature(),
        ]

    _send("invitation", email, compose, link, organisation_id=organisation.id)
