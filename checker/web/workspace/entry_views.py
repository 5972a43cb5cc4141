"""Add, edit, copy and remove machines, vehicles, heaters, fuels and exception requests.

Plain forms, one POST per action and a redirect after it: it all works without JavaScript.
"""

from flask import Blueprint
from flask import abort
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask_babel import gettext as _

from checker.formats.vocabulary import COMBUSTION_CARRIERS
from checker.formats.vocabulary import ENERGY_CARRIERS
from checker.intake.columns import SHEETS_BY_KEY
from checker.web.concurrency import Conflict
from checker.web.workspace import lists as workspaces
from checker.web.workspace.entry_forms import ENTRY_KINDS
from checker.web.workspace.entry_forms import entry_form_class
from checker.web.workspace.views import workspace_route

bp = Blueprint("entries", __name__)
# Machines, vehicles and heaters share one id space: exceptions refer to any of them.
ITEM_KINDS = ("machines", "vehicles", "heating")


def _id_group(kind: str) -> tuple[str, ...]:
    return ITEM_KINDS if kind in ITEM_KINDS else (kind,)


def _taken_ids(data: dict, kind: str, except_id: str | None = None) -> set[str]:
    return {
        entry["id"]
        for name in _id_group(kind)
        for entry in data.get(name) or []
        if entry["id"] != except_id
    }


def _index_of(data: dict, kind: str, entry_id: str) -> int | None:
    for index, entry in enumerate(data.get(kind) or []):
        if entry["id"] == entry_id:
            return index
    return None


def _gone(workspace, kind: str, entry_id: str):
    """The entry is not (or no longer) there: on a change, someone else removed it meanwhile."""
    if request.method == "GET":
        abort(404)
    flash(
        _("%(id)s was already removed by someone else; nothing was changed.", id=entry_id), "error"
    )
    return redirect(workspace.url("intake.show") + f"#{kind}")


def _check_kind(kind: str) -> None:
    if kind not in ENTRY_KINDS:
        abort(404)


def _form_for(workspace, kind: str):
    form = entry_form_class(kind)()
    form.offer_references(workspace.data)
    return form


def _unique_id_problem(form, data: dict, kind: str, except_id: str | None) -> bool:
    if form.id.data and form.id.data.strip() in _taken_ids(data, kind, except_id):
        form.id.errors.append(_("This ID is already used; give each entry its own."))
        return True
    return False


def _render(workspace, kind: str, form, entry_id: str | None, status: int = 200, conflict=None):
    return render_template(
        "workspace/entry.html",
        ws=workspace,
        kind=kind,
        form=form,
        entry_id=entry_id,
        sheet=SHEETS_BY_KEY[kind],
        no_engine=" ".join(sorted(set(ENERGY_CARRIERS) - COMBUSTION_CARRIERS)),
        conflict=conflict,
    ), status


@workspace_route(bp, "/entries/<kind>/new", methods=["GET", "POST"])
def add(kind: str, token: str | None = None, tender_id: int | None = None):
    """A new entry; ?rejected=N puts an uploaded row that had problems into the form to fix."""
    _check_kind(kind)
    workspace = workspaces.load(token, tender_id, change=request.method == "POST")
    rejected_index = request.args.get("rejected", type=int)
    if request.method == "GET" and rejected_index is not None:
        rows = workspace.rejected
        if not 0 <= rejected_index < len(rows) or rows[rejected_index]["list"] != kind:
            abort(404)
        # Not bound to the row as form data: that would read 'nei' as a ticked box, refuse
        # 'gravemaskin' and ask for a CSRF token the row cannot have.
        form = _form_for(workspace, kind)
        form.fill_from_upload(rows[rejected_index]["values"])
        _unique_id_problem(form, workspace.data, kind, None)
        return _render(workspace, kind, form, None)
    form = _form_for(workspace, kind)
    if form.validate_on_submit() and not _unique_id_problem(form, workspace.data, kind, None):
        data = workspace.data
        data.setdefault(kind, []).append(form.entry())
        rejected = workspace.rejected
        if rejected_index is not None and 0 <= rejected_index < len(rejected):
            del rejected[rejected_index]  # fixed: no longer waiting
        _saved(workspace, data, rejected)
        return redirect(workspace.url("intake.show") + f"#{kind}")
    return _render(workspace, kind, form, None, 422 if form.errors else 200)


def _saved(workspace, data: dict, rejected: list | None = None) -> None:
    if workspace.save(data, rejected):
        flash(
            _("Your bid was changed and is a draft again: submit it again before the deadline."),
            "error",
        )
    flash(_("Saved."), "success")


@workspace_route(bp, "/entries/<kind>/<entry_id>", methods=["GET", "POST"])
def edit(kind: str, entry_id: str, token: str | None = None, tender_id: int | None = None):
    _check_kind(kind)
    workspace = workspaces.load(token, tender_id, change=request.method == "POST")
    data = workspace.data
    index = _index_of(data, kind, entry_id)
    if index is None:
        return _gone(workspace, kind, entry_id)
    form = _form_for(workspace, kind)
    if request.method == "GET":
        form.fill(data[kind][index])
        form.set_basis(data[kind][index])
    if form.validate_on_submit() and not _unique_id_problem(form, data, kind, entry_id):
        try:
            form.check_basis(data[kind][index])
        except Conflict as conflict:
            return _render(workspace, kind, form, entry_id, 409, conflict)
        data[kind][index] = form.entry()
        _rename_references(data, kind, entry_id, data[kind][index]["id"])
        _saved(workspace, data)
        return redirect(workspace.url("intake.show") + f"#{kind}")
    return _render(workspace, kind, form, entry_id, 422 if form.errors else 200)


def _rename_references(data: dict, kind: str, old: str, new: str) -> None:
    """A renamed fuel or item keeps the entries and exception requests that refer to it."""
    if old == new:
        return
    field, lists = ("fuel_id", ITEM_KINDS) if kind == "fuels" else ("item", ("exceptions",))
    if kind not in ("fuels", *ITEM_KINDS):
        return
    for name in lists:
        for entry in data.get(name) or []:
            if entry.get(field) == old:
                entry[field] = new


@workspace_route(bp, "/entries/<kind>/<entry_id>/copy", methods=["POST"])
def copy(kind: str, entry_id: str, token: str | None = None, tender_id: int | None = None):
    """A copy with a fresh id, right after the original; then its form, to change what differs."""
    _check_kind(kind)
    workspace = workspaces.load(token, tender_id, change=True)
    data = workspace.data
    index = _index_of(data, kind, entry_id)
    if index is None:
        return _gone(workspace, kind, entry_id)
    taken = _taken_ids(data, kind)
    number = 2
    while f"{entry_id}-{number}" in taken:
        number += 1
    duplicate = dict(data[kind][index], id=f"{entry_id}-{number}"[:60])
    data[kind].insert(index + 1, duplicate)
    _saved(workspace, data)
    return redirect(workspace.url("entries.edit", kind=kind, entry_id=duplicate["id"]))


@workspace_route(bp, "/entries/<kind>/<entry_id>/remove", methods=["POST"])
def remove(kind: str, entry_id: str, token: str | None = None, tender_id: int | None = None):
    _check_kind(kind)
    workspace = workspaces.load(token, tender_id, change=True)
    data = workspace.data
    index = _index_of(data, kind, entry_id)
    if index is None:
        return _gone(workspace, kind, entry_id)
    del data[kind][index]
    _saved(workspace, data)
    flash(_("%(id)s was removed.", id=entry_id), "info")
    return redirect(workspace.url("intake.show") + f"#{kind}")
