"""The JSON API for a contractor's fleet system: period reports of the organisation's awarded
contracts and their follow-up, with an organisation's API token (checker.web.followup.api_tokens).

Every answer is JSON; every error is an RFC 9457 problem (application/problem+json). Another
organisation's contract is 404, as on the pages. The token is the only credential: the API
reads no session cookie, so it needs no CSRF token. The description is /api/v1/openapi.json.
"""

import re
from datetime import date

from flask import Blueprint
from flask import abort
from flask import current_app
from flask import g
from flask import jsonify
from flask import make_response
from flask import request
from flask import url_for
from flask_babel import gettext as _
from limits import parse
from sqlalchemy import select

from checker.followup.period import validate_period
from checker.formats.inputs import InputError
from checker.formats.inputs import parse_text
from checker.web import limits
from checker.web.access import MAX_ID
from checker.web.audit.recording import Actor
from checker.web.concurrency import lock
from checker.web.errors import problem
from checker.web.extensions import csrf
from checker.web.extensions import db
from checker.web.followup import api_tokens
from checker.web.followup import openapi
from checker.web.followup.service import FollowupProblem
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import contract_followup
from checker.web.followup.service import in_force
from checker.web.followup.service import submit_period
from checker.web.followup.service import versions
from checker.web.i18n import select_locale
from checker.web.models import AwardDecision
from checker.web.models import PeriodReport
from checker.web.models import Tender

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer tokens only, never cookies: a forged cross-site request carries none

PUBLIC = ("api.openapi", "api.problem_type")
REALM = 'Bearer realm="klimakravsjekk"'
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class ApiAbort(Exception):
    """Answer the request with this problem response."""

    def __init__(self, response):
        super().__init__(response.status_code)
        self.response = response


@bp.errorhandler(ApiAbort)
def _answer(error: ApiAbort):
    return error.response


def _refuse(status: int, detail: str, kind: str | None = None, headers=None, **members):
    response = problem(status, detail, kind, **members)
    response.headers.extend(headers or {})
    raise ApiAbort(response)


def _unauthorized(detail: str, invalid: bool):
    challenge = f'{REALM}, error="invalid_token"' if invalid else REALM
    _refuse(401, detail, headers={"WWW-Authenticate": challenge})


@bp.before_request
def _authenticate():
    if request.endpoint in PUBLIC:
        return
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        _unauthorized(_("Send an API token: Authorization: Bearer <token>."), invalid=False)
    record = api_tokens.find(token.strip())
    if record is None or record.is_revoked:
        _unauthorized(_("The API token is not valid, or it has been revoked."), invalid=True)
    if record.organisation.status == "blocked":
        _refuse(403, _("Your organisation is blocked; ask the administrators of this service."))
    api_tokens.note_use(record)  # committed by the rate limit's count, at once
    if limits.take("api", f"token:{record.id}", "API_RATE_LIMIT") is None:
        wait = limits.wait_text("API_RATE_LIMIT")
        seconds = str(parse(current_app.config["API_RATE_LIMIT"]).get_expiry())
        _refuse(
            429, f"{_('Too many calls with this token.')} {wait}", headers={"Retry-After": seconds}
        )
    g.api_token = record
    # The trail names the token and the user who made it as the actor of what the call changes.
    g.audit_actor = Actor(
        f"API token '{record.name}' of {record.organisation.name}", record.created_by_id
    )


