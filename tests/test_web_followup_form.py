"""The period report as a browser form, through HTTP: it starts from the last period (or the
tender), so a month with no change is a few clicks; bad input names the field and keeps what
was typed."""

import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import PeriodReport
from checker.web.models import Tender
from tests.helpers import MAY
from tests.helpers import OSLO_CONTRACTOR
from tests.helpers import soup
from tests.helpers import switch_user


def fields(page) -> dict:
    """What the browser sends for the period form as it stands."""
    form = soup(page).select_one("main form[action$='/periods/new']")
    data = {}
    for element in form.select("input, select"):
        name = element.get("name")
        if element.get("type") == "checkbox":
            if element.has_attr("checked"):
                data[name] = element.get("value")
        elif element.name == "select":
            data[name] = (element.find("option", selected=True) or element.find("option"))["value"]
        elif name:
            data[name] = element.get("value", "")
    return data


def row_of(data: dict, kind: str, entry_id: str) -> int:
    return next(
        int(key.split("-")[1])
        for key, value in data.items()
        if key.endswith("-id") and value == entry_id and data[key[:-2] + "kind"] == kind
    )


def stored(app):
    with app.app_context():
        return [
            (r.period_start.isoformat(), r.version, r.data)
            for r in db.session.scalars(select(PeriodReport).order_by(PeriodReport.id))
        ]


def test_a_month_with_no_change_is_the_last_month_sent_again(reported, demo_app):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    page = client.get(f"/contracts/{oslo}/periods/new")
    assert page.status_code == 200
    data = fields(page)
    assert (data["start"], data["end"]) == ("2027-06-01", "2027-06-30")  # after May
    m1 = row_of(data, "machines", "M1")
    assert data[f"row-{m1}-hours"] == "100" and data[f"row-{m1}-energy_kwh"] == "5000"
    described = soup(page).select_one("tbody tr").text
    assert "gravemaskin" in described and "batterielektrisk" in described  # names, not codes
    assert "battery_electric" not in page.text
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 303
    start, version, june = stored(demo_app)[-1]
    assert (start, version) == ("2027-06-01", 1)
    assert june["machines"] == MAY["machines"] and june["heating"] == MAY["heating"]
    assert june["period"] == {"start": "2027-06-01", "end": "2027-06-30"}


def test_the_first_period_starts_from_the_tender(api_contract, demo_app):
    client, oslo, _token = api_contract
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    with demo_app.app_context():
        tender_ids = [m["id"] for m in db.session.get(Tender, oslo).data["machines"]]
    rows = [
        data[f"row-{n}-id"] for n in range(int(data["rows"])) if data[f"row-{n}-kind"] == "machines"
    ]
    assert rows == tender_ids
    assert all(
        data[f"row-{n}-hours"] == "" for n in range(int(data["rows"])) if f"row-{n}-hours" in data
    )
    for n in range(int(data["rows"])):
        for name in ("hours", "km"):
            if f"row-{n}-{name}" in data:
                data[f"row-{n}-{name}"] = "10"
        if data[f"row-{n}-kind"] == "heating":
            data[f"row-{n}-energy_kwh"] = "1 000"
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 303, answer.text
    first = stored(demo_app)[-1][2]
    assert first["machines"][0] == {"id": "M1", "hours": 10}  # the rest it inherits
    assert {"id": "H1", "energy_kwh": 1000} in first["heating"]


