"""The data revision that kept pages are checked against (checker.web.pagecache)."""

from sqlalchemy import DDL
from sqlalchemy import BigInteger
from sqlalchemy import event
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from checker.web.extensions import db

# The one row's key: the migration writes it, and without it no page is kept.
THE_REVISION = 1


class PageRevision(db.Model):
    """A value every committed change to the data a page shows sets anew (random, so a value
    seen again means the same data). One row: reading it is one primary-key lookup, which every
    server process makes per logged-in request."""

    __tablename__ = "page_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)

    # A marker, not a record: the change that set it is in the audit trail.
    __audited__ = False


# A schema made from the models (tests, a first look) gets its row as the migration writes it.
event.listen(
    PageRevision.__table__,
    "after_create",
    DDL(f"INSERT INTO page_revision (id, revision) VALUES ({THE_REVISION}, 0)"),
)
