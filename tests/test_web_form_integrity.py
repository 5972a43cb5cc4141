"""Forms never corrupt what was typed: an uploaded row opens in the form exactly as it was, the
usual spellings of an organisation number are read, a resubmission keeps its time, drop-downs
refuse what they do not offer, and one-line fields hold one clean line."""

import io

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.formats.messages import render
from checker.formats.tender import org_number_problem
from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import SelfAssessmentDraft
from checker.web.models import Tender

# Norwegian names, Norwegian yes/no, and one wrong value per row.
ROWS_CSV = (
    "ID;Kategori;Energibærer;Utslippstrinn (EU);Motoreffekt (kW);Planlagte driftstimer;"
    "Sporadisk bruk\n"
    "M1;gravemaskin;disel;V;120;900;nei\n"
    "M2;aggregat;diesel;V;tolv;50;ja\n"
)


@pytest.fixture
def draft_url(client, demo_app):
    with demo_app.app_context():
        token = db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )
    response = client.post(f"/p/{token}/self-assessment")
    assert response.status_code == 302
    return response.headers["Location"]


def _upload(client, url, text: str):
    return client.post(
        url + "/upload",
        data={"machine_list": (io.BytesIO(text.encode()), "maskiner.csv")},
        content_type="multipart/form-data",
    )


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def _fix_links(client, url) -> list[str]:
    page = _soup(client.get(url))
    return [a["href"] for a in page.select("#rejected tbody a")]


def test_a_rejected_row_opens_with_exactly_its_values(client, draft_url, demo_app):
    assert _upload(client, draft_url, ROWS_CSV).status_code == 302
    first, second = _fix_links(client, draft_url)
    demo_app.config["WTF_CSRF_ENABLED"] = True  # the token must be on the form as in production

    form = _soup(client.get(first))
    assert "CSRF" not in form.get_text()
    assert form.select_one("#csrf_token")["value"]
    assert form.select_one("#category option[selected]")["value"] == "excavator"  # gravemaskin
    assert form.select_one("#sporadic").get("checked") is None  # the file said "nei"
    assert form.select_one("#engine_power_kw")["value"] == "120"
    assert form.select_one("#emission_stage option[selected]")["value"] == "V"
    # The wrong value is on the form, selected and marked, not emptied.
    assert form.select_one("#energy_carrier option[selected]")["value"] == "disel"
    assert "disel" in form.select_one("#energy_carrier-error").get_text()
    assert form.select_one("#energy_carrier")["aria-invalid"] == "true"
    assert form.select_one("#category-error") is None

    form = _soup(client.get(second))
    assert form.select_one("#category option[selected]")["value"] == "generator"  # aggregat
    assert form.select_one("#sporadic").get("checked") is not None  # "ja"
    assert form.select_one("#engine_power_kw")["value"] == "tolv"
    assert "tolv" in form.select_one("#engine_power_kw-error").get_text()


def test_saving_a_rejected_row_unchanged_is_refused_not_stored(client, draft_url, demo_app):
    client.post("/lang/en")
    _upload(client, draft_url, ROWS_CSV)
    first = _fix_links(client, draft_url)[0]
    values = {
        field["name"]: field.get("value", "")
        for field in _soup(client.get(first)).select("input[name]")
        if field.get("type") != "checkbox"
    }
    values |= {"category": "excavator", "energy_carrier": "disel", "emission_stage": "V"}
    response = client.post(first, data=values)
    assert response.status_code == 422
    error = _soup(response).select_one("#energy_carrier-error").get_text()
    assert "«disel» is not in the list" in error
    with demo_app.app_context():
        draft = db.session.scalar(select(SelfAssessmentDraft))
        assert [m["id"] for m in draft.data.get("machines") or []] == []
        assert len(draft.rejected) == 2  # still waiting to be fixed

    values["energy_carrier"] = "hvo100"
    assert client.post(first, data=values).status_code == 302
    with demo_app.app_context():
        draft = db.session.scalar(select(SelfAssessmentDraft))
        machine = draft.data["machines"][0]
        assert machine["category"] == "excavator" and "sporadic" not in machine


