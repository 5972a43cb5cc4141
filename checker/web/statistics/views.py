"""The organisation's climate statistics: the page, the exports, and the figures' drill-down."""

from flask import Blueprint
from flask import Response
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from checker import clock
from checker.formats.vocabulary import ENERGY_CARRIERS
from checker.reports.wording import REPORT_LANGUAGES
from checker.statistics.cells import BASES
from checker.statistics.completeness import contract_gaps
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.access import procurement_for_reading
from checker.web.access import role_required
from checker.web.extensions import db
from checker.web.reports.issuing import pdf_download
from checker.web.statistics import page
from checker.web.statistics import queries
from checker.web.statistics.annual import report_of
from checker.web.statistics.annual import request_statistics_report
from checker.web.statistics.exporting import FORMATS
from checker.web.statistics.exporting import MEDIA_TYPES
from checker.web.statistics.exporting import export_bytes
from checker.web.statistics.exporting import record_export
from checker.web.statistics.forms import PublishForm
from checker.web.statistics.forms import WithdrawForm
from checker.web.statistics.forms import statistics_filter_form
from checker.web.statistics.publication import publication_of
from checker.web.statistics.publication import publish
from checker.web.statistics.publication import withdraw
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import as_of
from checker.web.statistics.service import default_through
from checker.web.statistics.service import statistics_entry

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
PER_PAGE = 50


def _form_and_filters():
    """The filter form and the filters it gives; an invalid filter is left out (and marked)."""
    organisation = current_user.organisation
    form = statistics_filter_form(organisation.id)
    if form.validate():
        return form, form.filters(), form.through_month(), 200
    year = int(form.year.data)
    return form, Filters(year=year), None, 422


def _query(filters: Filters, through: int | None) -> dict:
    """The filters as query parameters, for links that keep them."""
    found = {"year": filters.year}
    if through:
        found["through"] = through
    if filters.ruleset_id:
        found["ruleset"] = filters.ruleset_id
    if filters.source:
        found["source"] = filters.source
    if filters.procurement_id:
        found["project"] = request.args.get("project", "")
    return found


@bp.route("/")
@role_required(*BUYER_READERS)
def index():
    form, filters, through, status = _form_and_filters()
    kept = statistics_entry(current_user.organisation, filters, through)
    language = get_locale().language
    if language not in kept.rendered:
        kept.rendered[language] = _figures(kept.statistics, _query(filters, through))
    return render_template(
        "statistics/index.html",
        form=form,
        s=kept.statistics,
        figures=Markup(kept.rendered[language]),
        publication=publication_of(current_user.organisation_id),
        publish_form=PublishForm(),
        withdraw_form=WithdrawForm(),
    ), status


def _figures(statistics: dict, query: dict) -> str:
    return render_template(
        "statistics/_figures.html",
        s=statistics,
        indicators=page.indicator_rows(statistics),
        months=page.month_rows(statistics),
        sources=page.source_rows(statistics),
        charts=page.charts(statistics),
        query=query,
        number=page.number,
        percent=page.percent,
        source_name=page.source_name,
    )


@bp.route("/publish", methods=["POST"])
@role_required("officer")
def publish_statistics():
    if not PublishForm().validate_on_submit():
        abort(400)
    publish(current_user.organisation, current_user)
    db.session.commit()
    flash(_("The statistics are published as open data."), "success")
    return redirect(url_for("statistics.index"), 303)


@bp.route("/withdraw", methods=["POST"])
@role_required("officer")
def withdraw_statistics():
    if not WithdrawForm().validate_on_submit():
        abort(400)
    withdraw(current_user.organisation)
    db.session.commit()
    flash(_("The statistics are no longer published."), "success")
    return redirect(url_for("statistics.index"), 303)


