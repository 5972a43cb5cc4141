"""Realistic demo data for a first look: a buyer, three contractors, four accounts, three procurements;
and, for `checker serve` and `checker demo load`, a fourth: a contract in follow-up
(checker.web.followup.demo_contract), added apart so the tests' demo stays as it was."""

import copy
from datetime import date
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from checker import clock
from checker.formats.inputs import read_file
from checker.paths import shipped
from checker.web.accounts.users import create_user
from checker.web.accounts.users import organisation
from checker.web.extensions import db
from checker.web.followup.demo_contract import award_criteria
from checker.web.followup.demo_contract import load_followup_demo
from checker.web.models import AwardCriterion
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements import workflow

EXAMPLES = shipped("examples")
BUYER = ("Eksempel kommune", "944444408")
# Demo accounts; the README lists them. Never use these passwords outside a local first look.
ACCOUNTS = [
    ("officer@kommune.example", "Kari Nordmann", "officer", *BUYER, "demo-officer-2026"),
    ("auditor@kommune.example", "Ola Revisor", "auditor", *BUYER, "demo-auditor-2026"),
    ("admin@kommune.example", "Ada Admin", "admin", *BUYER, "demo-admin-2026"),
    (
        "contractor@fjordbygg.example",
        "Per Entreprenør",
        "contractor",
        "Fjordbygg Entreprenør AS",
        "914880009",
        "demo-contractor-2026",
    ),
]
CONTRACTOR_EXAMPLES = {
    "914880009": ("Fjordbygg Entreprenør AS", "school-compliant.json"),
    "923410007": ("Berg & Sønn Anlegg AS", "fossil-generator.json"),
    "973120018": ("Vestlandsgraving AS", "palm-oil-hvo.json"),
    "981000013": ("Oslo Grunnarbeid AS", "oslo-exception-request.json"),
}
# At spearhead level compact machines must be zero-emission; Fjordbygg's tender for Storgata asks
# for exceptions for its HVO excavator and dumper, so the demo has requests for the officer.
STREET_EXCEPTIONS = [
    {
        "id": "E1",
        "item": "M2",
        "ground": "not_available",
        "justification": "Ingen elektrisk gravemaskin i 14-tonnsklassen kan leies i regionen i 2027.",
        "market_check": [
            {"supplier": "Volvo Maskin AS", "date": "2026-10-12", "answer": "Leveringstid 2028"},
            {"supplier": "Cramo AS", "date": "2026-10-13", "answer": "Ingen i utleieparken"},
        ],
    },
    {
        "id": "E2",
        "item": "M4",
        "ground": "grid_capacity",
        "justification": "Nettselskapet kan ikke levere byggestrøm til hurtiglading før uke 30.",
        "grid_owner": "Elvia AS",
        "grid_statement_date": "2026-10-20",
        "grid_available_kw": 22,
        "required_kw": 55,
    },
]


def _criteria(climate: int) -> list[AwardCriterion]:
    return award_criteria(
        [
            ("Pris", 100 - climate - 10, False, "price"),
            ("Gjennomføring og kvalitet", 10, False, "manual"),
            ("Klima og miljø", climate, True, "rules"),
        ]
    )


def _procurement(officer: User, **fields) -> Procurement:
    procurement = Procurement(
        organisation_id=officer.organisation_id, created_by_id=officer.id, tailoring={}, **fields
    )
    db.session.add(procurement)
    return procurement


def _tender(procurement: Procurement, org_number: str, status: str, **changes) -> Tender:
    name, example = CONTRACTOR_EXAMPLES[org_number]
    org = organisation(name, org_number, "contractor")
    data = copy.deepcopy(read_file(EXAMPLES / example)) | changes
    data["contractor"] = {"name": name, "org_number": org_number}
    data["procurement"].update(
        reference=procurement.reference, title=procurement.title, buyer=BUYER[0]
    )
    if status == "draft":
        # The draft bid still has one thing to fix, so the contractor's page shows the advice.
        telehandler = next(m for m in data["machines"] if m["category"] == "telehandler")
        telehandler["energy_carrier"] = "diesel"
        telehandler.pop("fuel_id", None)
    tender = Tender(
        procurement=procurement,
        organisation=org,
        status=status,
        price_nok=Decimal(data["price_nok"]),
        data=data,
        submitted_at=clock.now() - timedelta(days=3) if status == "submitted" else None,
    )
    db.session.add(tender)
    return tender


def load_demo() -> bool:
    """Load the demo data into an empty database; returns False (and does nothing) if users exist."""
    if db.session.scalar(select(User.id).limit(1)) is not None:
        return False
    users = {
        role: create_user(email, name, role, org, number, password)
        for email, name, role, org, number, password in ACCOUNTS
    }
    db.session.flush()
    officer, now = users["officer"], clock.now()
    _procurement(
        officer,
        reference="2026/0311",
        title="Ny barnehage Tåsen – grunnarbeider",
        description="Grunn- og betongarbeider for ny barnehage med fire avdelinger.",
        cpv="45214100-1",
        estimated_value_nok=Decimal(31_000_000),
        contract_start=date(2027, 5, 1),
    )
    school = _procurement(
        officer,
        reference="2026/1234",
        title="Nye Bryn skole – grunn- og betongarbeider",
        description="Riving, graving, fundamentering og betongarbeider for ny barneskole.",
        cpv="45214200-2",
        estimated_value_nok=Decimal(48_000_000),
        tender_deadline=now + timedelta(days=30),
        contract_start=date(2027, 3, 1),
        contract_end=date(2028, 8, 1),
        criteria=_criteria(30),
    )
    workflow.choose_ruleset(school, workflow.library().get("dfo-fossil-free-site"), "advanced")
    workflow.publish(school, now - timedelta(days=5))
    street = _procurement(
        officer,
        reference="2026/0877",
        title="Rehabilitering Storgata – vann og avløp",
        description="Utskifting av vann- og avløpsledninger i Storgata, 800 meter.",
        cpv="45232410-9",
        estimated_value_nok=Decimal(22_500_000),
        tender_deadline=now - timedelta(days=2),
        contract_start=date(2027, 4, 1),
        contract_end=date(2027, 12, 15),
        criteria=_criteria(30),
    )
    workflow.choose_ruleset(street, workflow.library().get("dfo-fossil-free-site"), "spearhead")
    workflow.publish(street, now - timedelta(days=40))
    street.state = "closed"
    db.session.flush()
    _tender(school, "914880009", "draft")
    _tender(street, "914880009", "submitted", exceptions=STREET_EXCEPTIONS)
    for number in list(CONTRACTOR_EXAMPLES)[1:]:
        _tender(street, number, "submitted")
    db.session.commit()
    return True


FOLLOWUP_REFERENCE = "EKS-2026/0117"  # the follow-up example's procurement


def load_contract_in_followup() -> bool:
    """Add the demo's contract in follow-up to a loaded demo (once): the follow-up example
    awarded to Fjordbygg, with six monthly reports by its user, the fifth month late."""
    if db.session.scalar(select(Procurement.id).where(Procurement.reference == FOLLOWUP_REFERENCE)):
        return False
    officer = db.session.scalar(select(User).where(User.email == ACCOUNTS[0][0]))
    contractor = db.session.scalar(select(User).where(User.email == ACCOUNTS[3][0]))
    if officer is None or contractor is None:
        return False
    load_followup_demo(
        officer, contractor.organisation, contractor, clock.now(), clock.today_in_norway()
    )
    db.session.commit()
    return True
