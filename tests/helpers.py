"""What tests share: paths, the demo's accounts, the test configuration, helpers that walk the
web pages, and factory fixtures (conftest.py makes them available to every test).

Test modules import from here and from tests.cases only, never from another test module or a
conftest (tests/test_test_layout.py checks it). Fixtures that build the app and its databases
live in conftest.py."""

import copy
import io
import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker import clock
from checker.formats.inputs import read_file
from checker.web.accounts.users import create_user
from checker.web.accounts.users import organisation
from checker.web.extensions import db
from checker.web.models import PeriodReport
from checker.web.models import Procurement
from checker.web.models import Tender

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FOLLOWUP = EXAMPLES / "followup"  # the contract follow-up example
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Set to run the web tests on PostgreSQL instead of a temporary SQLite file.
DATABASE_URL = os.environ.get("TEST_DATABASE_URL")

# The demo's accounts (checker.web.demo) by role: (email, password).
PASSWORDS = {
    "officer": ("officer@kommune.example", "demo-officer-2026"),
    "auditor": ("auditor@kommune.example", "demo-auditor-2026"),
    "admin": ("admin@kommune.example", "demo-admin-2026"),
    "contractor": ("contractor@fjordbygg.example", "demo-contractor-2026"),
}


def app_config(folder, url) -> dict:
    """The settings every test app gets, with its database at `url`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        # One limiter serves every test app, so tests keep it on with a limit they never reach.
        "LOGIN_RATE_LIMIT": "100000 per minute",
        # Fast hashing keeps per-test accounts cheap; production keeps the default (scrypt).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "JOBS": "inline",
        # The demo buyer signs the test apps' reports with an instance key of its own.
        "SIGNING_NAME": "Eksempel kommune",
        # Tests travel in time across deadlines: sessions there last (test_limits_and_sessions
        # sets the real limits).
        "SESSION_IDLE_MINUTES": 10**6,
        "SESSION_IDLE_MINUTES_CONTRACTOR": 10**6,
        "SESSION_LIFETIME_HOURS": 10**5,
    }


def soup(response):
    return BeautifulSoup(response.text, "html.parser")


def logged_in(app, role):
    """A new test client of `app`, logged in with the demo account of `role`."""
    client = app.test_client()
    email, password = PASSWORDS[role]
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.text
    return client


# --- a procurement set up through the officer's pages ------------------------------------------

DETAILS = {
    "title": "Ny idrettshall Vestby",
    "reference": "2026/4455",
    "description": "Grunnarbeid og betong for ny idrettshall.",
    "cpv": "45212225-9",
    "estimated_value_nok": "62000000",
    "tender_deadline": "2030-03-15T12:00",
    "contract_start": "2030-05-01",
    "contract_end": "2031-06-30",
}


def create_procurement(client, **changes):
    """Post the new-procurement form: DETAILS with `changes`; returns the response."""
    return client.post("/procurements/new", data=DETAILS | changes)


def id_of_procurement(app, reference=DETAILS["reference"]):
    """The id of the procurement with this reference (by default the one DETAILS creates)."""
    with app.app_context():
        return db.session.scalar(select(Procurement.id).where(Procurement.reference == reference))


def choose_ruleset(client, procurement_id, ruleset="dfo-fossil-free-site@1.0", level="advanced"):
    return client.post(
        f"/procurements/{procurement_id}/ruleset", data={"ruleset": ruleset, "level": level}
    )


def set_award_model(client, procurement_id, weights, climate_index=2, **extra):
    """Post the award model: (name, weight) rows, the row at climate_index marked as climate."""
    data = {}
    for index, (name, weight) in enumerate(weights):
        data[f"criteria-{index}-name"] = name
        data[f"criteria-{index}-weight_percent"] = str(weight)
        if index == climate_index:
            data[f"criteria-{index}-is_climate_environment"] = "y"
    return client.post(f"/procurements/{procurement_id}/award", data=data | extra)


def form_data(page) -> dict:
    """What a browser would send for the page's forms as they are filled in."""
    data = {}
    for element in page.select("form input, form select"):
        name = element.get("name")
        if not name or element.get("type") in ("submit",):
            continue
        if element.get("type") == "checkbox":
            if element.has_attr("checked"):
                data.setdefault(name, []).append(element.get("value", "y"))
        elif element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            data[name] = chosen["value"]
        else:
            data[name] = element.get("value", "")
    return data


