"""Searching lists of tenders: the contractor's own bids, and the buyer's opened tenders."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import aliased
from wtforms import SelectChoice
from wtforms.validators import Length
from wtforms.validators import Optional

from checker.web.access import OPENED_STATES
from checker.web.fields import ChoiceField
from checker.web.fields import TextField
from checker.web.i18n import display_name
from checker.web.models import Organisation
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.search import SearchForm
from checker.web.search import contains

TENDER_STATUSES = ("draft", "submitted")


class TenderSearchForm(SearchForm):
    q = TextField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = ChoiceField(_l("Status"), validators=[Optional()])


def _choices(group: str, codes) -> list[SelectChoice]:
    return [SelectChoice("", _l("All")), *(SelectChoice(c, display_name(group, c)) for c in codes)]


def own_bids_form() -> TenderSearchForm:
    form = TenderSearchForm()
    form.q.label.text = _l("Procurement, reference or buyer")
    form.status.choices = _choices("tender_status", TENDER_STATUSES)
    return form


def own_bids(form: TenderSearchForm, organisation_id: int, valid: bool):
    """A contractor organisation's bids, newest first, narrowed by the form when it is valid."""
    buyer = aliased(Organisation)
    query = (
        select(Tender)
        .join(Procurement, Procurement.id == Tender.procurement_id)
        .join(buyer, buyer.id == Procurement.organisation_id)
        .where(Tender.organisation_id == organisation_id)
        .order_by(Tender.id.desc())
    )
    if not valid:
        return query
    if form.q.data:
        pattern = contains(form.q.data)
        query = query.where(
            Procurement.title.ilike(pattern, escape="\\")
            | Procurement.reference.ilike(pattern, escape="\\")
            | buyer.name.ilike(pattern, escape="\\")
        )
    if form.status.data:
        query = query.where(Tender.status == form.status.data)
    return query


def opened_tenders_form() -> TenderSearchForm:
    form = TenderSearchForm()
    form.q.label.text = _l("Contractor, organisation number, procurement or reference")
    form.status.label.text = _l("State of the procurement")
    form.status.choices = _choices("state", OPENED_STATES)
    return form


def opened_tenders(form: TenderSearchForm, organisation_id: int, valid: bool):
    """The submitted tenders of a buyer's procurements past their deadline (sealed before)."""
    contractor = aliased(Organisation)
    query = (
        select(Tender)
        .join(Procurement, Procurement.id == Tender.procurement_id)
        .join(contractor, contractor.id == Tender.organisation_id)
        .where(Procurement.organisation_id == organisation_id)
        .where(Procurement.state.in_(OPENED_STATES), Tender.status == "submitted")
        .order_by(Procurement.tender_deadline.desc(), Tender.id)
    )
    if not valid:
        return query
    if form.q.data:
        pattern = contains(form.q.data)
        query = query.where(
            contractor.name.ilike(pattern, escape="\\")
            | contractor.org_number.ilike(pattern, escape="\\")
            | Procurement.title.ilike(pattern, escape="\\")
            | Procurement.reference.ilike(pattern, escape="\\")
        )
    if form.status.data:
        query = query.where(Procurement.state == form.status.data)
    return query
