"""A contractor's bid on a published procurement: a new bid as a tender, and its price."""

from decimal import Decimal

from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.procurements.workflow import procurement_block


def new_bid(procurement: Procurement, organisation) -> Tender:
    """An empty bid of an organisation: the procurement and contractor filled in, no entries."""
    data = {
        "format": "climate-tender/1",
        "tender_id": f"{procurement.reference}-{organisation.org_number}",
        "procurement": procurement_block(procurement),
        "contractor": {"name": organisation.name, "org_number": organisation.org_number},
        "price_nok": 0,
    }
    tender = Tender(procurement=procurement, organisation=organisation, status="draft", data=data)
    db.session.add(tender)
    return tender


def set_price(tender: Tender, price: Decimal | None) -> dict:
    """Set the price column; returns the tender data with the price, for the caller to save
    (so the save sees whether anything changed)."""
    tender.price_nok = price
    data = dict(tender.data)
    data["price_nok"] = 0 if price is None else float(price)
    return data