def test_a_wrong_number_names_the_field_and_keeps_what_was_typed(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-hours"] = "hundre"
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 422
    page = soup(answer)
    field = page.select_one(f"#row-{m1}-hours")
    assert field["value"] == "hundre" and field["aria-invalid"] == "true"
    assert "Skriv et tall" in page.select_one(f"#row-{m1}-hours-error").text
    assert page.select_one(f".error-summary a[href='#row-{m1}-hours']")


def test_a_problem_of_the_report_lands_on_its_field(reported, demo_app):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-hours"] = "-3"
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 422
    hours = soup(answer).select_one(f"#row-{m1}-hours-error").text
    assert "minst 0" in hours and "-3" in hours
    data[f"row-{m1}-hours"] = "100"
    data["end"] = "2027-05-31"  # before the start
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 422
    assert soup(answer).select_one("#end")["aria-invalid"] == "true"
    assert soup(answer).select_one("#end")["value"] == "2027-05-31"
    assert len(stored(demo_app)) == 2  # nothing stored


def test_an_entry_is_removed_and_another_of_the_tender_added(reported, demo_app):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    heater = row_of(data, "heating", "H1")
    data[f"row-{heater}-remove"] = "1"
    data["add_choice"] = "machines:M9"
    added = client.post(f"/contracts/{oslo}/periods/new", data=data | {"add": "1"})
    assert added.status_code == 200 and len(stored(demo_app)) == 2  # nothing stored yet
    data = fields(added)
    m9 = row_of(data, "machines", "M9")
    assert data[f"row-{heater}-remove"] == "1"  # what was ticked stays ticked
    data[f"row-{m9}-hours"] = "12,5"
    data[f"row-{m9}-fuel_litres"] = "1 234,5"
    assert (
        client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"}).status_code == 303
    )
    june = stored(demo_app)[-1][2]
    assert "heating" not in june
    assert {"id": "M9", "hours": 12.5, "fuel_litres": 1234.5} in june["machines"]


def test_a_form_made_before_another_change_is_refused_with_the_input_kept(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    other = dict(data)
    assert (
        client.post(f"/contracts/{oslo}/periods/new", data=other | {"save": "1"}).status_code == 303
    )
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-hours"] = "99"
    answer = client.post(f"/contracts/{oslo}/periods/new", data=data | {"save": "1"})
    assert answer.status_code == 409
    assert soup(answer).select_one(f"#row-{m1}-hours")["value"] == "99"


def test_another_contractor_gets_404(reported, login):
    _client, _procurement_id, oslo = reported
    assert login("contractor").get(f"/contracts/{oslo}/periods/new").status_code == 404


def snapshot(when: str, hours: str, litres: str) -> bytes:
    """An AEMP 2.0 snapshot as a maker's JSON API gives it (camelCase, no Fleet wrapper)."""
    return json.dumps(
        {
            "snapshotTime": when,
            "equipment": {
                "equipmentHeader": {"oemName": "Volvo", "serialNumber": "ec230e-300117"},
                "cumulativeOperatingHours": {"datetime": when, "hour": hours},
                "fuelUsed": {"datetime": when, "unit": "L", "fuelConsumed": litres},
            },
        }
    ).encode()


def _with_snapshots(data, mode, start=None, end=None):
    start = start or snapshot("2027-06-01T04:00:00Z", "1204,6", "10")
    end = end or snapshot("2027-07-01T04:00:00Z", "1320.1", "10")
    return data | {
        "machine_data": mode,
        "snapshot_start": (io.BytesIO(start), "start.json"),
        "snapshot_end": (io.BytesIO(end), "end.json"),
    }


def test_machine_data_fills_hours_and_litres_into_the_form(reported, demo_app):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-serial_number"] = "EC230E-300117"
    url = f"/contracts/{oslo}/periods/new"
    page = client.post(url, data=_with_snapshots(data, "fill"), content_type="multipart/form-data")
    assert page.status_code == 200 and len(stored(demo_app)) == 2  # filled in, not stored
    filled = fields(page)
    assert filled[f"row-{m1}-hours"] == "115,5" and filled[f"row-{m1}-fuel_litres"] == "0"
    assert "fylt inn" in soup(page).select_one("#machine-data").text
    answer = client.post(url, data=filled | {"save": "1"}, content_type="multipart/form-data")
    assert answer.status_code == 303
    m1_june = next(m for m in stored(demo_app)[-1][2]["machines"] if m["id"] == "M1")
    assert m1_june["hours"] == 115.5 and m1_june["serial_number"] == "EC230E-300117"
    assert m1_june["machine_data"]["matched_by"] == "serial_number"


def test_machine_data_only_compared_changes_nothing_and_names_what_differs(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-serial_number"] = "ec230e-300117"
    url = f"/contracts/{oslo}/periods/new"
    page = client.post(url, data=_with_snapshots(data, "check"), content_type="multipart/form-data")
    assert page.status_code == 200
    assert fields(page)[f"row-{m1}-hours"] == "100"  # as the form said
    shown = soup(page).select_one("#machine-data").text
    assert "avviker med mer enn 10 %" in shown and "100,0" in shown


def test_a_snapshot_that_cannot_be_read_is_named_and_the_form_kept(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    data = fields(client.get(f"/contracts/{oslo}/periods/new"))
    m1 = row_of(data, "machines", "M1")
    data[f"row-{m1}-hours"] = "77"
    broken = _with_snapshots(data, "fill", end=b"<Fleet><Equipment>")
    page = client.post(
        f"/contracts/{oslo}/periods/new", data=broken, content_type="multipart/form-data"
    )
    assert page.status_code == 422
    assert "end.json" in soup(page).select_one(".error-summary").text
    assert fields(page)[f"row-{m1}-hours"] == "77"


def test_the_period_sheet_comes_filled_and_fills_the_form(reported, demo_app):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    download = client.get(f"/contracts/{oslo}/periods/template.xlsx?lang=nb")
    assert (
        download.status_code == 200
        and "periode-2027-06.xlsx" in download.headers["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(download.data))
    sheet = workbook["Periode"]
    assert [c.value for c in sheet[4]][:5] == ["Liste", "ID", "Hva", "Serienummer", "Timer"]
    assert [c.value for c in sheet[5]][:2] == ["Maskin", "M1"] and sheet["E5"].value == 100
    assert "gravemaskin" in sheet["C5"].value
    sheet["E5"] = "90,5"  # typed in Excel as text
    out = io.BytesIO()
    workbook.save(out)
    url = f"/contracts/{oslo}/periods/new"
    data = fields(client.get(url))
    upload = data | {"workbook": "1", "period_sheet": (io.BytesIO(out.getvalue()), "juni.xlsx")}
    page = client.post(url, data=upload, content_type="multipart/form-data")
    assert page.status_code == 200
    filled = fields(page)
    assert filled[f"row-{row_of(filled, 'machines', 'M1')}-hours"] == "90,5"
    assert client.post(url, data=filled | {"save": "1"}).status_code == 303
    assert stored(demo_app)[-1][2]["machines"] == [{"id": "M1", "hours": 90.5, "energy_kwh": 5000}]


def test_every_problem_of_the_period_sheet_is_named_by_sheet_row_and_column(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    workbook = load_workbook(
        io.BytesIO(client.get(f"/contracts/{oslo}/periods/template.xlsx").data)
    )
    sheet = workbook["Periode"]
    sheet["B2"] = "31.06.2027"
    sheet["E5"] = "mye"
    sheet.append(["Traktor", "X1"])
    sheet.append(["Varme", "H1", None, None, 12])
    out = io.BytesIO()
    workbook.save(out)
    url = f"/contracts/{oslo}/periods/new"
    upload = fields(client.get(url)) | {
        "workbook": "1",
        "period_sheet": (io.BytesIO(out.getvalue()), "juni.xlsx"),
    }
    page = client.post(url, data=upload, content_type="multipart/form-data")
    assert page.status_code == 422
    problems = [li.text for li in soup(page).select(".error-summary li")]
    assert "ark «Periode», rad 2, kolonne «Siste dag»: fant «31.06.2027»" in problems[0]
    assert any("rad 5, kolonne «Timer»: fant «mye»; forventet et tall" in p for p in problems)
    assert any("rad 7, kolonne «Liste»: fant «Traktor»" in p for p in problems)
    assert any("rad 8, kolonne «Timer»: fant «12»; brukes ikke" in p for p in problems)
    assert len(problems) == 4


def test_a_file_that_is_no_workbook_is_named(reported):
    client, _procurement_id, oslo = reported
    switch_user(client, *OSLO_CONTRACTOR)
    url = f"/contracts/{oslo}/periods/new"
    upload = fields(client.get(url)) | {
        "workbook": "1",
        "period_sheet": (io.BytesIO(b"not a workbook"), "juni.xlsx"),
    }
    page = client.post(url, data=upload, content_type="multipart/form-data")
    assert page.status_code == 422
    assert "juni.xlsx" in soup(page).select_one(".error-summary").text