def _iso(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def etag(report: PeriodReport) -> str:
    """Changes with every correction in place (the content) and every new version."""
    return f'"{report.version}-{report.sha256[:16]}"'


def _contract(tender: Tender) -> dict:
    procurement = tender.procurement
    return {
        "id": tender.id,
        "tender_id": tender.data.get("tender_id"),
        "procurement": {
            "title": procurement.title,
            "reference": procurement.reference,
            "buyer": procurement.organisation.name,
        },
        "links": {
            "period_reports": url_for("api.period_reports", contract_id=tender.id),
            "followup": url_for("api.followup", contract_id=tender.id),
        },
    }


def _summary(report: PeriodReport, current: set[int]) -> dict:
    return {
        "id": report.id,
        "contract_id": report.tender_id,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "version": report.version,
        "in_force": report.id in current,
        "accepted": report.is_accepted,
        "accepted_at": _iso(report.accepted_at),
        "submitted_at": _iso(report.submitted_at),
        "sha256": report.sha256,
        "etag": etag(report),
        "links": {
            "self": url_for("api.period_report", contract_id=report.tender_id, report_id=report.id)
        },
    }


def _own_contract(contract_id: int) -> Tender:
    """The token's organisation's awarded tender, or 404 (no hint that another's exists)."""
    tender = db.session.get(Tender, contract_id) if 0 < contract_id <= MAX_ID else None
    if tender is None or tender.organisation_id != g.api_token.organisation_id:
        abort(404)
    if awarded_tender(tender.procurement) is not tender:
        abort(404)
    return tender


@bp.route("/openapi.json", endpoint="openapi")
def openapi_document():
    return jsonify(openapi.document())


@bp.route("/problems/<kind>")
def problem_type(kind: str):
    described = openapi.PROBLEM_TYPES.get(kind)
    if described is None:
        abort(404)
    return jsonify({"type": kind, "title": str(described[0]), "description": str(described[1])})


@bp.route("/contracts")
def contracts():
    tenders = db.session.scalars(
        select(Tender)
        .join(AwardDecision, AwardDecision.tender_id == Tender.id)
        .where(Tender.organisation_id == g.api_token.organisation_id)
        .order_by(Tender.id)
    ).all()
    own = [t for t in tenders if awarded_tender(t.procurement) is t]
    return jsonify({"contracts": [_contract(t) for t in own]})


@bp.route("/contracts/<int:contract_id>/period-reports")
def period_reports(contract_id: int):
    tender = _own_contract(contract_id)
    current = {r.id for r in in_force(tender)}
    return jsonify(
        {
            "contract": _contract(tender),
            "period_reports": [_summary(r, current) for r in versions(tender)],
        }
    )


@bp.route("/contracts/<int:contract_id>/period-reports/<int:report_id>")
def period_report(contract_id: int, report_id: int):
    tender = _own_contract(contract_id)
    report = db.session.get(PeriodReport, report_id) if 0 < report_id <= MAX_ID else None
    if report is None or report.tender_id != tender.id:
        abort(404)
    return _report_response(report, tender, 200)


def _report_response(report: PeriodReport, tender: Tender, status: int):
    current = {r.id for r in in_force(tender)}
    response = make_response(jsonify(_summary(report, current) | {"report": report.data}), status)
    response.headers["ETag"] = etag(report)
    return response


def _pointer(path: str) -> str:
    """machines[0].hours as the JSON Pointer /machines/0/hours."""
    steps = [name or index for name, index in _STEP.findall(path)]
    return "".join("/" + step.replace("~", "~0").replace("/", "~1") for step in steps)


def _invalid(err: InputError):
    lang = select_locale()
    errors = [
        {"pointer": _pointer(p.path), "path": p.path, "detail": p.text(lang)} for p in err.problems
    ]
    _refuse(
        422,
        _(
            "The period report was not received: %(n)s problem(s), each named by its field.",
            n=len(errors),
        ),
        "invalid-period-report",
        errors=errors,
    )


def _body():
    if request.mimetype != "application/json" and not request.mimetype.endswith("+json"):
        _refuse(415, _("Send the period report as JSON (Content-Type: application/json)."))
    try:
        text = request.get_data().decode("utf-8")
        return parse_text(text, "request body")
    except UnicodeDecodeError:
        _refuse(400, _("The request body is not UTF-8 text."))
    except InputError as err:
        _invalid(err)


def _check_precondition(existing: PeriodReport | None) -> None:
    """A period that has a report already is corrected only by one who names its ETag."""
    if existing is None:
        return
    sent = request.headers.get("If-Match", "").strip()
    if sent == "*" or etag(existing) in [tag.strip() for tag in sent.split(",")]:
        return
    if sent:
        detail = _(
            "This period has been changed since: its version now is %(tag)s.", tag=etag(existing)
        )
    else:
        detail = _(
            "This period has a report already (%(tag)s): to correct it, send If-Match with its ETag.",
            tag=etag(existing),
        )
    _refuse(
        409,
        detail,
        "version-conflict",
        headers={"ETag": etag(existing)},
        current=_summary(existing, {existing.id}),
    )


@bp.route("/contracts/<int:contract_id>/period-reports", methods=["POST"])
def submit(contract_id: int):
    tender = _own_contract(contract_id)
    data = _body()
    lock(tender)  # two calls for one contract take turns, each on top of what is stored now
    try:
        period = validate_period(data, tender.data, "request body")
        start = date.fromisoformat(period["period"]["start"])
        existing = next((r for r in in_force(tender) if r.period_start == start), None)
        _check_precondition(existing)
        report = submit_period(tender, g.api_token.created_by, period, "request body")
    except InputError as err:
        db.session.rollback()
        _invalid(err)
    db.session.commit()
    created = existing is None or existing.id != report.id
    response = _report_response(report, tender, 201 if created else 200)
    if created:
        response.headers["Location"] = url_for(
            "api.period_report", contract_id=tender.id, report_id=report.id
        )
    return response


@bp.route("/contracts/<int:contract_id>/followup")
def followup(contract_id: int):
    tender = _own_contract(contract_id)
    try:
        result = contract_followup(tender.procurement, tender)
    except FollowupProblem as err:
        _refuse(409, str(err), "followup-unavailable")
    if result is None:
        _refuse(404, _("No period report has been received yet."), "no-period-reports")
    return jsonify(result)
