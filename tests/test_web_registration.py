"""Contractors on their own: register an organisation (the first user confirms by e-mail, an
administrator approves or blocks), reset a forgotten password, invite colleagues. The links
arrive by e-mail through a real SMTP server and are followed from there."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker import clock
from checker.web.extensions import db
from checker.web.models import Notice
from checker.web.models import Organisation
from checker.web.models import User

NEW = {
    "org_number": "912 345 602",
    "organisation_name": "Nordlys Maskin AS",
    "name": "Nora Nordlys",
    "email": "nora@nordlys.example",
    "password": "nordlys-passord-2026",
    "confirm": "nordlys-passord-2026",
}
ADMIN = "admin@kommune.example"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def link_in(message, path: str) -> str:
    """The link to `path` in a message, as a path the test client can open."""
    found = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]+)", message.get_content())
    assert found, message.get_content()
    return found.group(1)


def _log_in(app, email, password):
    client = app.test_client()
    client.post("/lang/en")
    return client, client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def registered(demo_app, mail_via_smtp):
    client = demo_app.test_client()
    client.post("/lang/en")
    response = client.post("/register", data=NEW)
    assert response.status_code == 200, response.text
    assert "Check your e-mail" in response.text
    return client


def test_an_organisation_registers_confirms_and_is_approved(
    demo_app, mail_via_smtp, registered, login
):
    with demo_app.app_context():
        org = db.session.scalar(select(Organisation).where(Organisation.org_number == "912345602"))
        assert (org.status, org.kind) == ("pending", "contractor")
        assert not org.users[0].is_enabled
    # Before confirming, the password alone lets nobody in, and the page says why.
    _, refused = _log_in(demo_app, NEW["email"], NEW["password"])
    assert refused.status_code == 422 and "Confirm your e-mail address first" in refused.text

    [confirmation] = mail_via_smtp.to(NEW["email"])
    link = link_in(confirmation, "/register/confirm/")
    assert registered.get(link).status_code == 302
    assert registered.get(link).status_code == 410  # a confirmation link works once
    with demo_app.app_context():
        stored = db.session.scalar(select(Notice).where(Notice.kind == "confirm_email"))
        assert "/register/confirm/" not in stored.body  # the link is sent, never stored
    [asked] = mail_via_smtp.to(ADMIN)
    assert "Nordlys Maskin AS" in asked.get_content()

    client, response = _log_in(demo_app, NEW["email"], NEW["password"])
    assert response.status_code == 302
    published = _published_token(demo_app)
    early = client.post(f"/p/{published}/bid")
    assert early.status_code == 302 and "/p/" in early.headers["Location"]  # not yet approved

    admin = login("admin")
    page = soup(admin.get("/admin/organisations"))
    org_id = _org_id(demo_app, "912345602")
    assert page.select_one(f'form[action="/admin/organisations/{org_id}/approve"]')
    assert admin.post(f"/admin/organisations/{org_id}/approve").status_code == 302
    assert any("approved" in m["Subject"] for m in mail_via_smtp.to(NEW["email"]))
    started = client.post(f"/p/{published}/bid")
    assert started.status_code == 302 and "/bids/" in started.headers["Location"]


def _published_token(app):
    from checker.web.models import Procurement

    with app.app_context():
        return db.session.scalar(
            select(Procurement.public_token).where(Procurement.state == "published")
        )


def _org_id(app, number):
    with app.app_context():
        return db.session.scalar(select(Organisation.id).where(Organisation.org_number == number))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"org_number": "912 345 603"}, "org_number", "check digit"),
        ({"org_number": "914 880 009"}, "org_number", "registered already"),
        ({"email": "contractor@fjordbygg.example"}, "email", "exists already"),
        ({"confirm": "noe annet helt"}, "confirm", "differ"),
        ({"password": "kort", "confirm": "kort"}, "password", "12 to 200"),
    ],
)
def test_a_registration_with_a_problem_comes_back_marked(demo_app, changes, field, message):
    client = demo_app.test_client()
    client.post("/lang/en")
    response = client.post("/register", data=NEW | changes)
    assert response.status_code == 422
    page = soup(response)
    assert message in page.select_one(f"#{field}-error").get_text()
    assert page.select_one("#organisation_name")["value"] == "Nordlys Maskin AS"  # kept


def test_blocking_an_organisation_logs_its_users_out(demo_app, mail_via_smtp, login):
    contractor = login("contractor")
    assert contractor.get("/").status_code == 200
    admin = demo_app.test_client()
    admin.post("/login", data={"email": ADMIN, "password": "demo-admin-2026"})
    org_id = _org_id(demo_app, "914880009")
    assert admin.post(f"/admin/organisations/{org_id}/block").status_code == 302
    assert contractor.get("/").status_code == 302  # the session ended
    _, again = _log_in(demo_app, "contractor@fjordbygg.example", "demo-contractor-2026")
    assert again.status_code == 422 and "blocked" in again.text
    assert any("blocked" in m["Subject"] for m in mail_via_smtp.to("contractor@fjordbygg.example"))
    buyer = _org_id(demo_app, "944444408")
    assert admin.post(f"/admin/organisations/{buyer}/block").status_code == 409


def test_a_forgotten_password_is_reset_once_by_e_mail(demo_app, mail_via_smtp, travel):
    client = demo_app.test_client()
    client.post("/lang/en")
    email = "contractor@fjordbygg.example"
    unknown = client.post("/password/forgot", data={"email": "nobody@nowhere.example"})
    known = client.post("/password/forgot", data={"email": email.upper()})
    assert unknown.status_code == known.status_code == 200  # the same answer either way
    assert mail_via_smtp.to("nobody@nowhere.example") == []
    [reset] = mail_via_smtp.to(email)
    link = link_in(reset, "/password/reset/")
    new = "et-nytt-og-langt-passord"
    short = client.post(link, data={"password": "kort", "confirm": "kort"})
    assert short.status_code == 422
    assert client.post(link, data={"password": new, "confirm": new}).status_code == 302
    assert client.get(link).status_code == 410  # used: the password has changed since
    assert _log_in(demo_app, email, new)[1].status_code == 302
    assert _log_in(demo_app, email, "demo-contractor-2026")[1].status_code == 422

    client.post("/password/forgot", data={"email": email})
    late = link_in(mail_via_smtp.to(email)[-1], "/password/reset/")
    travel(clock.now() + timedelta(hours=2))
    assert client.get(late).status_code == 410  # an hour, no more
    assert client.get("/password/reset/not-a-token").status_code == 404


def test_a_colleague_is_invited_and_joins(demo_app, mail_via_smtp, login):
    contractor = login("contractor")
    contractor.post("/lang/en")
    page = soup(contractor.get("/account/colleagues"))
    assert "contractor@fjordbygg.example" in page.select_one("table").get_text()
    taken = contractor.post("/account/colleagues", data={"email": "officer@kommune.example"})
    assert taken.status_code == 422
    assert (
        contractor.post("/account/colleagues", data={"email": "kari@fjordbygg.example"}).status_code
        == 302
    )
    [invitation] = mail_via_smtp.to("kari@fjordbygg.example")
    assert "Per Entreprenør" in invitation.get_content()
    link = link_in(invitation, "/invitation/")
    stranger = demo_app.test_client()
    page = soup(stranger.get(link))
    assert "Fjordbygg Entreprenør AS" in page.h1.get_text()
    password = "kari-sitt-passord-2026"
    joined = stranger.post(
        link, data={"name": "Kari Kran", "password": password, "confirm": password}
    )
    assert joined.status_code == 302
    assert stranger.get(link).status_code == 410  # accepted already
    with demo_app.app_context():
        kari = db.session.scalar(select(User).where(User.email == "kari@fjordbygg.example"))
        assert kari.organisation.org_number == "914880009" and kari.role == "contractor"
    assert _log_in(demo_app, "kari@fjordbygg.example", password)[1].status_code == 302
    officer = login("officer")
    assert (
        officer.post("/account/colleagues", data={"email": "x@kommune.example"}).status_code == 200
    )
    assert mail_via_smtp.to("x@kommune.example") == []  # officers do not invite
