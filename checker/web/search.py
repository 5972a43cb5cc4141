"""What the searchable lists share: a query-string form, a LIKE pattern, the arguments a pager
keeps, and days in Norwegian time as bounds."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from flask import abort
from flask import current_app
from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from checker.clock import OSLO
from checker.web.extensions import db

MAX_PAGE = 100_000


class SearchForm(FlaskForm):
    """Filters read from the query string: a GET form, so no CSRF token and nothing changes."""

    class Meta:
        csrf = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formdata=request.args, **kwargs)

    def checked(self) -> bool:
        """Validate when anything was asked; a bare list is valid as it is."""
        return self.validate() if request.args else True


def contains(text: str) -> str:
    """A LIKE pattern finding the text anywhere, with LIKE's own wildcards taken literally."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def day_start(day: date) -> datetime:
    """Midnight in Norway: the web pages show days and times in Norwegian time."""
    return datetime.combine(day, time(0), tzinfo=OSLO)


def day_end(day: date) -> datetime:
    return day_start(day + timedelta(days=1))


def until_not_before(since_field):
    """A validator: the end of a date range is not before its start."""

    def check(form, field):
        start = form[since_field].data
        if field.data and start and field.data < start:
            raise ValidationError(_l("The end date is before the start date."))

    return check


def kept_args() -> dict:
    """The query string without the page number: what a pager link carries along."""
    return {key: value for key, value in request.args.items() if key != "page"}


def paginate(query):
    number = request.args.get("page", 1, type=int)
    if not 1 <= number <= MAX_PAGE:
        abort(404)
    per_page = current_app.config["PER_PAGE"]
    return db.paginate(query, page=number, per_page=per_page, error_out=False)
