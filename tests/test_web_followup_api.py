"""The JSON API for period reports, through HTTP: tokens made and revoked by the contractor
organisation's administrator, period reports sent and corrected, the follow-up read."""

import json

import pytest
from sqlalchemy import select

from checker.web.accounts.users import create_user
from checker.web.extensions import db
from checker.web.models import ApiToken
from checker.web.models import AuditEntry
from tests.helpers import APRIL
from tests.helpers import OSLO_CONTRACTOR
from tests.helpers import bearer
from tests.helpers import in_parallel
from tests.helpers import make_token
from tests.helpers import post_report
from tests.helpers import soup
from tests.helpers import switch_user


def test_a_token_is_shown_once_and_only_its_hash_is_kept(api_contract, demo_app):
    client, _contract, token = api_contract
    assert token.startswith("kks_") and len(token) > 40
    page = client.get("/account/api-tokens")
    assert token not in page.text  # shown once, on the page that made it
    row = soup(page).select("tbody tr")[0].get_text(" ", strip=True)
    assert "Flåtesystem" in row and token[:8] in row and "Aldri" in row
    with demo_app.app_context():
        record = db.session.scalar(select(ApiToken))
        assert record.token_hash != token and len(record.token_hash) == 64
        made = db.session.scalar(
            select(AuditEntry).where(AuditEntry.table == "api_token", AuditEntry.kind == "created")
        )
        assert made.after["name"] == "Flåtesystem"
        assert token not in json.dumps(made.after) and made.after["token_hash"] != record.token_hash


def test_the_first_user_is_the_administrator_a_colleague_only_reads(api_contract, demo_app):
    client, _contract, _token = api_contract
    with demo_app.app_context():
        create_user(
            "ola@oslogrunnarbeid.example", "Ola Kollega", "contractor", "Oslo Grunnarbeid AS",
            "981000013", "ola-colleague-2027",
        )  # fmt: skip
        db.session.commit()
    switch_user(client, "ola@oslogrunnarbeid.example", "ola-colleague-2027")
    page = client.get("/account/api-tokens")
    assert page.status_code == 200
    assert "Flåtesystem" in page.text and "Kari Kontakt" in page.text
    assert not soup(page).select("main form")  # no making, no revoking
    assert client.post("/account/api-tokens", data={"name": "Mitt"}).status_code == 403
    with demo_app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    assert client.post(f"/account/api-tokens/{token_id}/revoke").status_code == 403


def test_a_token_needs_a_name_and_the_form_says_so(api_contract):
    client, _contract, _token = api_contract
    page = client.post("/account/api-tokens", data={"name": "  "})
    assert page.status_code == 422
    assert "Gi nøkkelen et navn" in soup(page).select_one(".error").text


def test_without_a_token_401_with_the_bearer_challenge(api_contract):
    client, contract, _token = api_contract
    client.post("/logout")  # a session cookie would not count either
    for headers in ({}, {"Authorization": "Basic a2FyaTpwYXNz"}):
        answer = client.get(f"/api/v1/contracts/{contract}/period-reports", headers=headers)
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"] == 'Bearer realm="klimakravsjekk"'
        assert answer.mimetype == "application/problem+json"
        assert answer.json["status"] == 401 and "Authorization: Bearer" in answer.json["detail"]
    wrong = client.get("/api/v1/contracts", headers=bearer("kks_" + "x" * 43))
    assert wrong.status_code == 401
    assert 'error="invalid_token"' in wrong.headers["WWW-Authenticate"]


def test_a_revoked_token_is_401_and_its_revocation_is_in_the_audit_trail(api_contract, demo_app):
    client, contract, token = api_contract
    assert client.get("/api/v1/contracts", headers=bearer(token)).status_code == 200
    with demo_app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    answer = client.post(f"/account/api-tokens/{token_id}/revoke")
    assert answer.status_code == 303
    page = client.get("/account/api-tokens").text
    assert "Tilbakekalt" in page and "Kari Kontakt" in page
    answer = client.get(f"/api/v1/contracts/{contract}/period-reports", headers=bearer(token))
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]
    with demo_app.app_context():
        revoked = db.session.scalar(
            select(AuditEntry).where(AuditEntry.table == "api_token", AuditEntry.kind == "changed")
        )
        assert revoked.before["revoked_at"] is None and revoked.after["revoked_at"]
        assert revoked.actor.startswith(OSLO_CONTRACTOR[0])