def test_a_reference_drop_down_refuses_an_entry_that_does_not_exist(client, draft_url):
    client.post("/lang/en")
    response = client.post(
        draft_url + "/entries/machines/new",
        data={"id": "M1", "category": "excavator", "energy_carrier": "hvo100", "fuel_id": "F9"},
    )
    assert response.status_code == 422
    assert "«F9» is not in the list" in _soup(response).select_one("#fuel_id-error").get_text()


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("914 880 009", None),
        ("914880009", None),
        ("914.880.009", None),
        ("NO 914 880 009 MVA", None),
        ("91488000", "9 digits; found 8"),
        ("9148800090", "9 digits; found 10"),
        ("714880009", "starts with 8 or 9"),
        ("914880008", "check digit"),
        ("91488x009", "only digits"),
    ],
)
def test_organisation_numbers_in_the_usual_spellings(typed, problem):
    found = org_number_problem(typed)
    if problem is None:
        assert found is None
    else:
        assert problem in render(found, "en") and render(found, "nb")


def test_the_company_form_accepts_an_org_number_with_spaces(client, draft_url, demo_app):
    client.post("/lang/en")
    response = client.post(
        draft_url + "/details",
        data={"name": "Fjordbygg AS", "org_number": "914 880 009", "price_nok": "1 000"},
    )
    assert response.status_code == 302
    with demo_app.app_context():
        draft = db.session.scalar(select(SelfAssessmentDraft))
        assert draft.data["contractor"]["org_number"] == "914880009"
    wrong = client.post(
        draft_url + "/details", data={"name": "Fjordbygg AS", "org_number": "914 880 008"}
    )
    assert wrong.status_code == 422
    message = _soup(wrong).select_one("#org_number-error").get_text()
    assert (
        "check digit" in message
        and "914 880 008" in _soup(wrong).select_one("#org_number")["value"]
    )


def test_one_line_fields_keep_one_clean_line(client, draft_url, demo_app):
    client.post("/lang/en")
    response = client.post(
        draft_url + "/details",
        data={"name": "Fjord\u202ebygg\u200b AS\r\nLinje to", "org_number": "914880009"},
    )
    assert response.status_code == 302
    with demo_app.app_context():
        draft = db.session.scalar(select(SelfAssessmentDraft))
        assert draft.data["contractor"]["name"] == "Fjordbygg AS Linje to"


def test_resubmitting_an_unchanged_bid_keeps_its_submission_time(login, demo_app, school):
    client = login("contractor")
    with demo_app.app_context():
        tender = db.session.scalar(select(Tender).where(Tender.status == "draft"))
        tender_id = tender.id
        # The demo bid has one thing left to fix (its telehandler): the example has it right.
        tender.data = dict(tender.data, machines=school["machines"])
        db.session.commit()
    assert client.post(f"/bids/{tender_id}/submit").status_code == 302
    with demo_app.app_context():
        first = db.session.get(Tender, tender_id).submitted_at
        assert first is not None
    assert client.post(f"/bids/{tender_id}/submit").status_code == 302
    # Saving a form without changing anything neither withdraws nor re-stamps the bid.
    page = _soup(client.get(f"/bids/{tender_id}/documents"))
    unchanged = {t["name"]: t.get_text() for t in page.select("textarea")}
    assert client.post(f"/bids/{tender_id}/documents", data=unchanged).status_code == 302
    with demo_app.app_context():
        again = db.session.get(Tender, tender_id)
        assert again.status == "submitted" and again.submitted_at == first
    # A new price is a change: the bid is a draft again.
    assert client.post(f"/bids/{tender_id}/details", data={"price_nok": "1 234"}).status_code == 302
    with demo_app.app_context():
        assert db.session.get(Tender, tender_id).status == "draft"
