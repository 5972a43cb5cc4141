"""The officer's set-up of a procurement through HTTP: details, rule set, tailoring, award model, publish."""

from datetime import UTC
from datetime import datetime

import pytest
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Procurement
from tests.helpers import DETAILS
from tests.helpers import choose_ruleset
from tests.helpers import create_procurement
from tests.helpers import form_data
from tests.helpers import id_of_procurement
from tests.helpers import set_award_model
from tests.helpers import soup


@pytest.fixture
def officer(login):
    return login("officer")


def test_invalid_details_come_back_marked_with_everything_kept(officer):
    response = create_procurement(
        officer, cpv="4521", estimated_value_nok="mange", contract_end="2029-01-01", title=""
    )
    assert response.status_code == 422
    page = soup(response)
    assert page.find(id="title-error").text.strip()
    assert "45214200-2" in page.find(id="cpv-error").text
    assert (
        page.find(id="contract_end-error").text.strip()
        == "Kontrakten kan ikke slutte før den starter."
    )
    assert page.find("input", id="cpv")["value"] == "4521"
    assert page.find("input", id="estimated_value_nok")["value"] == "mange"
    assert page.find("input", id="reference")["value"] == "2026/4455"
    assert page.find(id="description").text.strip() == DETAILS["description"]
    summary = page.find(id="error-summary")
    assert summary and len(summary.find_all("a")) >= 4


def test_deadline_is_read_as_norwegian_time(officer, demo_app):
    assert create_procurement(officer).status_code == 302
    with demo_app.app_context():
        procurement = db.session.get(Procurement, id_of_procurement(demo_app))
        assert procurement.tender_deadline == datetime(
            2030, 3, 15, 11, 0, tzinfo=UTC
        )  # CET = UTC+1


def test_a_level_the_rule_set_lacks_is_refused(officer, make_procurement):
    response = choose_ruleset(
        officer, make_procurement(), "oslo-zero-emission-site@2025", "spearhead"
    )
    assert response.status_code == 422
    assert "Basis" in soup(response).find(id="level-error").text


def _tailoring_fields(client, procurement_id):
    """Field names of the tailoring form, by rule id and purpose, read from the page itself."""
    page = soup(client.get(f"/procurements/{procurement_id}/tailoring"))
    fields = {}
    for fieldset in page.select("fieldset.rule-tailoring"):
        rule_id = fieldset.legend.code.text
        for element in fieldset.select("input, select"):
            fields.setdefault(rule_id, []).append(element)
    return page, fields


def test_tailoring_keeps_input_on_error_and_saves_within_range(officer, demo_app, make_procurement):
    procurement_id = make_procurement()
    assert choose_ruleset(officer, procurement_id).status_code == 302
    page, fields = _tailoring_fields(officer, procurement_id)
    share = next(e for e in fields["zero-emission-share-20"] if e["name"].endswith("_p_min"))
    deselect = next(e for e in fields["idling-plan"] if e["name"].endswith("_deselect"))
    assert page.find("label", attrs={"for": share["name"]}).text.startswith("Minste andel (%)")
    data = form_data(page) | {share["name"]: "5", deselect["name"]: "y"}
    response = officer.post(f"/procurements/{procurement_id}/tailoring", data=data)
    assert response.status_code == 422
    page = soup(response)
    assert "Fra 10 til 100." in page.find(id=f"{share['name']}-error").text
    assert page.find("input", id=share["name"])["value"] == "5"
    reason_name = deselect["name"].replace("_deselect", "_reason")
    assert page.find(id=f"{reason_name}-error")  # deselecting needs a reason
    data = form_data(page) | {share["name"]: "40", reason_name: "Dekket av SHA-planen"}
    data[deselect["name"]] = "y"
    assert officer.post(f"/procurements/{procurement_id}/tailoring", data=data).status_code == 302
    with demo_app.app_context():
        stored = db.session.get(Procurement, procurement_id).tailoring
    assert stored["parameters"] == {"zero-emission-share-20": {"min": 0.4}}
    assert stored["deselected"] == {"idling-plan": "Dekket av SHA-planen"}
    shown = soup(officer.get(f"/procurements/{procurement_id}")).select("ul.tailoring li")
    assert any("Dekket av SHA-planen" in li.text for li in shown)
    raised = next(
        li.get_text(" ", strip=True) for li in shown if "zero-emission-share-20" in li.text
    )
    assert raised.startswith("Minst 20 % utslippsfri energi")  # 1.0 words no parameter
    assert "minste andel: 20\u00a0% → 40\u00a0%" in raised