def test_another_organisations_token_gets_404(api_contract, login):
    _client, contract, token = api_contract
    fjordbygg = login("contractor")  # the demo contractor, the first user of Fjordbygg
    theirs = make_token(fjordbygg, "Fjordbyggs system")
    for path in ("period-reports", "followup"):
        answer = fjordbygg.get(f"/api/v1/contracts/{contract}/{path}", headers=bearer(theirs))
        assert answer.status_code == 404 and answer.mimetype == "application/problem+json"
    assert post_report(fjordbygg, contract, theirs, APRIL).status_code == 404
    assert fjordbygg.get("/api/v1/contracts", headers=bearer(theirs)).json == {"contracts": []}
    mine = fjordbygg.get("/api/v1/contracts", headers=bearer(token)).json["contracts"]
    assert [c["id"] for c in mine] == [contract]


def test_a_period_is_sent_read_and_followed_up(api_contract, demo_app):
    client, contract, token = api_contract
    sent = post_report(client, contract, token, APRIL)
    assert sent.status_code == 201, sent.text
    assert sent.headers["Location"] == sent.json["links"]["self"]
    assert sent.headers["ETag"] == sent.json["etag"]
    assert sent.json["version"] == 1 and sent.json["in_force"] and not sent.json["accepted"]
    one = client.get(sent.headers["Location"], headers=bearer(token))
    assert one.json["report"] == APRIL and one.headers["ETag"] == sent.headers["ETag"]
    listed = client.get(f"/api/v1/contracts/{contract}/period-reports", headers=bearer(token))
    assert [r["period"] for r in listed.json["period_reports"]] == [APRIL["period"]]
    result = client.get(f"/api/v1/contracts/{contract}/followup", headers=bearer(token)).json
    assert result["format"] == "climate-followup/1"
    assert [p["period"] for p in result["periods"]] == [APRIL["period"]]
    # The page shows what the API received, and when the token was last used.
    assert "01.04.2027" in client.get(f"/contracts/{contract}").text
    assert "Aldri" not in soup(client.get("/account/api-tokens")).select("tbody tr")[0].text
    with demo_app.app_context():
        received = db.session.scalar(
            select(AuditEntry).where(
                AuditEntry.table == "period_report", AuditEntry.kind == "created"
            )
        )
        assert received.actor == "API token 'Flåtesystem' of Oslo Grunnarbeid AS"


def test_the_follow_up_before_any_period_is_a_problem_of_its_own(api_contract):
    client, contract, token = api_contract
    answer = client.get(f"/api/v1/contracts/{contract}/followup", headers=bearer(token))
    assert answer.status_code == 404
    assert answer.json["type"].endswith("/api/v1/problems/no-period-reports")
    described = client.get("/api/v1/problems/no-period-reports").json
    assert described["title"] == "Ingen perioderapport ennå"


def test_every_problem_is_named_by_its_field(api_contract):
    client, contract, token = api_contract
    bad = APRIL | {
        "period": {"start": "2027-04-30", "end": "2027-04-01"},
        "machines": [{"id": "M1", "hours": -5}, {"id": "M9", "hours": 20, "fuel_id": "F-none"}],
    }
    answer = post_report(client, contract, token, bad)
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert answer.json["type"].endswith("/invalid-period-report")
    pointers = {e["pointer"] for e in answer.json["errors"]}
    assert "/machines/0/hours" in pointers
    en = post_report(client, contract, token, bad, **{"Accept-Language": "en"})
    assert en.json["title"] == "Not saved"
    assert (
        client.get(f"/api/v1/contracts/{contract}/period-reports", headers=bearer(token)).json[
            "period_reports"
        ]
        == []
    )


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{}", "text/plain", 415),
        (b"\xff\xfe", "application/json", 400),
        ('{"format": ', "application/json", 422),
        ("[1, 2]", "application/json", 422),
    ],
)
def test_a_body_that_is_no_period_report_is_refused_with_a_problem(
    api_contract, body, content_type, status
):
    client, contract, token = api_contract
    answer = client.post(
        f"/api/v1/contracts/{contract}/period-reports",
        data=body,
        headers=bearer(token) | {"Content-Type": content_type},
    )
    assert answer.status_code == status and answer.mimetype == "application/problem+json"
    assert answer.json["status"] == status and answer.json["detail"]


