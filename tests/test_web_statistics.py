"""Climate statistics in the web app: counted as contracts are awarded and period reports
accepted, exported by `checker statistics`, shown on the organisation's statistics page.

The demo's Storgata contract (Eksempel kommune, DFØ spearhead, 01.04.2027-15.12.2027) is
awarded to Oslo Grunnarbeid, whose tender plans, among others, H1 district heat 45 000 kWh and
H2 grid electricity 8 000 kWh for the heating. Its contractor reports April and May 2027.
"""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from checker.assessment.emissions import load_factors
from checker.statistics.export import COLUMN_NAMES
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Organisation
from checker.web.models import StatisticContribution
from checker.web.statistics.queries import Filters
from checker.web.statistics.service import organisation_statistics
from tests.helpers import APRIL
from tests.helpers import BUYER_NUMBER
from tests.helpers import OSLO_CONTRACTOR
from tests.helpers import period_report_ids
from tests.helpers import statistics_sums
from tests.helpers import switch_user
from tests.helpers import upload_period


def _statistics(app, **filters):
    with app.app_context():
        buyer = db.session.scalar(
            select(Organisation).where(Organisation.org_number == BUYER_NUMBER)
        )
        return organisation_statistics(buyer, Filters(year=2027, **filters))


def test_accepted_reports_are_counted_against_hand_computation(reported, demo_app):
    found = _statistics(demo_app)
    actual = found["year_total"]["actual"]
    hvo_kwh = 200 * load_factors().carriers["hvo100"].kwh_per_litre  # M9's 200 L of HVO100
    # site energy: M1 6 000 + 5 000, H1 5 000 + 4 000 (all zero-emission) and M9's HVO100
    measure16 = actual["zero_emission_incl_biogas_share"]
    assert measure16["numerator"] == pytest.approx(20000)
    assert measure16["denominator"] == pytest.approx(20000 + hvo_kwh)
    # F1 (HVO100 from used cooking oil, EN 15940) passes the rule set's fuel rules
    assert actual["sustainable_biodiesel_share"]["numerator"] == pytest.approx(hvo_kwh)
    # mass transport: V1 500 km electric, V2 700 km biogas
    measure14 = actual["mass_transport_zero_emission_incl_biogas_share_km"]
    assert (measure14["numerator"], measure14["denominator"]) == (1200, 1200)
    assert actual["mass_transport_zero_emission_share_km"]["numerator"] == 500
    assert actual["fossil_litres"] == 0
    assert found["factors"] == [load_factors().reference()]


def test_the_plan_is_counted_at_the_award(reported, demo_app):
    planned = _statistics(demo_app)["sources"]
    heating = {
        row["energy_carrier"]: row["planned"]["kwh"]
        for row in planned
        if row["source"] == "heating"
    }
    # the whole contract lies in 2027: the plan's 45 000 kWh of district heat and 8 000 of grid
    assert heating == {"district_heat": pytest.approx(45000), "grid_electric": pytest.approx(8000)}


def test_contracts_with_missing_periods_are_named(reported, demo_app):
    found = _statistics(demo_app)
    # on 10.08.2027 the year to date runs to July: April-July expected (30 + 31 + 30 + 31 days)
    assert found["through_month"] == 7
    completeness = found["completeness"]
    assert (completeness["expected_days"], completeness["covered_days"]) == (122, 61)
    (contract,) = completeness["with_gaps"]
    assert contract["reference"] == "2026/0877"
    assert [(m["month"], m["covered"]) for m in contract["missing"]] == [(6, 0), (7, 0)]