@pytest.fixture
def make_procurement(demo_app):
    """make_procurement(**changes): a draft procurement the demo officer creates through the
    form, with its own client: DETAILS with `changes` (the first one keeps DETAILS' reference,
    later ones get new ones); returns its id."""
    made, officer = [], None

    def make(**changes):
        nonlocal officer
        officer = officer or logged_in(demo_app, "officer")
        changes.setdefault("reference", f"2026/9{len(made):03d}" if made else DETAILS["reference"])
        response = create_procurement(officer, **changes)
        assert response.status_code == 302, response.text
        made.append(id_of_procurement(demo_app, changes["reference"]))
        return made[-1]

    return make


@pytest.fixture
def make_tender(demo_app):
    """make_tender(procurement_id, example=..., status="submitted", contractor=(name, number),
    **changes): a tender on the procurement, stored as the demo stores its tenders: the example
    file's data with `changes` (top-level keys), naming the procurement and the contractor (by
    default a company the demo does not have); returns its id."""

    def make(
        procurement_id,
        example="school-compliant.json",
        status="submitted",
        contractor=("Nordfjord Maskin AS", "912345688"),
        **changes,
    ):
        with demo_app.app_context():
            procurement = db.session.get(Procurement, procurement_id)
            company = organisation(*contractor, "contractor")
            data = copy.deepcopy(read_file(EXAMPLES / example)) | changes
            data["contractor"] = {"name": company.name, "org_number": company.org_number}
            data["procurement"].update(
                reference=procurement.reference,
                title=procurement.title,
                buyer=procurement.organisation.name,
            )
            tender = Tender(
                procurement=procurement,
                organisation=company,
                status=status,
                price_nok=Decimal(str(data["price_nok"])),
                data=data,
                submitted_at=clock.now() if status == "submitted" else None,
            )
            db.session.add(tender)
            db.session.commit()
            return tender.id

    return make


# --- the evaluation of the demo's closed procurement -------------------------------------------


def run_all(client, procurement_id):
    """Assess every tender of the procurement; returns the run's page (all four done)."""
    response = client.post(f"/procurements/{procurement_id}/evaluation/run")
    assert response.status_code == 303
    page = soup(client.get(response.headers["Location"]))
    assert page.find("progress")["value"] == "4"
    return page


def decide(client, procurement_id, tender_id, key, item, **fields):
    """Decide exception request `key` (for `item`) with the decision form's fields."""
    data = {"key": key, "rule": "compact-machines-zero-emission", "item": item}
    data |= {f"decision-{key}-{name}": value for name, value in fields.items()}
    return client.post(f"/procurements/{procurement_id}/tenders/{tender_id}/decision", data=data)


def approve_both_requests(
    client, procurement_id, fjordbygg_id, reason="Dokumentasjonen er tilstrekkelig."
):
    """The officer approves Fjordbygg's two exception requests (E1 for M2, E2 for M4)."""
    for key, item in (("E1", "M2"), ("E2", "M4")):
        response = decide(
            client,
            procurement_id,
            fjordbygg_id,
            key,
            item,
            decision="approved",
            legal_basis="Kontraktens punkt 4.2",
            reason=reason,
        )
        assert response.status_code == 303


def quality_criterion(app, procurement_id):
    """The id of the procurement's manually scored award criterion."""
    with app.app_context():
        return next(
            c.id
            for c in db.session.get(Procurement, procurement_id).criteria
            if c.scoring == "manual"
        )


def score(
    client, procurement_id, tender_id, criterion_id, points, reason="Godt gjennomarbeidet plan."
):
    return client.post(
        f"/procurements/{procurement_id}/tenders/{tender_id}/scores",
        data={
            "criterion": criterion_id,
            f"score-{criterion_id}-points": points,
            f"score-{criterion_id}-reason": reason,
        },
    )