def test_a_correction_names_the_version_it_corrects(api_contract, demo_app):
    client, contract, token = api_contract
    first = post_report(client, contract, token, APRIL)
    changed = APRIL | {"heating": [{"id": "H1", "energy_kwh": 5500}]}
    blind = post_report(client, contract, token, changed)
    assert blind.status_code == 409 and blind.json["type"].endswith("/version-conflict")
    assert blind.json["current"]["etag"] == first.headers["ETag"] == blind.headers["ETag"]
    corrected = post_report(client, contract, token, changed, **{"If-Match": first.headers["ETag"]})
    assert corrected.status_code == 200 and corrected.json["id"] == first.json["id"]
    assert corrected.json["version"] == 1 and corrected.headers["ETag"] != first.headers["ETag"]
    stale = post_report(client, contract, token, APRIL, **{"If-Match": first.headers["ETag"]})
    assert stale.status_code == 409 and stale.json["current"]["etag"] == corrected.headers["ETag"]
    # Once the officer accepts the period, a correction is a new version and both are kept.
    switch_user(client, "officer@kommune.example", "demo-officer-2026")
    accept = f"/procurements/{client.procurement_id}/followup/periods/{first.json['id']}/accept"
    assert client.post(accept).status_code == 303
    again = post_report(client, contract, token, APRIL, **{"If-Match": corrected.headers["ETag"]})
    assert again.status_code == 201 and again.json["version"] == 2
    listed = client.get(f"/api/v1/contracts/{contract}/period-reports", headers=bearer(token))
    versions = [(r["version"], r["accepted"], r["in_force"]) for r in listed.json["period_reports"]]
    assert versions == [(1, True, False), (2, False, True)]


def test_the_api_takes_no_csrf_token_and_is_rate_limited(api_contract, demo_app):
    client, contract, token = api_contract
    demo_app.config.update(WTF_CSRF_ENABLED=True, API_RATE_LIMIT="3 per minute")
    assert post_report(client, contract, token, APRIL).status_code == 201
    for _ in range(2):
        assert client.get("/api/v1/contracts", headers=bearer(token)).status_code == 200
    limited = client.get("/api/v1/contracts", headers=bearer(token))
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert limited.headers["Retry-After"] == "60"
    # The pages keep their CSRF protection.
    assert client.post("/account/api-tokens", data={"name": "Uten"}).status_code == 400


def test_two_systems_sending_one_new_period_at_once_take_turns(api_contract, demo_app):
    client, contract, token = api_contract
    other = demo_app.test_client()
    answers = in_parallel(
        [lambda c=c: post_report(c, contract, token, APRIL) for c in (client, other)]
    )
    assert sorted(a.status_code for a in answers) == [201, 409]
    conflict = next(a for a in answers if a.status_code == 409)
    assert (
        conflict.json["current"]["etag"]
        == next(a for a in answers if a.status_code == 201).headers["ETag"]
    )


def test_a_blocked_organisations_token_is_refused(api_contract, demo_app):
    client, contract, token = api_contract
    with demo_app.app_context():
        db.session.scalar(select(ApiToken)).organisation.status = "blocked"
        db.session.commit()
    answer = client.get(f"/api/v1/contracts/{contract}/period-reports", headers=bearer(token))
    assert answer.status_code == 403 and "sperret" in answer.json["detail"]
