"""Open data: an organisation's published statistics at a public address, JSON and CSV.

Aggregates only (checker.statistics.open_data); an organisation that has not published, or
has withdrawn, answers 404 like one that does not exist.
"""

import json

from flask import Blueprint
from flask import Response
from flask import abort
from flask import request
from sqlalchemy import select

from checker import clock
from checker.reports.envelope import issue_time
from checker.statistics.open_data import open_csv_lines
from checker.statistics.open_data import open_document
from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.statistics import queries
from checker.web.statistics.publication import publication_of
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import organisation_statistics

bp = Blueprint("open_statistics", __name__, url_prefix="/open/statistics")


def _published(org_number: str) -> tuple[Organisation, str]:
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.org_number == org_number)
    )
    publication = publication_of(organisation.id) if organisation else None
    if publication is None:
        abort(404)
    return organisation, issue_time(publication.published_at)


def _year(organisation: Organisation) -> int | None:
    year = request.args.get("year", type=int)
    if "year" in request.args and (year is None or not 2000 <= year <= 2100):
        abort(404)
    return year


@bp.route("/<org_number>.json")
def document(org_number: str):
    organisation, published_at = _published(org_number)
    year = (
        _year(organisation)
        or (queries.years(organisation.id) or [clock.today_in_norway().year])[-1]
    )
    filters = Filters(year=year)
    statistics = organisation_statistics(organisation, filters)
    found = open_document(statistics, queries.cells(organisation.id, filters), published_at)
    body = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True)
    return Response(body, mimetype="application/json", headers=_open_headers())


@bp.route("/<org_number>.csv")
def table(org_number: str):
    organisation, _published_at = _published(org_number)
    year = _year(organisation)
    cells = (
        queries.cells(organisation.id, Filters(year=year))
        if year
        else queries.all_cells(organisation.id)
    )
    named = {"org_number": organisation.org_number, "name": organisation.name}
    return Response(
        "".join(open_csv_lines(named, cells)),
        mimetype="text/csv",
        headers=_open_headers(),
    )


def _open_headers() -> dict:
    # Open data may be read from any site's scripts; it carries no one's session.
    return {"Access-Control-Allow-Origin": "*"}
