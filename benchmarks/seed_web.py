"""Seed a database for the web benchmark (benchmarks/web.sh): the demo data, scaled up.

Run from the repository root, against an empty database (CHECKER_INSTANCE_PATH pointing at a
fresh folder, or DATABASE_URL at an empty database):

    python benchmarks/seed_web.py

It migrates the schema, loads the demo data (load_demo), then adds procurements for the demo
buyer organisation until it has 1,000 (a mix of draft, published, closed, evaluated and awarded,
tender deadlines spread over one year back and one year ahead, three award criteria each once a
rule set is chosen) and tenders until there are 20,000 (draft or submitted, from 300 contractor
organisations with valid Norwegian organisation numbers, carrying a full climate-tender/1 JSON
like the examples). Everything is inserted in bulk, so it takes seconds. The data are
deterministic apart from timestamps, which are relative to now.

It refuses (exit 1) a database that already has users: it never adds benchmark data to a real one.
"""

import copy
import random
import secrets
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from flask import current_app  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy import select  # noqa: E402

from checker import clock  # noqa: E402
from checker.formats.inputs import read_file  # noqa: E402
from checker.formats.tender import org_number_is_valid  # noqa: E402
from checker.paths import shipped  # noqa: E402
from checker.web import create_app  # noqa: E402
from checker.web.demo import BUYER  # noqa: E402
from checker.web.demo import load_demo  # noqa: E402
from checker.web.extensions import db  # noqa: E402
from checker.web.models import AwardCriterion  # noqa: E402
from checker.web.models import Organisation  # noqa: E402
from checker.web.models import Procurement  # noqa: E402
from checker.web.models import Tender  # noqa: E402
from checker.web.models import User  # noqa: E402
from checker.web.procurements import workflow  # noqa: E402

SEED = 20260301
PROCUREMENTS = 1_000
TENDERS = 20_000
CONTRACTORS = 300
BATCH = 2_000
# Share of the generated procurements per state; drafts get no tenders.
STATE_MIX = (
    ("draft", 0.15),
    ("published", 0.20),
    ("closed", 0.15),
    ("evaluated", 0.15),
    ("awarded", 0.35),
)
RULESET_CHOICES = (
    ("dfo-fossil-free-site", None, ("basis", "advanced", "spearhead")),
    ("oslo-zero-emission-site", None, ("basis",)),
    ("se-joint-environmental-requirements", None, ("basis",)),
)
WORKS = (
    ("Ny barnehage", "45214100-1"),
    ("Ny barneskole", "45214200-2"),
    ("Rehabilitering ungdomsskole", "45214200-2"),
    ("Vann og avløp", "45232410-9"),
    ("Gang- og sykkelvei", "45233162-2"),
    ("Omsorgsboliger", "45215200-3"),
    ("Idrettshall", "45212200-8"),
    ("Brannstasjon", "45216121-8"),
    ("Overvannshåndtering", "45232130-2"),
    ("Kaianlegg", "45241000-0"),
)
PLACES = (
    "Tåsen",
    "Bryn",
    "Storgata",
    "Haugerud",
    "Løren",
    "Ensjø",
    "Kjelsås",
    "Grorud",
    "Furuset",
    "Majorstuen",
    "Ullern",
    "Nydalen",
    "Bjølsen",
    "Sagene",
    "Lambertseter",
)
PARTS = (
    "grunnarbeider",
    "betongarbeider",
    "totalentreprise",
    "riving og graving",
    "tekniske anlegg",
    "utomhusarbeider",
)
COMPANY_WORDS = (
    "Fjell",
    "Fjord",
    "Nord",
    "Vest",
    "Sør",
    "Øst",
    "Berg",
    "Dal",
    "Elv",
    "Skog",
    "Stein",
    "Vik",
    "Bakke",
    "Strand",
    "Li",
)
COMPANY_KINDS = ("Entreprenør AS", "Anlegg AS", "Bygg AS", "Graving AS", "Maskin AS", "Betong AS")