def ready_to_conclude(client, demo_app, procurement_id, tenders, points):
    """Assessed, both requests approved, and the two competing tenders scored: ready to conclude.
    Returns the manually scored criterion's id."""
    run_all(client, procurement_id)
    approve_both_requests(client, procurement_id, tenders["Fjordbygg"])
    quality = quality_criterion(demo_app, procurement_id)
    for name in ("Oslo", "Fjordbygg"):
        assert score(client, procurement_id, tenders[name], quality, points).status_code == 303
    return quality


def award_the_demo(client, demo_app):
    """Walk the demo's closed procurement to the award (Oslo wins); returns its id and Oslo's."""
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        tenders = {t.organisation.name.split()[0]: t.id for t in procurement.tenders}
        closed_id = procurement.id
    ready_to_conclude(client, demo_app, closed_id, tenders, "7")
    base = f"/procurements/{closed_id}/evaluation"
    assert client.post(f"{base}/conclude").status_code == 303
    client.post(
        f"{base}/award",
        data={"tender": tenders["Oslo"], "justification": "Høyest samlet poengsum."},
    )
    return closed_id, tenders["Oslo"]


def ocds_package_validator():
    """The OCDS release package schema, its $ref to the release schema served from the test data
    (offline)."""
    from jsonschema import Draft4Validator
    from referencing import Registry
    from referencing import Resource
    from referencing.jsonschema import DRAFT4

    schemas = [
        json.loads((ROOT / "tests" / "data" / "ocds" / name).read_text(encoding="utf-8"))
        for name in ("release-package-schema.json", "release-schema.json")
    ]
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in schemas
    )
    return Draft4Validator(schemas[0], registry=registry)


def follow_the_demo_contract(demo_app) -> int:
    """The demo's contract in follow-up (checker serve adds it to the demo; the tests' demo is
    without it): the follow-up example awarded to Fjordbygg and reported by its user, six
    monthly reports, the fifth month late. Returns its id."""
    from checker.web.demo import FOLLOWUP_REFERENCE
    from checker.web.demo import load_contract_in_followup

    with demo_app.app_context():
        assert load_contract_in_followup()
        return db.session.scalar(
            select(Procurement.id).where(Procurement.reference == FOLLOWUP_REFERENCE)
        )


# --- real-browser pages (tests/browser) --------------------------------------------------------


