"""Procurement dossiers made on the job queue: the request, its state and the signed ZIP."""

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy import ForeignKey
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import deferred
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from checker import clock
from checker.web.extensions import db
from checker.web.models.accounts import User
from checker.web.models.base import UtcDateTime
from checker.web.models.procurements import Procurement


class DossierExport(db.Model):
    """A dossier asked for by an officer or auditor, made by a worker (a large procurement's
    dossier carries every report and evidence file, more than a web request should hold)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    procurement_id: Mapped[int] = mapped_column(ForeignKey("procurement.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # as IssuedReport's
    # The ZIP is read only for its download, never with the record.
    data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    problem: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    job_id: Mapped[int | None] = mapped_column(BigInteger)

    procurement: Mapped[Procurement] = relationship()
    requested_by: Mapped[User] = relationship()

    # The trail records the export itself ("dossier_exported", with the ZIP's SHA-256).
    __audited__ = False

    @property
    def audit_procurement_id(self) -> int:
        return self.procurement_id
