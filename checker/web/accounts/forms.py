"""Log-in, password and user forms. Every field has a label; validators speak the user's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms import PasswordField
from wtforms import SelectChoice
from wtforms import SelectField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import Email
from wtforms.validators import EqualTo
from wtforms.validators import Length

from checker.web.fields import OrgNumberField
from checker.web.fields import TextField
from checker.web.models import ROLES

ROLE_NAMES = {
    "officer": _l("Procurement officer"),
    "contractor": _l("Contractor"),
    "auditor": _l("Auditor"),
    "admin": _l("Administrator"),
}


MIN_PASSWORD = 12


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    submit = SubmitField(_l("Log in"))


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, max=200, message=_l("At least 12 characters.")),
        ],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))


class UserCreateForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    name = TextField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(role, ROLE_NAMES[role]) for role in ROLES],
        validators=[DataRequired()],
    )
    organisation_name = TextField(_l("Organisation"), validators=[DataRequired(), Length(max=200)])
    org_number = OrgNumberField(_l("Organisation number"), validators=[DataRequired()])
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, max=200, message=_l("From 12 to 200 characters.")),
        ],
    )
    submit = SubmitField(_l("Create user"))


def _new_password(label=None):
    return PasswordField(
        label or _l("Password"),
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, max=200, message=_l("From 12 to 200 characters.")),
        ],
    )


def _repeat():
    return PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class RegistrationForm(FlaskForm):
    """A contractor registers its organisation; the first user confirms by e-mail."""

    org_number = OrgNumberField(
        _l("Organisation number"),
        validators=[DataRequired()],
        description=_l("Nine digits, as in the Brønnøysund Register Centre, e.g. 914 880 009."),
    )
    organisation_name = TextField(_l("Organisation"), validators=[DataRequired(), Length(max=200)])
    name = TextField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = _new_password()
    confirm = _repeat()
    submit = SubmitField(_l("Register"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = _repeat()
    submit = SubmitField(_l("Set the new password"))


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("Colleague's email"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Send the invitation"))


class AcceptInvitationForm(FlaskForm):
    name = TextField(_l("Your name"), validators=[DataRequired(), Length(max=200)])
    password = _new_password()
    confirm = _repeat()
    submit = SubmitField(_l("Create my account"))
