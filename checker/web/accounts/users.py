"""Creating organisations and users: shared by the admin page, the CLI and the demo data."""

from email_validator import EmailNotValidError
from email_validator import validate_email
from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy import select

from checker.formats.tender import normalise_org_number
from checker.formats.tender import org_number_is_valid
from checker.web.extensions import db
from checker.web.models import ROLES
from checker.web.models import Organisation
from checker.web.models import User


class AccountError(ValueError):
    """A user cannot be created as asked; names the field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def organisation(name: str, org_number: str, kind: str) -> Organisation:
    """The organisation with this number, created if new (the number identifies it)."""
    org_number = normalise_org_number(org_number)  # '914 880 009' is 914880009
    if not org_number_is_valid(org_number):
        raise AccountError(
            "org_number", _("The organisation number %(n)s is not valid.", n=org_number)
        )
    found = db.session.scalar(select(Organisation).where(Organisation.org_number == org_number))
    if found:
        return found
    created = Organisation(name=name, org_number=org_number, kind=kind)
    db.session.add(created)
    return created


def create_user(
    email: str, name: str, role: str, organisation_name: str, org_number: str, password: str
) -> User:
    """Add a user (not yet committed); the organisation kind follows from the role."""
    if role not in ROLES:
        raise AccountError("role", _("Unknown role %(r)s.", r=role))
    email = email.strip().lower()
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise AccountError(
            "email", _("%(email)s is not a valid email address.", email=email)
        ) from None
    if not name.strip():
        raise AccountError("name", _("Give the user's name."))
    if not organisation_name.strip():
        raise AccountError("organisation_name", _("Give the organisation's name."))
    if not 12 <= len(password) <= 200:
        raise AccountError("password", _("The password must have 12 to 200 characters."))
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError("email", _("A user with this email exists already."))
    kind = "contractor" if role == "contractor" else "buyer"
    org = organisation(organisation_name, org_number, kind)
    if org.kind != kind:
        if org.kind == "buyer":
            message = _("This organisation is registered as a buyer, not a contractor.")
        else:
            message = _("This organisation is registered as a contractor, not a buyer.")
        raise AccountError("org_number", message)
    # The first user of a contractor organisation administers it (as the one who registers a
    # company in Altinn does): colleagues join by that user's invitation.
    first = role == "contractor" and not (org.id and org.users)
    user = User(email=email, name=name, role=role, organisation=org, is_org_admin=first)
    user.set_password(password)
    db.session.add(user)
    return user
