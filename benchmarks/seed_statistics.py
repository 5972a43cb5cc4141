"""Seed a PostgreSQL database for benchmarks/statistics_load.py: awarded contracts, each with monthly
period reports accepted and counted.

One buyer organisation with N awarded contracts of 24 months (starting in the twelve months of
2025, so all of them run through 2026), each awarded tender holding `entries` entries (60 %
machines, 20 % vehicles, 20 % heating, on a realistic mix of carriers, some declaring litres or
kWh and some only hours), and for each contract one accepted period report a month carrying the
same entries with that month's quantities (the full climate-period-report/1 JSON is stored).

The counted figures are made by the statistics core (checker.statistics.activity), once per
tender template; a period's figures are the plan's scaled by its quantities, which the
arithmetic is linear in (counts are not scaled). Rows go in with COPY; the organisation's
monthly sums and the covered days are then made by SQL from the contributions, as the rollup
would have added them one acceptance at a time.
"""

import json
import random
from datetime import UTC
from datetime import date
from datetime import datetime

from sqlalchemy import text

from checker.assessment.emissions import load_factors
from checker.formats.tender import org_number_is_valid
from checker.statistics.activity import COUNTS
from checker.statistics.activity import activity
from checker.statistics.activity import spread
from checker.statistics.cells import MEASURES
from checker.web.extensions import db
from checker.web.models import User
from checker.web.models.statistics import EXPECTED_COLUMNS
from checker.web.models.statistics import MONTH_COLUMNS
from checker.web.statistics.rollup import factor_file

SEED = 18_2026
BUYER_NUMBER = "964338531"  # a valid organisation number (modulus 11)
OFFICER = ("officer@benchmark.example", "benchmark-officer-2026")
TEMPLATES = 12
MACHINES = (
    ("excavator", "battery_electric", 120),
    ("excavator", "hvo100", 150),
    ("wheel_loader", "diesel", 180),
    ("dumper", "hvo100", 200),
    ("compactor", "battery_electric", 30),
    ("crane_tower", "grid_electric", 45),
    ("generator", "diesel", 60),
)
VEHICLES = (
    ("mass_transport", "battery_electric"),
    ("mass_transport", "biogas"),
    ("mass_transport", "hvo100"),
    ("material_transport", "diesel"),
    ("personnel", "battery_electric"),
)
HEATING = (("drying", "district_heat"), ("heating", "heat_pump"), ("drying", "biogas"))
FUELS = [
    {"id": "F1", "product": "hvo100", "feedstock": "used_cooking_oil", "standard": "EN 15940"},
    {"id": "F2", "product": "biogas", "feedstock": "food_waste"},
]


def org_numbers(count: int, first: int = 91_000_000) -> list[str]:
    found, base = [], first
    while len(found) < count:
        for check in range(10):
            candidate = f"{base}{check}"
            if org_number_is_valid(candidate):
                found.append(candidate)
                break
        base += 1
    return found


def _entry(kind: str, index: int, rng: random.Random) -> dict:
    if kind == "machines":
        category, carrier, power = MACHINES[rng.randrange(len(MACHINES))]
        entry = {"id": f"M{index}", "category": category, "energy_carrier": carrier,
                 "engine_power_kw": power, "planned_hours": rng.randrange(200, 1600)}  # fmt: skip
        if carrier == "hvo100":
            entry["fuel_id"] = "F1"
        if rng.random() < 0.5:  # half declare what they burnt or charged
            per_hour = power * 0.25
            key = "energy_kwh" if "electric" in carrier else "fuel_litres"
            entry[key] = round(
                entry["planned_hours"] * per_hour * (1 if key == "energy_kwh" else 0.1)
            )
        return entry
    if kind == "vehicles":
        purpose, carrier = VEHICLES[rng.randrange(len(VEHICLES))]
        km = rng.randrange(2_000, 20_000)
        entry = {"id": f"V{index}", "category": "truck", "purpose": purpose,
                 "energy_carrier": carrier, "planned_km": km}  # fmt: skip
        if carrier == "hvo100":
            entry |= {"fuel_id": "F1", "fuel_litres": round(km * 0.35)}
        elif carrier == "biogas":
            entry |= {"fuel_id": "F2", "energy_kwh": round(km * 4.5)}
        elif carrier == "battery_electric":
            entry["energy_kwh"] = round(km * 1.2)
        return entry  # a diesel truck without litres: its energy is missing, as it happens
    purpose, carrier = HEATING[rng.randrange(len(HEATING))]
    entry = {"id": f"H{index}", "purpose": purpose, "energy_carrier": carrier,
             "planned_kwh": rng.randrange(5_000, 60_000)}  # fmt: skip
    if carrier == "biogas":
        entry["fuel_id"] = "F2"
    return entry


