"""Bad and hostile input on the web pages: a marked form or a 404, never a 500 or a silent change."""

import pytest
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import Procurement
from checker.web.models import User
from tests.helpers import DETAILS
from tests.helpers import EXAMPLES
from tests.helpers import PASSWORDS
from tests.helpers import choose_ruleset
from tests.helpers import form_data
from tests.helpers import set_award_model
from tests.helpers import soup


@pytest.fixture
def officer(login):
    return login("officer")


@pytest.fixture
def draft_id(make_procurement):
    return make_procurement()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("48 000 000,50", "48000000.50"),
        ("48\u00a0000\u00a0000", "48000000.00"),
        ("1250000.5", "1250000.50"),
    ],
)
def test_norwegian_number_formats_are_read(officer, demo_app, draft_id, typed, stored):
    response = officer.post(
        f"/procurements/{draft_id}/edit", data=DETAILS | {"estimated_value_nok": typed}
    )
    assert response.status_code == 302
    with demo_app.app_context():
        assert str(db.session.get(Procurement, draft_id).estimated_value_nok) == stored
    page = soup(officer.get(f"/procurements/{draft_id}/edit"))
    assert page.find("input", id="estimated_value_nok")["inputmode"] == "decimal"


@pytest.mark.parametrize(
    "typed", ["sNaN", "NaN", "Infinity", "1e400", "-5", "1" + "0" * 20, "12,345", "4 8 x"]
)
def test_impossible_numbers_are_refused_at_the_field(officer, draft_id, typed):
    response = officer.post(
        f"/procurements/{draft_id}/edit", data=DETAILS | {"estimated_value_nok": typed}
    )
    assert response.status_code == 422
    page = soup(response)
    assert page.find(id="estimated_value_nok-error")
    assert page.find("input", id="estimated_value_nok")["value"] == typed


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tender_deadline", "0001-01-01T00:30"),
        ("title", "A\x00B"),
        ("contract_start", "2026-02-30"),
    ],
)
def test_dates_and_control_characters_are_marked(officer, draft_id, field, value):
    response = officer.post(f"/procurements/{draft_id}/edit", data=DETAILS | {field: value})
    assert response.status_code == 422
    assert soup(response).find(id=f"{field}-error")


@pytest.mark.parametrize(
    "path",
    [
        "/procurements/99999999999999999999999",
        "/procurements/2147483648",
        "/procurements/?page=0",
        "/procurements/?page=99999999999999999999",
    ],
)
def test_impossible_ids_and_pages_are_not_found(officer, path):
    assert officer.get(path).status_code == 404


@pytest.mark.parametrize(
    "target", ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"]
)
def test_login_never_redirects_off_site(client, target):
    email, password = PASSWORDS["officer"]
    response = client.post(
        "/login", query_string={"next": target}, data={"email": email, "password": password}
    )
    assert response.headers["Location"] == "/"


def test_weights_must_add_up_to_100(officer, draft_id):
    response = set_award_model(
        officer, draft_id, [("Pris", 50), ("Kvalitet", 20), ("Klima og miljø", 20)]
    )
    assert response.status_code == 422
    assert "summerer til 90 %" in soup(response).find(id="criteria-error").text


def test_a_weight_without_a_name_is_marked_not_dropped(officer, demo_app, draft_id):
    set_award_model(officer, draft_id, [("Pris", 70), ("Klima og miljø", 30)], climate_index=1)
    response = officer.post(
        f"/procurements/{draft_id}/award",
        data={"criteria-0-name": "", "criteria-0-weight_percent": "70"},
    )
    assert response.status_code == 422
    assert soup(response).find(id="criteria-0-name-error")
    with demo_app.app_context():
        assert len(db.session.get(Procurement, draft_id).criteria) == 2  # the saved model is intact


def test_duplicate_criteria_are_refused(officer, draft_id):
    response = set_award_model(
        officer, draft_id, [("Pris", 35), ("Pris", 35), ("Klima og miljø", 30)]
    )
    assert response.status_code == 422
    assert "samme navn" in soup(response).find(id="criteria-error").text


def test_adding_rows_stops_at_twelve_without_a_crash(officer, draft_id):
    data = {f"criteria-{i}-name": f"K{i}" for i in range(12)} | {"add_row": "1"}
    response = officer.post(f"/procurements/{draft_id}/award", data=data)
    assert response.status_code == 200
    assert len(soup(response).select("table.criteria tbody tr")) == 12


def test_publish_is_refused_while_weights_are_unknown(officer, demo_app, draft_id):
    choose_ruleset(officer, draft_id)
    with demo_app.app_context():
        db.session.get(Procurement, draft_id).estimated_value_nok = None
        db.session.commit()
    set_award_model(officer, draft_id, [("Pris", 70), ("Klima og miljø", 30)], climate_index=1)
    officer.post(f"/procurements/{draft_id}/publish")
    with demo_app.app_context():
        assert db.session.get(Procurement, draft_id).state == "draft"  # § 7-9 cannot be judged