def test_a_tailored_stage_and_share_read_in_the_rules_texts(officer, make_procurement):
    """With the stage set to V and the share raised to 30 %, the rules say V and 30 %: on the
    procurement's page, and in the assessment a contractor's bid gets (tests/test_rule_wording)."""
    procurement_id = make_procurement()
    response = choose_ruleset(officer, procurement_id, "dfo-fossil-free-site@1.2", "advanced")
    assert response.status_code == 302
    page, fields = _tailoring_fields(officer, procurement_id)
    share = next(e for e in fields["zero-emission-share-20"] if e["name"].endswith("_p_min"))
    stage = next(e for e in fields["machines-stage-iiib"] if e["name"].endswith("_p_min_stage"))
    assert share["value"] == "20"  # the field takes a percentage
    options = {o["value"]: o.text for o in stage.select("option")}
    assert options == {"IIIB": "IIIB", "IV": "IV", "V": "V"}
    data = form_data(page) | {share["name"]: "30", stage["name"]: "V"}
    assert officer.post(f"/procurements/{procurement_id}/tailoring", data=data).status_code == 302
    shown = [
        li.get_text(" ", strip=True)
        for li in soup(officer.get(f"/procurements/{procurement_id}")).select("ul.tailoring li")
    ]
    assert any(li.startswith("Motorer minst trinn V (etter motoreffekt)") for li in shown)
    assert any(li.startswith("Minst 30\u00a0% utslippsfri energi") for li in shown)
    page = soup(officer.get(f"/procurements/{procurement_id}/tailoring"))
    assert page.find("input", attrs={"name": share["name"]})["value"] == "30"
    legends = [legend.get_text(" ", strip=True) for legend in page.select("legend")]
    assert any(legend.startswith("Minst 30\u00a0% utslippsfri energi") for legend in legends)


def test_award_model_runs_foa_7_9_live(officer, make_procurement):
    procurement_id = make_procurement()
    response = set_award_model(
        officer, procurement_id, [("Pris", 75), ("Kvalitet", 0), ("Klima og miljø", 25)]
    )
    assert response.status_code == 302
    page = soup(officer.get(f"/procurements/{procurement_id}/award"))
    foa = page.find(class_="foa")
    assert "foa-non_compliant" in foa["class"]
    assert "klima og miljø vektes 25 %; minst 30 % kreves" in foa.text
    set_award_model(
        officer, procurement_id, [("Pris", 60), ("Kvalitet", 10), ("Klima og miljø", 30)]
    )
    foa = soup(officer.get(f"/procurements/{procurement_id}/award")).find(class_="foa")
    assert "foa-compliant" in foa["class"]


def test_exception_without_justification_is_marked(officer, make_procurement):
    procurement_id = make_procurement()
    response = set_award_model(
        officer,
        procurement_id,
        [("Pris", 100)],
        climate_index=-1,
        climate_exception_ground="specification_instead",
        climate_exception_justification="",
    )
    assert response.status_code == 422
    assert soup(response).find(id="climate_exception_justification-error")


def test_publish_needs_everything_then_freezes(officer, demo_app, make_procurement):
    procurement_id = make_procurement()
    response = officer.post(f"/procurements/{procurement_id}/publish", follow_redirects=True)
    problems = [li.text for li in soup(response).select(".flash-error")]
    assert any("regelsett" in p for p in problems) and any(
        "tildelingsmodell" in p.lower() for p in problems
    )
    choose_ruleset(officer, procurement_id)
    set_award_model(
        officer, procurement_id, [("Pris", 80), ("Kvalitet", 0), ("Klima og miljø", 20)]
    )
    response = officer.post(f"/procurements/{procurement_id}/publish", follow_redirects=True)
    assert any("§ 7-9" in li.text for li in soup(response).select(".flash-error"))
    set_award_model(
        officer, procurement_id, [("Pris", 60), ("Kvalitet", 10), ("Klima og miljø", 30)]
    )
    response = officer.post(f"/procurements/{procurement_id}/publish", follow_redirects=True)
    page = soup(response)
    assert page.find(class_="state-published")
    link = page.find(id="public").find_next("a")["href"]
    public = soup(officer.get(link))
    assert public.h1.text == DETAILS["title"]
    assert officer.get(f"/procurements/{procurement_id}/edit").status_code == 409
    with demo_app.app_context():
        procurement = db.session.get(Procurement, procurement_id)
        assert procurement.state == "published" and len(procurement.ruleset_sha256) == 64


def test_list_is_paginated(officer, demo_app):
    with demo_app.app_context():
        officer_user = db.session.scalar(select(Procurement)).created_by_id
        organisation = db.session.scalar(select(Procurement)).organisation_id
        for number in range(60):
            db.session.add(
                Procurement(
                    organisation_id=organisation,
                    created_by_id=officer_user,
                    tailoring={},
                    reference=f"X-{number}",
                    title=f"Anskaffelse {number}",
                )
            )
        db.session.commit()
    page = soup(officer.get("/procurements/"))
    assert len(page.select("tbody tr")) == 25
    assert page.find("a", rel="next")
    last = soup(officer.get("/procurements/?page=3"))
    assert len(last.select("tbody tr")) == 63 - 50


def test_project_number_and_kostra_function_are_kept_for_the_statistics(officer, demo_app):
    response = create_procurement(officer, project_number=" P-2030-17 ", kostra_function="22")
    assert response.status_code == 422
    page = soup(response)
    assert "Tre siffer" in page.find(id="kostra_function-error").text
    assert page.find("input", id="kostra_function")["value"] == "22"
    assert (
        create_procurement(officer, project_number=" P-2030-17 ", kostra_function="221").status_code
        == 302
    )
    with demo_app.app_context():
        procurement = db.session.get(Procurement, id_of_procurement(demo_app))
        assert (procurement.project_number, procurement.kostra_function) == ("P-2030-17", "221")
    shown = soup(officer.get(f"/procurements/{procurement.id}")).text
    assert "P-2030-17" in shown and "221" in shown