def template(number: int, entries: int, rng: random.Random) -> dict:
    """An awarded tender's data with `entries` entries."""
    counts = {"machines": round(entries * 0.6), "vehicles": round(entries * 0.2)}
    counts["heating"] = entries - counts["machines"] - counts["vehicles"]
    tender = {
        "format": "climate-tender/1",
        "tender_id": f"B-{number}",
        "procurement": {"reference": f"B/{number}", "title": "Benchmark", "buyer": "Benchmark"},
        "contractor": {"name": "Benchmark Entreprenør AS", "org_number": "914880009"},
        "price_nok": 10_000_000,
        "fuels": FUELS,
    }
    for kind, count in counts.items():
        tender[kind] = [_entry(kind, i + 1, rng) for i in range(count)]
    return tender


QUANTITIES = {
    "machines": ("planned_hours", "hours", ("fuel_litres", "energy_kwh")),
    "vehicles": ("planned_km", "km", ("fuel_litres", "energy_kwh")),
    "heating": ("planned_kwh", "energy_kwh", ()),
}


def period_data(tender: dict, start: date, end: date, share: float) -> dict:
    """A climate-period-report/1 of the tender's entries, each with `share` of its plan."""
    report = {
        "format": "climate-period-report/1",
        "tender_id": tender["tender_id"],
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "contractor": tender["contractor"],
    }
    for kind, (planned, reported, declared) in QUANTITIES.items():
        rows = []
        for entry in tender[kind]:
            row = {"id": entry["id"], reported: round(entry[planned] * share, 3)}
            for key in declared:
                if key in entry:
                    row[key] = round(entry[key] * share, 3)
            rows.append(row)
        report[kind] = rows
    return report


def scaled(found: dict, share: float) -> dict:
    return {
        key: {m: v if m in COUNTS else v * share for m, v in figures.items()}
        for key, figures in found.items()
    }


def _month(start: date, offset: int) -> tuple[date, date]:
    year, month = divmod(start.month - 1 + offset, 12)
    first = date(start.year + year, month + 1, 1)
    after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, date.fromordinal(after.toordinal() - 1)