def log_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{base_url}/")


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations axe-core finds on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def in_parallel(calls):
    """Run the calls at the same moment, each in its own thread; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


# Climate statistics: the demo's Storgata contract awarded to Oslo Grunnarbeid, whose contractor
# reports April and May 2027 (tests/test_web_statistics*.py).
OSLO_CONTRACTOR = ("kontakt@oslogrunnarbeid.example", "oslo-contractor-2027")
BUYER_NUMBER = "944444408"


def period(start: str, end: str, **lists) -> dict:
    return {
        "format": "climate-period-report/1",
        "tender_id": "T-2026-0231",
        "period": {"start": start, "end": end},
        "contractor": {"name": "Oslo Grunnarbeid AS", "org_number": "981000013"},
        **lists,
    }


APRIL = period(
    "2027-04-01",
    "2027-04-30",
    machines=[
        {"id": "M1", "hours": 120, "energy_kwh": 6000},
        {"id": "M9", "hours": 20, "fuel_litres": 200},
    ],
    heating=[{"id": "H1", "energy_kwh": 5000}],
    vehicles=[
        {"id": "V1", "km": 500, "energy_kwh": 600},
        {"id": "V2", "km": 700, "energy_kwh": 3150},
    ],
)
MAY = period(
    "2027-05-01",
    "2027-05-31",
    machines=[{"id": "M1", "hours": 100, "energy_kwh": 5000}],
    heating=[{"id": "H1", "energy_kwh": 4000}],
)


def upload_period(client, tender_id, data):
    raw = json.dumps(data).encode()
    return client.post(
        f"/contracts/{tender_id}",
        data={"report": (io.BytesIO(raw), "period.json")},
        content_type="multipart/form-data",
    )


def switch_user(client, email, password):
    client.post("/logout")
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302


@pytest.fixture
def reported(login, demo_app, travel):
    """The contract awarded, April and May reported and accepted; the clock on 10.08.2027."""
    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    with demo_app.app_context():
        create_user(
            OSLO_CONTRACTOR[0], "Kari Kontakt", "contractor", "Oslo Grunnarbeid AS",
            "981000013", OSLO_CONTRACTOR[1],
        )  # fmt: skip
        db.session.commit()
    travel(datetime(2027, 8, 10, 9, 0, tzinfo=UTC))
    switch_user(client, *OSLO_CONTRACTOR)
    for report in (APRIL, MAY):
        assert upload_period(client, oslo, report).status_code == 303
    switch_user(client, "officer@kommune.example", "demo-officer-2026")
    for report_id in period_report_ids(demo_app):
        url = f"/procurements/{procurement_id}/followup/periods/{report_id}/accept"
        assert client.post(url).status_code == 303
    return client, procurement_id, oslo


def period_report_ids(app):
    with app.app_context():
        return db.session.scalars(select(PeriodReport.id).order_by(PeriodReport.id)).all()


def statistics_sums(rows) -> dict:
    """Activity and emissions of the actual basis, summed the way the column dictionary says."""
    sums: dict = {}
    for row in rows:
        if row["basis"] != "actual":
            continue
        key = row["emission"] or row["measure"]
        value = float(row["co2e_kg"] if row["emission"] else row["quantity"])
        sums[key] = sums.get(key, 0.0) + value
    return sums


def pdf_text(pdf: bytes) -> str:
    """A PDF's text as one line, words that hyphenation broke over two lines joined again
    (WeasyPrint marks such a break with U+2010, never the hyphen-minus a text itself has)."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text.replace("\u2010 ", "")


# The JSON API (tests/test_web_followup_api*.py): Oslo Grunnarbeid's first user made a token.


def make_token(client, name="Flåtesystem") -> str:
    page = client.post("/account/api-tokens", data={"name": name})
    assert page.status_code == 200, page.text
    assert page.headers["Cache-Control"] == "no-store"
    return soup(page).select_one("#token-value")["value"]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api_contract(login, demo_app):
    """The demo's closed procurement awarded to Oslo Grunnarbeid, whose first user (so its
    administrator) has made a token; returns the client (logged in as that user), the
    contract's id and the token."""
    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    with demo_app.app_context():
        create_user(
            OSLO_CONTRACTOR[0], "Kari Kontakt", "contractor", "Oslo Grunnarbeid AS",
            "981000013", OSLO_CONTRACTOR[1],
        )  # fmt: skip
        db.session.commit()
    switch_user(client, *OSLO_CONTRACTOR)
    client.procurement_id = procurement_id
    return client, oslo, make_token(client)


def post_report(client, contract, token, report, **headers):
    return client.post(
        f"/api/v1/contracts/{contract}/period-reports",
        data=json.dumps(report),
        headers=bearer(token) | {"Content-Type": "application/json"} | headers,
    )


# Words only bokmål writes: a nynorsk text that has one was copied, not translated. (Each is a
# word whose nynorsk form differs: ikkje, eit/ein, frå, kva, berre, enno, også/òg.)
BOKMAL_ONLY = ("ikke", "ett", "fra", "hva", "bare", "ennå", "hvis", "noen", "mye", "hvordan")


def bokmal_words(text: str) -> set[str]:
    """The bokmål-only words in a text meant to be nynorsk (lower case)."""
    return {w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå]+", text)} & set(BOKMAL_ONLY)


def untranslated_rules(folder: Path) -> Path:
    """A rules folder holding dfo-fossil-free-site 1.2 without its nynorsk (every shipped version
    has one), for what a version without a translation says."""
    target = folder / "dfo-fossil-free-site"
    target.mkdir(parents=True)
    (target / "1.2.yaml").write_bytes(
        (ROOT / "rules" / "dfo-fossil-free-site" / "1.2.yaml").read_bytes()
    )
    return folder