def test_points_and_whole_number_parameters_can_be_tailored(officer, demo_app, make_procurement):
    procurement_id = make_procurement()
    choose_ruleset(officer, procurement_id, "oslo-zero-emission-site@2025", "basis")
    page = soup(officer.get(f"/procurements/{procurement_id}/tailoring"))
    data = form_data(page)
    names = {e["name"]: e for e in page.select("form input") if e.get("name")}
    enquiries = next(n for n in names if n.endswith("_p_min_enquiries"))
    points = next(n for n in names if n.endswith("_p_max_points"))
    response = officer.post(
        f"/procurements/{procurement_id}/tailoring", data=data | {enquiries: "2,7"}
    )
    assert response.status_code == 422 and soup(response).find(id=f"{enquiries}-error")
    response = officer.post(
        f"/procurements/{procurement_id}/tailoring", data=data | {enquiries: "2", points: "20"}
    )
    assert response.status_code == 302, [
        e.text for e in soup(response).select(".error, .error-summary li")
    ]
    with demo_app.app_context():
        stored = db.session.get(Procurement, procurement_id).tailoring["parameters"]
    assert stored["exception-documented"] == {"min_enquiries": 2}
    assert stored["mass-transport-zero-emission-award"] == {"max_points": 20.0}


def test_public_page_shows_only_the_procurements_rules_with_tailored_values(client, demo_app):
    with demo_app.app_context():
        street = db.session.scalar(select(Procurement).where(Procurement.reference == "2026/0877"))
        street.tailoring = {"deselected": {"idling-plan": "I SHA-planen"}, "parameters": {}}
        db.session.commit()
        token = street.public_token
    page = soup(client.get(f"/p/{token}"))
    shown = {article["id"] for article in page.select("article.rule")}
    assert "rule-machines-fossil-free" in shown  # basis
    assert "rule-zero-emission-share-20" not in shown  # advanced only
    assert "rule-idling-plan" not in shown  # deselected


def test_logout_ends_a_copied_session(demo_app):
    first = demo_app.test_client()
    email, password = PASSWORDS["officer"]
    first.post("/login", data={"email": email, "password": password})
    cookie = first.get_cookie("session").value
    copy = demo_app.test_client()
    copy.set_cookie("session", cookie)
    assert copy.get("/procurements/").status_code == 200
    first.post("/logout")
    assert copy.get("/procurements/").status_code == 302


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("no,en;q=0.5", "nb"),
        ("nb-NO,en;q=0.8", "nb"),
        ("nn-NO,en;q=0.8", "nn"),
        ("no-NN,en;q=0.8", "nn"),
        ("nn", "nn"),
        ("en-GB,nb;q=0.5", "en"),
    ],
)
def test_norwegian_browser_languages_get_bokmal_or_nynorsk(client, header, lang):
    page = soup(client.get("/login", headers={"Accept-Language": header}))
    assert page.html["lang"] == lang, header


def test_users_create_refuses_an_address_nobody_can_log_in_with(
    run_cli, demo_app, monkeypatch, tmp_path
):
    code, _, err = run_cli(
        "users",
        "create",
        "--email",
        "admin@localhost",
        "--name",
        "A",
        "--role",
        "admin",
        "--organisation",
        "X",
        "--org-number",
        "974760673",
        "--password",
        "a-long-password-1",
    )
    assert code == 2 and "email" in err
    with demo_app.app_context():
        assert db.session.scalar(select(User).where(User.email == "admin@localhost")) is None


def _pdf(tmp_path):
    import json

    from checker.assessment.engine import assess
    from checker.reports.envelope import build_envelope
    from checker.reports.pdf import render_pdf
    from checker.rulesets.ruleset import RuleLibrary

    tender = json.loads((EXAMPLES / "palm-oil-hvo.json").read_text(encoding="utf-8"))
    ruleset = RuleLibrary().get("dfo-fossil-free-site")
    assessment = assess(ruleset, None, None, tender)
    envelope = build_envelope(
        assessment,
        ruleset,
        tender,
        kind="compliance",
        tier="summary",
        lang="nb",
        issued_at="2026-11-29T10:00:00Z",
    )
    return render_pdf(envelope)


def test_anyone_can_check_a_report_and_one_made_with_the_program_is_not_authentic(client, tmp_path):
    """A report anyone can render (`checker assess --format pdf`) is readable and reproducible,
    and still not issued by this organisation; damaged ones are answers, never errors."""
    import io

    pdf = _pdf(tmp_path)

    def check(data):
        response = client.post(
            "/p/verify",
            data={"report": (io.BytesIO(data), "rapport.pdf")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 200
        return soup(response)

    page = check(pdf)
    assert page.find(id="result").text == "Ikke ekte: ikke utstedt av denne virksomheten"
    assert "Den har ingen signatur" in page.text and "T-2026-0119" in page.text
    assert "Sidene er nøyaktig det de innebygde dataene gir" in page.text
    altered = bytearray(pdf)
    altered[len(pdf) // 3] ^= 0x04
    assert check(bytes(altered)).find(id="result").text.startswith("Ikke")
    assert check(pdf[:2000]).find(id="result").text == "Ikke en gyldig rapport"


def test_check_refuses_other_files_with_a_message(client):
    import io

    response = client.post(
        "/p/verify",
        data={"report": (io.BytesIO(b"hello"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and soup(response).find(id="report-error")
    response = client.post("/p/verify", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    # The limit is checked before the body is read; a small limit keeps the test from spooling
    # megabytes to a temporary file.
    client.application.config["MAX_CONTENT_LENGTH"] = 1024
    big = io.BytesIO(b"%PDF-" + b"0" * 4096)
    response = client.post(
        "/p/verify", data={"report": (big, "big.pdf")}, content_type="multipart/form-data"
    )
    assert response.status_code == 413