class Copier:
    """COPY rows into a table on the raw psycopg connection."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, table: str, columns: tuple, rows) -> int:
        count = 0
        cursor = self.connection.cursor()
        with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count


def seed(contracts: int, periods: int, entries: int, log=print) -> dict:
    """Seed the (empty, migrated) database of the current app; returns what was made."""
    rng = random.Random(SEED)
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    factors = load_factors()
    buyer_id, contractor_id = _organisations()
    officer = _user(OFFICER[0], "officer", buyer_id, OFFICER[1])
    author = _user("contractor@benchmark.example", "contractor", contractor_id, "x" * 16)
    file_id = factor_file(factors).id
    db.session.commit()
    templates = [template(n, entries, rng) for n in range(TEMPLATES)]
    plans = [activity(t, factors, frozenset({"F1", "F2"})) for t in templates]
    raw = db.session.connection().connection.driver_connection
    copy = Copier(raw)
    shares = [rng.uniform(0.7, 1.3) / periods for _ in range(periods)]
    _contracts(copy, contracts, periods, templates, buyer_id, contractor_id, officer, now)
    log(f"  {contracts} contracts")
    reports = _reports(
        copy, contracts, periods, templates, shares, (contractor_id, author), officer, now
    )
    log(f"  {reports} period reports")
    counted = _contributions(copy, contracts, periods, plans, shares, buyer_id, file_id)
    log(f"  {counted} contributions")
    _sums(buyer_id)
    db.session.execute(text(f"INSERT INTO statistic_revision VALUES ({buyer_id}, 1)"))
    db.session.execute(
        text("SELECT setval('period_report_id_seq', (SELECT max(id) FROM period_report))")
    )
    db.session.commit()
    return {"organisation": BUYER_NUMBER, "contracts": contracts, "reports": reports,
            "contributions": counted, "officer": OFFICER}  # fmt: skip


def counts() -> dict:
    """What a seeded database holds (for a run that measures again without seeding)."""
    found = db.session.execute(
        text(
            "SELECT (SELECT count(*) FROM procurement), (SELECT count(*) FROM period_report), "
            "(SELECT count(*) FROM statistic_contribution)"
        )
    ).one()
    return {"organisation": BUYER_NUMBER, "contracts": found[0], "reports": found[1],
            "contributions": found[2]}  # fmt: skip


def _organisations() -> tuple[int, int]:
    ids = []
    for name, number, kind in (
        ("Benchmark kommune", BUYER_NUMBER, "buyer"),
        ("Benchmark Entreprenør AS", "914880009", "contractor"),
    ):
        ids.append(db.session.execute(
            text("INSERT INTO organisation (name, org_number, kind, created_at) "
                 "VALUES (:n, :o, :k, now()) RETURNING id"),
            {"n": name, "o": number, "k": kind},
        ).scalar())  # fmt: skip
    return ids[0], ids[1]


def _user(email: str, role: str, organisation_id: int, password: str) -> int:
    user = User(email=email, name=email.split("@")[0], role=role, organisation_id=organisation_id)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user.id


def _contracts(copy, contracts, periods, templates, buyer_id, contractor_id, officer, now):
    starts = [date(2025, 1 + n % 12, 1) for n in range(contracts)]
    copy("procurement",
         ("id", "organisation_id", "reference", "title", "description", "contract_start",
          "contract_end", "ruleset_id", "ruleset_version", "level", "tailoring",
          "climate_exception_justification", "state", "public_token", "created_by_id",
          "created_at", "updated_at", "project_number", "kostra_function"),
         ((n + 1, buyer_id, f"B/{n + 1:05d}", f"Anlegg {n + 1}", "", starts[n],
           _month(starts[n], periods - 1)[1], "oslo-zero-emission-site", "2025", "basis",
           "{}", "", "awarded", f"bench-token-{n + 1:08d}", officer, now, now,
           f"P-{n + 1}", ("222", "332", "353")[n % 3])
          for n in range(contracts)))  # fmt: skip
    copy("tender",
         ("id", "procurement_id", "organisation_id", "status", "price_nok", "data",
          "submitted_at", "created_at", "updated_at"),
         ((n + 1, n + 1, contractor_id, "submitted", 10_000_000,
           json.dumps(templates[n % TEMPLATES]), now, now, now) for n in range(contracts)))  # fmt: skip
    copy("evaluation", ("id", "procurement_id", "data", "concluded_at", "concluded_by_id",
                        "withdrawn_reason"),
         ((n + 1, n + 1, "{}", now, officer, "") for n in range(contracts)))  # fmt: skip
    copy("award_decision", ("id", "procurement_id", "evaluation_id", "tender_id",
                            "justification", "decided_at", "decided_by_id"),
         ((n + 1, n + 1, n + 1, n + 1, "Benchmark", now, officer) for n in range(contracts)))  # fmt: skip
    for table in ("procurement", "tender", "evaluation", "award_decision"):
        db.session.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))


def _reports(copy, contracts, periods, templates, shares, by, officer, now) -> int:
    contractor_id, author = by

    def rows():
        for n in range(contracts):
            start = date(2025, 1 + n % 12, 1)
            tender = templates[n % TEMPLATES]
            for p in range(periods):
                first, last = _month(start, p)
                data = period_data(tender, first, last, shares[p])
                yield (n * periods + p + 1, n + 1, n + 1, contractor_id, first, last, 1,
                       json.dumps(data),
                       "0" * 64, now, author, now, officer)  # fmt: skip

    return copy("period_report",
                ("id", "procurement_id", "tender_id", "organisation_id", "period_start",
                 "period_end", "version", "data", "sha256", "submitted_at", "submitted_by_id",
                 "accepted_at", "accepted_by_id"), rows())  # fmt: skip


CONTRIBUTION_COLUMNS = ("organisation_id", "procurement_id", "tender_id", "period_report_id",
                        "basis", "year", "month", "source", "energy_carrier", "factor_file_id",
                        *MEASURES)  # fmt: skip


def _contributions(copy, contracts, periods, plans, shares, buyer_id, file_id) -> int:
    def rows():
        for n in range(contracts):
            start = date(2025, 1 + n % 12, 1)
            plan = plans[n % TEMPLATES]
            whole = spread(plan, "planned", start, _month(start, periods - 1)[1])
            for (basis, year, month, source, carrier), figures in whole.items():
                yield (buyer_id, n + 1, n + 1, None, basis, year, month, source, carrier,
                       file_id, *(figures[m] for m in MEASURES))  # fmt: skip
            for p in range(periods):
                first, last = _month(start, p)
                cells = spread(scaled(plan, shares[p]), "actual", first, last)
                for (basis, year, month, source, carrier), figures in cells.items():
                    yield (buyer_id, n + 1, n + 1, n * periods + p + 1, basis, year, month,
                           source, carrier, file_id, *(figures[m] for m in MEASURES))  # fmt: skip

    return copy("statistic_contribution", CONTRIBUTION_COLUMNS, rows())


def _sums(buyer_id: int) -> None:
    measures = ", ".join(MEASURES)
    summed = ", ".join(f"sum(c.{m})" for m in MEASURES)
    db.session.execute(text(
        f"INSERT INTO statistic_month (organisation_id, year, basis, month, source, "
        f"energy_carrier, ruleset_id, factor_file_id, {measures}) "
        f"SELECT c.organisation_id, c.year, c.basis, c.month, c.source, c.energy_carrier, "
        f"p.ruleset_id, c.factor_file_id, {summed} FROM statistic_contribution c "
        f"JOIN procurement p ON p.id = c.procurement_id GROUP BY c.organisation_id, c.year, "
        f"c.basis, c.month, c.source, c.energy_carrier, p.ruleset_id, c.factor_file_id"
    ))  # fmt: skip
    days = ", ".join(
        f"sum(CASE WHEN extract(month FROM r.period_start) = {n + 1} "
        f"THEN r.period_end - r.period_start + 1 ELSE 0 END)"
        for n in range(12)
    )
    # Every contract is reported for every month it runs: the days expected are the days covered.
    year = "extract(year FROM r.period_start)::int"
    db.session.execute(text(
        f"INSERT INTO statistic_coverage (organisation_id, procurement_id, year, first_day, "
        f"last_day, {', '.join(MONTH_COLUMNS)}, {', '.join(EXPECTED_COLUMNS)}) "
        f"SELECT {buyer_id}, r.procurement_id, {year}, "
        f"CASE WHEN extract(year FROM min(p.contract_start)) = {year} "
        f"THEN extract(doy FROM min(p.contract_start))::int ELSE 1 END, "
        f"CASE WHEN extract(year FROM min(p.contract_end)) = {year} "
        f"THEN extract(doy FROM min(p.contract_end))::int "
        f"ELSE extract(doy FROM make_date({year}, 12, 31))::int END, {days}, {days} "
        f"FROM period_report r JOIN procurement p ON p.id = r.procurement_id "
        f"GROUP BY r.procurement_id, {year}"
    ))  # fmt: skip
    db.session.execute(text("ANALYZE"))
