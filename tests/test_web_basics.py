"""The web app's first impressions: it starts, logs in, speaks two languages, guards its headers."""

from checker.web import create_app
from checker.web.extensions import db
from tests.helpers import soup


def test_health(client):
    assert client.get("/health").json == {"status": "ok"}


def test_login_page_is_norwegian_by_default_and_switches_to_english(client):
    page = soup(client.get("/login"))
    assert page.html["lang"] == "nb"
    assert page.h1.text == "Logg inn"
    client.post("/lang/en", data={"next": "/login"})
    page = soup(client.get("/login"))
    assert page.html["lang"] == "en"
    assert page.h1.text == "Log in"


def test_wrong_password_keeps_the_email_and_marks_the_field(client):
    response = client.post("/login", data={"email": "officer@kommune.example", "password": "nope"})
    assert response.status_code == 422
    page = soup(response)
    assert page.find("input", id="email")["value"] == "officer@kommune.example"
    assert page.find(id="password-error").text.strip() == "Feil e-post eller passord."
    assert page.find(id="password")["aria-invalid"] == "true"


def test_officer_logs_in_and_sees_the_dashboard(login):
    client = login("officer")
    page = soup(client.get("/"))
    assert page.h1.text == "Oversikt"
    tiles = {
        li.a.text.split(maxsplit=1)[1].strip(): int(li.find(class_="count").text)
        for li in page.select(".tiles li")
    }
    assert tiles["Utkast"] == 1 and tiles["Publisert"] == 1 and tiles["Stengt"] == 1


def test_security_headers(client):
    response = client.get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_or_styles(login):
    client = login("officer")
    for path in ("/", "/procurements/", "/rules/", "/login"):
        page = soup(client.get(path))
        assert not [s for s in page.find_all("script") if not s.get("src")], path
        assert not page.find_all("style"), path
        assert not page.select("[style]"), path


def test_unknown_page_is_friendly_and_localised(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert soup(response).h1.text == "Fant ikke siden"


def test_login_is_throttled(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path))
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite'}",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    codes = [
        client.post("/login", data={"email": "x@kommune.example", "password": "y"}).status_code
        for _ in range(7)
    ]
    assert codes[:5] == [422] * 5
    assert codes[-1] == 429


def test_next_parameter_cannot_leave_the_site(client):
    response = client.post(
        "/login?next=//evil.example/",
        data={"email": "officer@kommune.example", "password": "demo-officer-2026"},
    )
    assert response.headers["Location"] == "/"