def test_a_correction_accepted_replaces_what_the_first_version_added(reported, demo_app):
    client, procurement_id, oslo = reported
    corrected = json.loads(json.dumps(APRIL))
    corrected["heating"][0]["energy_kwh"] = 7000  # 2 000 kWh more district heat in April
    switch_user(client, *OSLO_CONTRACTOR)
    assert upload_period(client, oslo, corrected).status_code == 303
    switch_user(client, "officer@kommune.example", "demo-officer-2026")
    newest = period_report_ids(demo_app)[-1]
    before = _statistics(demo_app)["year_total"]["actual"]["zero_emission_share"]["numerator"]
    url = f"/procurements/{procurement_id}/followup/periods/{newest}/accept"
    assert client.post(url).status_code == 303
    after = _statistics(demo_app)
    assert after["year_total"]["actual"]["zero_emission_share"]["numerator"] == before + 2000
    assert after["completeness"]["covered_days"] == 61  # April is counted once
    with demo_app.app_context():
        counted = db.session.scalars(
            select(StatisticContribution.period_report_id).distinct()
        ).all()
        assert sorted(r for r in counted if r) == sorted(period_report_ids(demo_app)[1:])


def test_a_project_filter_gives_that_contracts_figures(reported, demo_app):
    _, procurement_id, _ = reported
    whole = _statistics(demo_app)["year_total"]["actual"]
    project = _statistics(demo_app, procurement_id=procurement_id)
    assert project["scope"]["project"] == "2026/0877"
    assert project["year_total"]["actual"]["fossil_co2e_kg"] == pytest.approx(
        whole["fossil_co2e_kg"]
    )
    heating = _statistics(demo_app, source="heating")["year_total"]["actual"]
    assert heating["zero_emission_share"]["numerator"] == pytest.approx(9000)  # H1 only


def _cli_export(run_cli, monkeypatch, demo_app, tmp_path, *extra):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    fmt = extra[extra.index("--format") + 1] if "--format" in extra else "csv"
    target = tmp_path / f"statistics.{fmt}"
    code, _, err = run_cli("statistics", "--organisation", BUYER_NUMBER, *extra, "-o", target)
    assert code == 0, err
    return target


def test_the_csv_export_read_back_adds_up_to_the_statistics(
    reported, demo_app, run_cli, monkeypatch, tmp_path
):
    target = _cli_export(run_cli, monkeypatch, demo_app, tmp_path, "--year", "2027")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMN_NAMES
    assert {row["project"] for row in rows} == {"2026/0877"}
    actual = _statistics(demo_app)["year_total"]["actual"]
    sums = statistics_sums(rows)
    assert sums["fossil_direct"] == pytest.approx(actual["fossil_co2e_kg"], abs=0.01)
    assert sums["biogenic_co2"] == pytest.approx(actual["biogenic_co2_kg"], abs=0.01)
    assert sums["indirect"] == pytest.approx(actual["indirect_co2e_kg"], abs=0.01)
    assert sums["energy"] == pytest.approx(actual["kwh"], abs=0.01)
    # an emission row shows its arithmetic: quantity x factor = CO2e
    hvo = next(
        r
        for r in rows
        if r["energy_carrier"] == "hvo100"
        and r["emission"] == "fossil_direct"
        and r["basis"] == "actual"
    )
    assert (hvo["measure"], hvo["unit"], hvo["quantity"]) == ("fuel", "L", "200.0")
    assert float(hvo["co2e_kg"]) == pytest.approx(200 * float(hvo["factor"]), abs=0.001)
    assert hvo["factor_unit"].endswith("/L") and hvo["factor_source"] and hvo["factor_file_sha256"]
    with demo_app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.kind == "statistics_exported")
        ).one()
        assert entry.after["format"] == "csv" and entry.after["year"] == 2027
        assert entry.actor.startswith("cli")


def test_the_xlsx_export_has_the_rows_and_a_column_dictionary(
    reported, demo_app, run_cli, monkeypatch, tmp_path
):
    target = _cli_export(run_cli, monkeypatch, demo_app, tmp_path, "--format", "xlsx")
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["Statistikk", "Kolonner"]
    data = list(book["Statistikk"].iter_rows(values_only=True))
    assert data[0] == COLUMN_NAMES
    # a row's empty cells at the end are not read back: they are None
    rows = [
        dict.fromkeys(COLUMN_NAMES) | dict(zip(COLUMN_NAMES, values, strict=False))
        for values in data[1:]
    ]
    actual = _statistics(demo_app)["year_total"]["actual"]
    assert statistics_sums(rows)["fossil_direct"] == pytest.approx(
        actual["fossil_co2e_kg"], abs=0.01
    )
    described = [row[0] for row in book["Kolonner"].iter_rows(values_only=True)]
    assert set(COLUMN_NAMES) <= set(described)
    book.close()