def valid_org_numbers(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Distinct valid organisation numbers starting with 9 (check digit from org_number_is_valid)."""
    found: list[str] = []
    while len(found) < count:
        stem = "9" + "".join(rng.choice("0123456789") for _ in range(7))
        number = next((stem + d for d in "0123456789" if org_number_is_valid(stem + d)), None)
        if number and number not in taken:
            taken.add(number)
            found.append(number)
    return found


def pick_state(rng: random.Random) -> str:
    x, total = rng.random(), 0.0
    for state, share in STATE_MIX:
        total += share
        if x < total:
            return state
    return STATE_MIX[-1][0]


def procurement_rows(rng, count, organisation_id, officer_id, now):
    library = workflow.library()
    rows = []
    for i in range(count):
        state = pick_state(rng)
        work, cpv = rng.choice(WORKS)
        days = rng.uniform(1, 365)
        if state == "draft":
            deadline = None if rng.random() < 0.3 else now + timedelta(days=days)
        elif state == "published":
            deadline = now + timedelta(days=days)
        else:
            deadline = now - timedelta(days=days)
        ruleset_id = version = level = sha = None
        if state != "draft" or rng.random() < 0.5:
            ruleset_id, _, levels = rng.choice(RULESET_CHOICES)
            ruleset = library.get(ruleset_id)
            version, level, sha = ruleset.version, rng.choice(levels), ruleset.sha256
        start = (deadline or now + timedelta(days=90)) + timedelta(days=rng.randint(45, 120))
        created = (deadline or now) - timedelta(days=rng.randint(30, 90))
        rows.append(
            {
                "organisation_id": organisation_id,
                "reference": f"{2025 + i % 2}/{2000 + i:04d}",
                "title": f"{work} {rng.choice(PLACES)} – {rng.choice(PARTS)}",
                "description": "Benchmark-data: grunn-, betong- og anleggsarbeider.",
                "cpv": cpv,
                "estimated_value_nok": Decimal(rng.randrange(2_000_000, 250_000_000, 50_000)),
                "tender_deadline": deadline,
                "contract_start": start.date(),
                "contract_end": (start + timedelta(days=rng.randint(180, 900))).date(),
                "ruleset_id": ruleset_id,
                "ruleset_version": version,
                "ruleset_sha256": sha,
                "level": level,
                "tailoring": {},
                "climate_exception_ground": None,
                "climate_exception_justification": "",
                "state": state,
                "public_token": secrets.token_urlsafe(32),
                "published_at": None if state == "draft" else created + timedelta(days=10),
                "created_by_id": officer_id,
                "created_at": created,
                "updated_at": created + timedelta(days=10),
            }
        )
    return rows


def criteria_rows(rng, procurements):
    rows = []
    for p in procurements:
        if p["ruleset_id"] is None:
            continue
        climate = rng.choice((20, 30, 30, 40))
        for position, (name, weight, is_climate) in enumerate(
            (
                ("Pris", 100 - climate - 10, False),
                ("Gjennomføring og kvalitet", 10, False),
                ("Klima og miljø", climate, True),
            )
        ):
            rows.append(
                {
                    "procurement_id": p["id"],
                    "position": position,
                    "name": name,
                    "weight_percent": Decimal(weight),
                    "is_climate_environment": is_climate,
                }
            )
    return rows


def tender_rows(rng, count, procurements, contractors, examples, now):
    """`count` tenders over the procurements open for or past tendering, at most one per contractor."""
    open_ones = [p for p in procurements if p["state"] != "draft"]
    # Uneven spread: some procurements get many tenders, some few; none more than half the
    # contractors.
    weights = [rng.lognormvariate(0, 0.8) for _ in open_ones]
    per = [0] * len(open_ones)
    cap = len(contractors) // 2
    placed = 0
    while placed < count:
        for i in rng.choices(range(len(open_ones)), weights, k=count - placed):
            if per[i] < cap and placed < count:
                per[i] += 1
                placed += 1
    rows = []
    for p, n in zip(open_ones, per, strict=True):
        for k, (org_id, name, number) in enumerate(rng.sample(contractors, n)):
            submitted = p["state"] != "published" or rng.random() < 0.4
            template = rng.choice(examples)
            data = copy.copy(template)  # shared machine lists: serialised, never changed
            data["tender_id"] = f"T-{p['id']}-{k + 1}"
            data["procurement"] = {
                **template["procurement"],
                "reference": p["reference"],
                "title": p["title"],
                "buyer": BUYER[0],
            }
            data["contractor"] = {"name": name, "org_number": number}
            price = Decimal(int(p["estimated_value_nok"] * Decimal(rng.uniform(0.8, 1.2))))
            data["price_nok"] = int(price)
            at = (p["tender_deadline"] or now) - timedelta(hours=rng.uniform(2, 200))
            rows.append(
                {
                    "procurement_id": p["id"],
                    "organisation_id": org_id,
                    "status": "submitted" if submitted else "draft",
                    "price_nok": price,
                    "data": data,
                    "submitted_at": min(at, now) if submitted else None,
                    "created_at": min(at, now) - timedelta(days=3),
                    "updated_at": min(at, now),
                }
            )
    return rows[:count]


def bulk_insert(model, rows, returning=False):
    table = model.__table__
    ids = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        if returning:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids += db.session.execute(stmt, chunk).scalars().all()
        else:
            db.session.execute(insert(table), chunk)
    return ids


def seed() -> str:
    rng = random.Random(SEED)
    now = clock.now()
    upgrade(directory=current_app.extensions["migrate"].directory)
    if not load_demo():
        raise SystemExit("seed_web: the database has users already; use an empty database")
    officer = db.session.scalar(select(User).where(User.role == "officer"))
    buyer_id = officer.organisation_id
    have = db.session.scalar(select(func.count(Procurement.id)))
    procurements = procurement_rows(rng, PROCUREMENTS - have, buyer_id, officer.id, now)
    for row, new_id in zip(procurements, bulk_insert(Procurement, procurements, True), strict=True):
        row["id"] = new_id
    bulk_insert(AwardCriterion, criteria_rows(rng, procurements))

    taken = set(db.session.scalars(select(Organisation.org_number)))
    numbers = valid_org_numbers(rng, CONTRACTORS, taken)
    orgs = [
        {
            "name": f"{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_WORDS).lower()} "
            f"{rng.choice(COMPANY_KINDS)} ({n[-4:]})",
            "org_number": n,
            "kind": "contractor",
            "created_at": now - timedelta(days=400),
        }
        for n in numbers
    ]
    org_ids = bulk_insert(Organisation, orgs, True)
    contractors = [(i, o["name"], o["org_number"]) for i, o in zip(org_ids, orgs, strict=True)]
    examples = [
        read_file(shipped("examples") / name)
        for name in ("school-compliant.json", "fossil-generator.json", "palm-oil-hvo.json")
    ]
    have = db.session.scalar(select(func.count(Tender.id)))
    bulk_insert(Tender, tender_rows(rng, TENDERS - have, procurements, contractors, examples, now))
    db.session.commit()

    counts = dict(
        db.session.execute(
            select(Procurement.state, func.count())
            .where(Procurement.organisation_id == buyer_id)
            .group_by(Procurement.state)
        ).all()
    )
    tenders = dict(
        db.session.execute(select(Tender.status, func.count()).group_by(Tender.status)).all()
    )
    return (
        f"procurements {sum(counts.values())} {counts}; tenders {sum(tenders.values())} "
        f"{tenders}; award criteria "
        f"{db.session.scalar(select(func.count(AwardCriterion.id)))}; "
        f"contractor organisations {len(contractors) + 3}"
    )


def main() -> int:
    started = time.perf_counter()
    app = create_app()
    with app.app_context(), app.test_request_context():
        summary = seed()
    print(f"seeded in {time.perf_counter() - started:.1f} s: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