@bp.route("/export.<fmt>")
@role_required(*BUYER_READERS)
def export(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    form, filters, _through, status = _form_and_filters()
    if status != 200:
        abort(422)
    every_year = request.args.get("years") == "all" and fmt != "json"
    chosen = None if every_year else filters
    organisation = current_user.organisation
    record_export(organisation, chosen, fmt, "web")
    lang = "en" if request.args.get("lang") == "en" else "nb"
    chunks = export_bytes(organisation, chosen, fmt, lang)
    name = f"klimastatistikk-{organisation.org_number}-{'alle' if chosen is None else filters.year}"
    return Response(
        chunks,
        mimetype=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _choice(name: str, allowed, convert=str):
    value = request.args.get(name) or None
    if value is None:
        return None
    try:
        value = convert(value)
    except ValueError:
        abort(404)
    if value not in allowed:
        abort(404)
    return value


@bp.route("/figure")
@role_required(*BUYER_READERS)
def figure():
    """The contracts behind one figure: a basis, a month or the year to date, a source and carrier."""
    form, filters, through, status = _form_and_filters()
    basis = _choice("basis", BASES) or "actual"
    month = _choice("month", range(1, 13), int)
    carrier = _choice("carrier", ENERGY_CARRIERS)
    number = request.args.get("page", 1, type=int)
    if status != 200 or not 1 <= number <= 10_000:
        abort(404)
    contracts = queries.figure_contracts(
        current_user.organisation_id, filters, basis, month, carrier,
        through=None if month else through, limit=PER_PAGE + 1, offset=(number - 1) * PER_PAGE,
    )  # fmt: skip
    return render_template(
        "statistics/figure.html",
        filters=filters,
        basis=basis,
        month=month,
        through=through,
        carrier=carrier,
        contracts=contracts[:PER_PAGE],
        more=len(contracts) > PER_PAGE,
        page_number=number,
        query=_query(filters, through),
        number=page.number,
        source_name=page.source_name,
        carrier_name=page.carrier_name,
    )


@bp.route("/projects/<int:procurement_id>")
@role_required(*BUYER_READERS)
def project(procurement_id: int):
    """One contract's counted periods in a year, and the months it lacks."""
    procurement = procurement_for_reading(procurement_id)
    if procurement.state != "awarded":
        abort(404)
    year = request.args.get("year", clock.today_in_norway().year, type=int)
    if not 2000 <= year <= 2100:
        abort(404)
    filters = Filters(year=year, procurement_id=procurement.id)
    (coverage,) = queries.coverage(procurement.organisation_id, filters)
    through = default_through(year, clock.today_in_norway())
    return render_template(
        "statistics/project.html",
        procurement=procurement,
        year=year,
        gaps=contract_gaps(coverage, year, as_of(year, through, clock.today_in_norway())),
        periods=queries.project_periods(procurement.id, year),
        number=page.number,
    )


@bp.route("/report", methods=["POST"])
@role_required(*BUYER_READERS)
def issue_annual_report():
    """The annual PDF report of a year, issued for the officer or auditor who asks."""
    year = request.form.get("year", type=int)
    lang = request.form.get("lang")
    if year is None or not 2000 <= year <= 2100 or lang not in REPORT_LANGUAGES:
        abort(400)
    report = request_statistics_report(current_user.organisation, year, lang, current_user)
    return redirect(url_for("statistics.annual_report", report_id=report.id), 303)


def _annual(report_id: int):
    report = report_of(report_id, current_user.organisation_id) if 0 < report_id <= MAX_ID else None
    if report is None:
        abort(404)
    return report


@bp.route("/reports/<int:report_id>")
@role_required(*BUYER_READERS)
def annual_report(report_id: int):
    report = _annual(report_id)
    return render_template("statistics/report.html", report=report)


@bp.route("/reports/<int:report_id>/download")
@role_required(*BUYER_READERS)
def annual_report_download(report_id: int):
    report = _annual(report_id)
    if report.state != "ready":
        return redirect(url_for("statistics.annual_report", report_id=report.id))
    return pdf_download(report, f"klimagassutslipp-{report.lang}.pdf")