def test_the_json_export_is_the_years_statistics_with_its_rows(
    reported, demo_app, run_cli, monkeypatch, tmp_path
):
    target = _cli_export(run_cli, monkeypatch, demo_app, tmp_path, "--format", "json")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "climate-statistics/1" and document["year"] == 2027
    assert document["scope"]["organisation"]["org_number"] == BUYER_NUMBER
    assert statistics_sums(document["rows"])["energy"] == pytest.approx(
        document["year_total"]["actual"]["kwh"], abs=0.01
    )


def test_rebuild_counts_the_same_figures_again(reported, demo_app, run_cli, monkeypatch):
    before = _statistics(demo_app)
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, out, err = run_cli("statistics", "rebuild")
    assert code == 0, err
    assert "counted 1 contract(s) and 2 period report(s)" in out
    after = _statistics(demo_app)
    for basis in ("planned", "actual"):
        for name in ("fossil_co2e_kg", "biogenic_co2_kg", "indirect_co2e_kg", "kwh"):
            assert after["year_total"][basis][name] == pytest.approx(
                before["year_total"][basis][name]
            )
        measure16 = "zero_emission_incl_biogas_share"
        assert after["year_total"][basis][measure16] == pytest.approx(
            before["year_total"][basis][measure16]
        )
    assert after["completeness"] == before["completeness"]


def test_compare_recomputes_a_year_with_another_factor_file(
    reported, demo_app, run_cli, monkeypatch
):
    from tests.helpers import ROOT

    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    other = ROOT / "tests" / "data" / "statistics" / "emission-factors.yaml"
    code, out, err = run_cli("statistics", "compare", "--factors", other, "--year", "2027")
    assert code == 0, err
    found = json.loads(out)
    assert found["counted_with"] == [load_factors().reference()]
    assert found["recomputed_with"][0]["version"] == "test-1"
    rows = {row["indicator"]: row for row in found["rows"]}
    # M9's 200 L of HVO100: 0.05 kg/L in the test file (other figures carry no fossil CO2e)
    assert rows["fossil_co2e_kg"]["second"] == pytest.approx(200 * 0.05 + 3150 * 0.002)


def test_without_an_organisation_the_command_names_the_choices(run_cli, demo_app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, _, err = run_cli("statistics", "--organisation", "999999999")
    assert code == 2 and "no organisation '999999999'" in err


def test_the_database_counts_completeness_as_the_core_does(reported, demo_app):
    from datetime import date

    from checker.statistics.completeness import completeness
    from checker.web.statistics import coverage
    from checker.web.statistics import queries

    with demo_app.app_context():
        buyer = db.session.scalar(
            select(Organisation).where(Organisation.org_number == BUYER_NUMBER)
        )
        filters = Filters(year=2027)
        # through August while August runs (10.08.2027): April-July and 10 days of August
        for through, as_of in (
            (8, date(2027, 8, 10)),
            (7, date(2027, 7, 31)),
            (12, date(2027, 12, 31)),
        ):
            counted = coverage.completeness(buyer.id, filters, through, as_of)
            core = completeness(queries.coverage(buyer.id, filters), 2027, as_of)
            for key in ("contracts", "complete", "expected_days", "covered_days", "share"):
                assert counted[key] == core[key], (through, key)
            assert [g["missing"] for g in counted["with_gaps"]] == [
                g["missing"] for g in core["with_gaps"]
            ]
        assert (
            coverage.completeness(buyer.id, filters, 8, date(2027, 8, 10))["expected_days"] == 132
        )
        # 2028 has not begun on 10.08.2027: nothing is expected yet
        assert (
            coverage.completeness(buyer.id, Filters(year=2028), 1, date(2027, 8, 10))[
                "expected_days"
            ]
            == 0
        )
