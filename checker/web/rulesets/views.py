"""The rule-set library: browse rule sets, versions, levels and rules; compare two versions."""

from flask import Blueprint
from flask import abort
from flask import render_template
from flask import request

from checker.rulesets.diff import diff_rulesets
from checker.rulesets.ruleset import RulesetError
from checker.web.procurements.workflow import library

bp = Blueprint("rulesets", __name__, url_prefix="/rules")


def _get(ruleset_id: str, version: str | None = None):
    try:
        return library().get(ruleset_id, version)
    except RulesetError:
        abort(404)


@bp.route("/")
def index():
    entries = []
    for ruleset_id in library().ids():
        versions = library().versions(ruleset_id)
        entries.append((_get(ruleset_id), versions))
    return render_template("rulesets/index.html", entries=entries)


@bp.route("/<ruleset_id>/")
@bp.route("/<ruleset_id>/<version>")
def show(ruleset_id: str, version: str | None = None):
    ruleset = _get(ruleset_id, version)
    versions = library().versions(ruleset_id)
    corrected_by = library().corrected_by(ruleset_id, ruleset.version)
    return render_template(
        "rulesets/show.html", ruleset=ruleset, versions=versions, corrected_by=corrected_by
    )


@bp.route("/<ruleset_id>/diff")
def diff(ruleset_id: str):
    versions = library().versions(ruleset_id)
    if len(versions) < 2:
        return render_template(
            "rulesets/diff.html", diff=None, versions=versions, ruleset_id=ruleset_id
        )
    old = request.args.get("from", versions[-2])
    new = request.args.get("to", versions[-1])
    if old not in versions or new not in versions:
        abort(404)
    result = diff_rulesets(_get(ruleset_id, old), _get(ruleset_id, new))
    return render_template(
        "rulesets/diff.html", diff=result, versions=versions, ruleset_id=ruleset_id
    )
