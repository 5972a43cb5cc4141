"""Shared limits (counted in the database), failed logins in the trail, the login that fails
closed, session timeouts, and no caching of private pages."""

from datetime import timedelta
from urllib.parse import unquote
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from sqlalchemy import text

from checker import clock
from checker.web import create_app
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from tests.helpers import DATABASE_URL
from tests.helpers import PASSWORDS
from tests.helpers import app_config
from tests.helpers import form_data
from tests.helpers import in_parallel

OFFICER = PASSWORDS["officer"][0]


def _wrong(client, email=OFFICER):
    return client.post("/login", data={"email": email, "password": "not-the-password"})


@pytest.fixture
def strict(demo_app):
    """The demo with the production login limits."""
    demo_app.config.update(LOGIN_RATE_LIMIT="5 per minute", LOGIN_ACCOUNT_LIMIT="10 per 15 minutes")
    return demo_app


def test_login_throttling_holds_across_server_processes_and_restarts(strict, tmp_path):
    """Another app on the same database (a second worker, or the same one restarted) counts the
    attempts the first one saw."""
    other = create_app(app_config(tmp_path, strict.config["SQLALCHEMY_DATABASE_URI"]))
    other.config.update(LOGIN_RATE_LIMIT="5 per minute")
    first, second = strict.test_client(), other.test_client()
    codes = [_wrong(first).status_code for _ in range(3)] + [
        _wrong(second).status_code for _ in range(3)
    ]
    assert codes == [422] * 5 + [429]
    refused = _wrong(first)
    assert refused.status_code == 429
    assert "Wait 1 minute" in refused.text or "Vent 1 minutt" in refused.text
    # Even the right password is not checked until the minute has passed.
    right = first.post("/login", data={"email": OFFICER, "password": PASSWORDS["officer"][1]})
    assert right.status_code == 429
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_parallel_guesses_cannot_slip_under_the_limit(strict):
    clients = [strict.test_client() for _ in range(12)]
    codes = sorted(r.status_code for r in in_parallel([lambda c=c: _wrong(c) for c in clients]))
    assert codes.count(422) <= 5 and codes.count(429) >= 7


def test_an_account_is_throttled_from_any_address(strict, travel):
    codes = [
        strict.test_client()
        .post(
            "/login",
            data={"email": OFFICER, "password": "wrong"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{number}"},
        )
        .status_code
        for number in range(11)
    ]
    assert codes == [422] * 10 + [429]
    travel(clock.now() + timedelta(minutes=16))
    again = strict.test_client().post(
        "/login", data={"email": OFFICER, "password": PASSWORDS["officer"][1]}
    )
    assert again.status_code == 302


def test_failed_logins_are_in_the_audit_trail(client, demo_app):
    _wrong(client)
    _wrong(client, "nobody@example.org")
    with demo_app.app_context():
        entries = db.session.scalars(
            select(AuditEntry).where(AuditEntry.kind == "login_failed").order_by(AuditEntry.seq)
        ).all()
    assert [e.after["email"] for e in entries] == [OFFICER, "nobody@example.org"]
    assert entries[0].row_id is not None and entries[1].row_id is None
    assert entries[0].after["address"] == "127.0.0.1"


def _break_the_trail(app):
    """Writing to the audit trail fails, as on a full disk (everything else still works)."""
    with app.app_context():
        if DATABASE_URL:
            db.session.execute(
                text(
                    "CREATE OR REPLACE FUNCTION audit_entry_full() RETURNS trigger LANGUAGE plpgsql"
                    " AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'"
                    " USING ERRCODE = '53100'; END $$"
                )
            )
            db.session.execute(
                text(
                    "CREATE TRIGGER audit_entry_full BEFORE INSERT ON audit_entry"
                    " FOR EACH ROW EXECUTE FUNCTION audit_entry_full()"
                )
            )
        else:
            db.session.execute(
                text(
                    "CREATE TRIGGER audit_entry_full BEFORE INSERT ON audit_entry"
                    " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                )
            )
        db.session.commit()


@pytest.fixture
def full_trail(demo_app):
    _break_the_trail(demo_app)
    yield demo_app
    if DATABASE_URL:
        with demo_app.app_context():
            db.session.execute(text("DROP TRIGGER IF EXISTS audit_entry_full ON audit_entry"))
            db.session.execute(text("DROP FUNCTION IF EXISTS audit_entry_full()"))
            db.session.commit()


def test_a_login_whose_audit_entry_cannot_be_written_logs_nobody_in(full_trail):
    client = full_trail.test_client()
    email, password = PASSWORDS["officer"]
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 503
    assert "not logged in" in response.text or "ikke logget inn" in response.text
    cookie = client.get_cookie("session")
    if cookie is not None:
        saved = full_trail.session_interface.get_signing_serializer(full_trail).loads(cookie.value)
        assert "_user_id" not in saved
    assert client.get("/procurements/").status_code == 302  # to the login page


@pytest.fixture
def timed(demo_app):
    """The demo with the production session limits."""
    demo_app.config.update(
        SESSION_IDLE_MINUTES=30, SESSION_IDLE_MINUTES_CONTRACTOR=240, SESSION_LIFETIME_HOURS=12
    )
    return demo_app


def _logged_in(app, role):
    client = app.test_client()
    email, password = PASSWORDS[role]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    client.post("/lang/en")
    return client


def test_an_officer_session_ends_after_30_idle_minutes(timed, travel):
    demo_app = timed
    start = clock.now()
    travel(start)
    client = _logged_in(demo_app, "officer")
    travel(start + timedelta(minutes=29))
    assert client.get("/procurements/").status_code == 200  # activity: the idle clock restarts
    travel(start + timedelta(minutes=58))
    assert client.get("/procurements/").status_code == 200
    travel(start + timedelta(minutes=89))
    ended = client.get("/procurements/")
    assert ended.status_code == 302 and "/login" in ended.headers["Location"]
    page = client.get(ended.headers["Location"]).text
    assert "30 minutes without activity" in page or "30 minutter uten aktivitet" in page
    assert client.get("/procurements/").status_code == 302  # really logged out


def test_a_contractor_may_pause_longer_but_no_session_outlives_its_lifetime(timed, travel):
    demo_app = timed
    start = clock.now()
    travel(start)
    client = _logged_in(demo_app, "contractor")
    travel(start + timedelta(minutes=45))
    assert client.get("/").status_code == 200
    for hours in range(1, 12):
        travel(start + timedelta(hours=hours))
        assert client.get("/").status_code == 200
    travel(start + timedelta(hours=12, minutes=5))
    assert client.get("/").status_code == 302


def test_private_pages_are_never_cached(client, login, demo_app):
    with demo_app.app_context():
        token = db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )
    draft = client.post(f"/p/{token}/self-assessment").headers["Location"]
    assert client.get(draft).headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get(f"/p/{token}").headers.get("Cache-Control", "")
    officer = login("officer")
    assert officer.get("/procurements/").headers["Cache-Control"] == "no-store"


def test_anonymous_drafts_are_limited_per_address_and_in_size(client, demo_app):
    demo_app.config.update(DRAFTS_PER_ADDRESS="2 per hour", MAX_DRAFT_ENTRIES=3)
    client.post("/lang/en")
    with demo_app.app_context():
        token = db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )
    drafts = [client.post(f"/p/{token}/self-assessment") for _ in range(3)]
    assert [d.status_code for d in drafts] == [302, 302, 429]
    assert "private link" in drafts[2].text
    url = drafts[0].headers["Location"]
    added = [
        client.post(url + "/entries/fuels/new", data={"id": f"F{n}", "product": "hvo100"})
        for n in range(4)
    ]
    assert [a.status_code for a in added] == [302, 302, 302, 422]
    page = BeautifulSoup(added[3].text, "html.parser")
    assert "at most 3 entries" in page.text and "nothing was saved" in page.text


