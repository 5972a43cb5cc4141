"""Dossiers made on the job queue: asked for on a page, made by a worker, fetched when ready."""

from sqlalchemy import select

from checker import clock
from checker.exports.dossier import sha256
from checker.web.exports.dossier import export_dossier
from checker.web.extensions import db
from checker.web.jobs import queue as jobs
from checker.web.models import DossierExport
from checker.web.models import Procurement
from checker.web.models import User


def request_dossier(procurement: Procurement, user: User) -> DossierExport:
    """A new dossier of the procurement as it stands (its trail grows, so none is reused),
    unless this user's last one is still being made."""
    pending = db.session.scalar(
        select(DossierExport).where(
            DossierExport.procurement_id == procurement.id,
            DossierExport.requested_by_id == user.id,
            DossierExport.state == "pending",
        )
    )
    if pending is not None:
        return pending
    export = DossierExport(procurement_id=procurement.id, requested_by_id=user.id)
    db.session.add(export)
    db.session.flush()
    jobs.defer("export_dossier", export, export_id=export.id)
    return export


def _failed(problem: str, export_id: int) -> None:
    export = db.session.get(DossierExport, export_id)
    if export.state == "pending":
        export.state, export.problem = "failed", problem


def _retried(note: str, export_id: int) -> None:
    db.session.get(DossierExport, export_id).note = note


def _interrupted() -> int:
    pending = db.session.scalars(select(DossierExport).where(DossierExport.state == "pending"))
    count = 0
    for count, export in enumerate(pending, start=1):  # noqa: B007 - the count is the result
        export.state, export.problem = "failed", "interrupted"
    return count


@jobs.job("export_dossier", failed=_failed, retried=_retried, interrupted=_interrupted)
def make_dossier(export_id: int) -> None:
    """The dossier itself, signed and recorded in the trail by export_dossier."""
    export = db.session.get(DossierExport, export_id)
    if export is None or export.state != "pending":
        return  # made already (a job picked up again after its worker stopped)
    data = export_dossier(export.procurement, clock.now(), export.requested_by.email)
    export.data, export.size, export.state = data, len(data), "ready"
    export.sha256 = sha256(data)
    export.finished_at = clock.now()
    db.session.commit()
