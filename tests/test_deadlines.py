"""Closing at the deadline happens before any request, whichever page it is, and costs no query
while no deadline can have passed."""

import json
import zipfile
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy import text

from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.procurements.deadlines import RECHECK


def _published(demo_app):
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        return procurement.id, procurement.tender_deadline


def _state(demo_app, procurement_id):
    with demo_app.app_context():
        return db.session.get(Procurement, procurement_id).state


def _queries(demo_app, client, path) -> list[str]:
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with demo_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_page_that_reads_nothing_still_closes_the_procurement_after_its_deadline(
    demo_app, travel
):
    procurement_id, deadline = _published(demo_app)
    client = demo_app.test_client()
    assert client.get("/health").status_code == 200
    assert _state(demo_app, procurement_id) == "published"
    travel(deadline + timedelta(seconds=1))
    assert client.get("/health").status_code == 200
    assert _state(demo_app, procurement_id) == "closed"
    with demo_app.app_context():
        bids = db.session.scalars(select(Tender).where(Tender.procurement_id == procurement_id))
        assert all(bid.frozen_sha256 for bid in bids)
        closing = db.session.scalar(
            select(AuditEntry)
            .where(AuditEntry.table == "procurement", AuditEntry.row_id == str(procurement_id))
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
        assert closing.after == {"state": "closed"} and closing.actor.startswith("system")


def test_no_query_is_made_while_no_deadline_can_have_passed(demo_app, travel):
    _procurement_id, deadline = _published(demo_app)
    travel(deadline - timedelta(days=1))
    client = demo_app.test_client()
    assert _queries(demo_app, client, "/health")  # the first request learns the next deadline
    assert _queries(demo_app, client, "/health") == []


def _watching(demo_app, travel):
    """A day before the published procurement's deadline, after a request has learnt it."""
    procurement_id, deadline = _published(demo_app)
    start = deadline - timedelta(days=1)
    travel(start)
    client = demo_app.test_client()
    client.get("/health")
    return client, procurement_id, start


def test_a_deadline_another_process_set_is_seen_within_the_recheck_interval(demo_app, travel):
    client, procurement_id, start = _watching(demo_app, travel)
    # Another worker moves the deadline: this app's session never sees the change.
    with demo_app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE procurement SET tender_deadline = :at WHERE id = :id"),
            {"at": start + timedelta(seconds=1), "id": procurement_id},
        )
    travel(start + RECHECK - timedelta(seconds=1))
    client.get("/health")
    assert _state(demo_app, procurement_id) == "published"  # not asked again yet
    travel(start + RECHECK)
    client.get("/health")
    assert _state(demo_app, procurement_id) == "closed"


def test_a_procurement_changed_here_is_seen_at_once(demo_app, travel):
    client, procurement_id, start = _watching(demo_app, travel)
    with demo_app.app_context():
        db.session.get(Procurement, procurement_id).tender_deadline = start + timedelta(seconds=1)
        db.session.commit()
    travel(start + timedelta(seconds=2))
    client.get("/health")
    assert _state(demo_app, procurement_id) == "closed"


def test_the_command_line_closes_before_it_exports(
    run_cli, demo_app, monkeypatch, travel, tmp_path
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    procurement_id, deadline = _published(demo_app)
    travel(deadline + timedelta(seconds=1))
    code, _out, err = run_cli("dossier", "export", procurement_id, "-o", tmp_path / "d.zip")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "d.zip") as dossier:
        assert json.loads(dossier.read("procurement.json"))["state"] == "closed"
