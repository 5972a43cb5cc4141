"""Friendly error pages in the user's language; never a traceback, never a bare 500 for bad input."""

from flask import Flask
from flask import current_app
from flask import render_template
from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from checker.web import faults
from checker.web.concurrency import conflict_message
from checker.web.extensions import db

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back and try again.")),
    403: (_l("Not allowed"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("The page does not exist, or you do not have access to it.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    409: (
        _l("Cannot be changed"),
        _l("This procurement is no longer a draft and cannot be changed."),
    ),
    413: (_l("File too large"), _l("The upload is larger than the limit.")),
    422: (_l("Not saved"), _l("What was sent could not be saved.")),
    429: (
        _l("Too many attempts"),
        _l("Too many attempts in a short time. Wait a minute and try again."),
    ),
    503: (
        _l("Nothing was saved"),
        _l("The database cannot take changes at the moment. Nothing was saved; try again later."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. It has been logged; please try again."),
    ),
}


def render_error(status: int, detail: str | None = None):
    if _for_api():
        return problem(status, detail)
    title, text = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "errors/error.html", status=status, title=title, text=detail or text
    ), status


API_PREFIX = "/api/"  # the JSON API answers every error as RFC 9457 problem details


def problem(status: int, detail: str | None = None, kind: str | None = None, **members):
    """An RFC 9457 problem (application/problem+json) in the request's language; `kind` names a
    problem type of the API's own (described at /api/v1/problems/<kind>), else about:blank."""
    title, text = MESSAGES.get(status, MESSAGES[500])
    body = {
        "type": request.host_url + f"api/v1/problems/{kind}" if kind else "about:blank",
        "title": str(title),
        "status": status,
        "detail": detail or str(text),
        **members,
    }
    response = current_app.json.response(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def _for_api() -> bool:
    return request.path.startswith(API_PREFIX)


def _http_error(error: HTTPException):
    if _for_api():
        response = problem(error.code or 500)
        if error.code == 405:  # the methods the resource does take
            response.headers["Allow"] = error.get_response().headers.get("Allow", "")
        return response
    return render_error(error.code or 500)


def _csrf_error(error: CSRFError):
    return render_error(
        400, str(_l("The form had expired. Your input was not saved; please submit it again."))
    )


def unexpected(error: Exception):
    current_app.logger.exception("unhandled error")
    # A failed statement leaves the session unusable; the error page itself needs it (user, locale).
    db.session.rollback()
    return render_error(500)


def _stale(error: StaleDataError):
    """A write raced past the row lock and met a newer version: nothing was saved."""
    db.session.rollback()
    return render_error(409, conflict_message())


def init_app(app: Flask) -> None:
    app.register_error_handler(StaleDataError, _stale)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SQLAlchemyError, faults.handle)
    app.register_error_handler(Exception, unexpected)