def test_assessments_of_anonymous_drafts_are_limited_per_address(client, demo_app):
    demo_app.config.update(ASSESSMENTS_PER_ADDRESS="3 per hour")
    client.post("/lang/en")
    with demo_app.app_context():
        token = db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )
    url = client.post(f"/p/{token}/self-assessment").headers["Location"]
    codes = [client.get(url).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def _edit_details(client, procurement_id, title):
    page = BeautifulSoup(client.get(f"/procurements/{procurement_id}/edit").text, "html.parser")
    data = form_data(page)
    return data | {"title": title}


def test_a_form_sent_after_the_session_ended_is_kept_for_the_same_user(timed, travel):
    demo_app = timed
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        procurement_id, old_title = draft.id, draft.title
    start = clock.now()
    travel(start)
    client = _logged_in(demo_app, "officer")
    data = _edit_details(client, procurement_id, "Ny skole på Haugen – rettet tittel")
    travel(start + timedelta(minutes=45))  # the officer went to a meeting, then pressed Save
    sent = client.post(f"/procurements/{procurement_id}/edit", data=data)
    assert sent.status_code == 302 and "/login" in sent.headers["Location"]
    login_page = client.get(sent.headers["Location"]).text
    assert "What you typed is kept" in login_page
    with demo_app.app_context():  # nothing was saved
        assert db.session.get(Procurement, procurement_id).title == old_title
    # another user cannot read it
    other = _logged_in(demo_app, "auditor")
    kept_path = urlsplit(sent.headers["Location"]).query.split("next=")[1]
    kept_path = unquote(kept_path)
    assert other.get(kept_path).status_code == 404
    # the officer logs in again and is taken to what they typed
    email, password = PASSWORDS["officer"]
    again = client.post(sent.headers["Location"], data={"email": email, "password": password})
    assert again.headers["Location"] == kept_path
    page = BeautifulSoup(client.get(kept_path).text, "html.parser")
    assert "Ny skole på Haugen – rettet tittel" in page.select_one("#kept-values").text
    form = page.select_one("#send-kept")
    resent = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    assert client.post(form["action"], data=resent).status_code == 302
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).title == (
            "Ny skole på Haugen – rettet tittel"
        )
    assert client.get(kept_path).status_code == 404  # gone once sent


def test_a_kept_form_can_be_discarded(timed, travel):
    demo_app = timed
    with demo_app.app_context():
        procurement_id = db.session.scalar(
            select(Procurement.id).where(Procurement.state == "draft")
        )
    start = clock.now()
    travel(start)
    client = _logged_in(demo_app, "officer")
    data = _edit_details(client, procurement_id, "Forkastes")
    travel(start + timedelta(minutes=31))
    sent = client.post(f"/procurements/{procurement_id}/edit", data=data)
    kept_path = unquote(sent.headers["Location"].split("next=")[1])
    email, password = PASSWORDS["officer"]
    client.post(sent.headers["Location"], data={"email": email, "password": password})
    assert client.post(kept_path).status_code == 302
    assert client.get(kept_path).status_code == 404
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).title != "Forkastes"
