"""A full disk or a read-only database: a page that says what happened and that nothing was
saved, never a bare 500; and no server starts on a read-only database."""

import pytest
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy import text

from checker.web import create_app
from checker.web.extensions import db
from checker.web.faults import ReadOnlyDatabase
from checker.web.models import Procurement
from checker.web.models import Tender
from tests.helpers import DATABASE_URL
from tests.helpers import PASSWORDS
from tests.helpers import app_config


def _logged_in(app, role):
    client = app.test_client()
    email, password = PASSWORDS[role]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    client.post("/lang/en")
    return client


def _read_only(app):
    """From now on the database takes no changes (as a replica or during maintenance)."""

    def on_connect(connection, _record):
        cursor = connection.cursor()
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cursor.close()
        if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            connection.commit()

    with app.app_context():
        db.engine.dispose()
        event.listen(db.engine, "connect", on_connect)
    # A changed setting retires the app after the test: no other test gets a read-only engine.
    app.config["READ_ONLY_FOR_THIS_TEST"] = True


def _bid(app):
    with app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        return procurement.tenders[0].id


@pytest.mark.parametrize("role", ["contractor"])
def test_a_change_on_a_read_only_database_says_nothing_was_saved(demo_app, role):
    client = _logged_in(demo_app, role)
    bid = _bid(demo_app)
    _read_only(demo_app)
    response = client.post(f"/bids/{bid}/entries/fuels/new", data={"id": "F9", "product": "hvo100"})
    assert response.status_code == 503
    assert "read-only" in response.text and "Nothing was saved" in response.text
    assert "Traceback" not in response.text
    assert client.get(f"/bids/{bid}").status_code == 200  # reading still works


def test_a_login_on_a_read_only_database_is_answered_with_a_page(demo_app):
    _read_only(demo_app)
    client = demo_app.test_client()
    client.post("/lang/en")
    email, password = PASSWORDS["officer"]
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 503 and "read-only" in response.text


@pytest.mark.skipif(bool(DATABASE_URL), reason="a full SQLite file; PostgreSQL's below")
def test_a_full_disk_says_nothing_was_saved(demo_app):
    client = _logged_in(demo_app, "contractor")
    bid = _bid(demo_app)
    with demo_app.app_context():
        db.engine.dispose()

        @event.listens_for(db.engine, "connect")
        def full(connection, _record):
            # The file may not grow by another page: what a full disk does to SQLite.
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")

    demo_app.config["FULL_DISK_FOR_THIS_TEST"] = True  # retire the app: its disk stays "full"

    big = {"id": "F9", "product": "hvo100", "supplier": "x" * 200}
    responses = [
        client.post(f"/bids/{bid}/entries/fuels/new", data={**big, "id": f"F{n}"})
        for n in range(30)
    ]
    refused = [r for r in responses if r.status_code != 302]
    assert refused and refused[0].status_code == 503
    assert "disk is full" in refused[0].text and "Nothing was saved" in refused[0].text


@pytest.mark.skipif(not DATABASE_URL, reason="PostgreSQL's own error code for a full disk")
def test_a_full_disk_on_postgresql_says_nothing_was_saved(demo_app):
    client = _logged_in(demo_app, "contractor")
    bid = _bid(demo_app)
    with demo_app.app_context():
        db.session.execute(
            text(
                "CREATE OR REPLACE FUNCTION tender_full() RETURNS trigger LANGUAGE plpgsql AS $$"
                " BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'"
                " USING ERRCODE = '53100'; END $$"
            )
        )
        db.session.execute(
            text(
                "CREATE TRIGGER tender_full BEFORE UPDATE ON tender FOR EACH ROW "
                "EXECUTE FUNCTION tender_full()"
            )
        )
        db.session.commit()
    try:
        response = client.post(
            f"/bids/{bid}/entries/fuels/new", data={"id": "F9", "product": "hvo100"}
        )
        assert response.status_code == 503 and "disk is full" in response.text
        with demo_app.app_context():
            assert "F9" not in str(db.session.get(Tender, bid).data)
    finally:
        with demo_app.app_context():
            db.session.execute(text("DROP TRIGGER tender_full ON tender"))
            db.session.execute(text("DROP FUNCTION tender_full()"))
            db.session.commit()


@pytest.mark.skipif(bool(DATABASE_URL), reason="a read-only SQLite file")
def test_no_server_starts_on_a_read_only_database(demo_app, tmp_path, run_cli, monkeypatch):
    path = demo_app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    config = app_config(tmp_path, read_only) | {"TESTING": False}
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        create_app(config)
    monkeypatch.setenv("DATABASE_URL", read_only)
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path / "instance"))
    code, _out, err = run_cli("serve", "--no-demo")
    assert code == 2 and "read-only" in err and "Traceback" not in err


@pytest.mark.skipif(not DATABASE_URL, reason="a read-only PostgreSQL session")
def test_no_server_starts_on_a_read_only_postgresql(tmp_path, monkeypatch):
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path))
    config = app_config(tmp_path, DATABASE_URL) | {
        "TESTING": False,
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "connect_args": {"options": "-c default_transaction_read_only=on"}
        },
    }
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        create_app(config)


def _connection_closed_by_the_server(app):
    """The pool holds one connection, which the server then closes (as a restart does)."""
    import psycopg
    from sqlalchemy.engine import make_url

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
        pid = db.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        db.session.remove()
    url = make_url(DATABASE_URL).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


@pytest.mark.skipif(not DATABASE_URL, reason="PostgreSQL closes its connections on a restart")
@pytest.mark.parametrize("idle_for, answered", [(0, 200), (10**6, 503)])
def test_a_connection_the_database_closed_is_replaced_after_sitting_idle(
    demo_app, monkeypatch, idle_for, answered
):
    from checker.web import faults

    officer = _logged_in(demo_app, "officer")
    _connection_closed_by_the_server(demo_app)
    monkeypatch.setattr(faults, "PING_AFTER_IDLE_SECONDS", idle_for)
    response = officer.get("/procurements/")
    assert response.status_code == answered
    if answered == 503:  # pinged only when idle: the request that finds out says so
        assert "cannot be reached" in response.text and "Traceback" not in response.text
    assert officer.get("/procurements/").status_code == 200
