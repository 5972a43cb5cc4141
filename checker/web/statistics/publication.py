"""The organisation's choice to publish its statistics as open data (recorded in the trail)."""

from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Organisation
from checker.web.models import StatisticsPublication
from checker.web.models import User


def publication_of(organisation_id: int) -> StatisticsPublication | None:
    return db.session.scalar(
        select(StatisticsPublication).where(
            StatisticsPublication.organisation_id == organisation_id
        )
    )


def publish(organisation: Organisation, user: User) -> StatisticsPublication:
    """From now on anyone may read the organisation's aggregates at its public address."""
    found = publication_of(organisation.id)
    if found is None:
        found = StatisticsPublication(organisation_id=organisation.id, published_by_id=user.id)
        db.session.add(found)
    return found


def withdraw(organisation: Organisation) -> None:
    """The public address answers 404 again; the trail keeps when it was published."""
    found = publication_of(organisation.id)
    if found is not None:
        db.session.delete(found)
