"""The audit trail: every change recorded with who, when, before and after; tampering detected."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from checker.audit.chain import GENESIS
from checker.audit.chain import seal
from checker.audit.chain import verify_chain
from checker.audit.chain import verify_excerpt
from checker.web.accounts.users import create_user
from checker.web.audit import recording as audit
from checker.web.audit.trail import verify_stored_chain
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.procurements.deadlines import close_expired
from checker.web.reports.issuing import request_report


def _chain(count):
    entries, prev = [], GENESIS
    for seq in range(1, count + 1):
        entry = seal({"seq": seq, "at": "2026-11-29T10:00:00.000000Z", "kind": "changed"}, prev)
        entries.append(entry)
        prev = entry["hash"]
    return entries


def test_an_intact_chain_verifies():
    result = verify_chain(_chain(5))
    assert result.is_intact and result.checked == 5 and result.head_seq == 5


@pytest.mark.parametrize(
    ("tamper", "broken", "words"),
    [
        (lambda e: e[2].update(kind="deleted"), 3, "edited"),
        (lambda e: e.pop(2), 4, "missing"),
        (lambda e: e[3].update(seal({**e[3], "kind": "x"}, e[3]["prev_hash"])), 5, "cut"),
        (lambda e: e.__setitem__(0, seal(e[0], "f" * 64)), 1, "cut"),
    ],
    ids=["edited", "deleted", "edited-and-resealed", "first-rechained"],
)
def test_tampering_names_the_first_broken_entry(tamper, broken, words):
    entries = _chain(6)
    tamper(entries)
    result = verify_chain(entries)
    assert not result.is_intact
    assert result.broken_seq == broken and words in result.problem


def test_an_excerpt_checks_each_entry_and_reports_its_gaps():
    entries = _chain(8)
    excerpt = [entries[i] for i in (0, 1, 4, 7)]
    result = verify_excerpt(excerpt)
    assert result.is_intact and result.gaps == ((3, 4), (6, 7))
    excerpt[2] = {**excerpt[2], "after": {"state": "awarded"}}
    result = verify_excerpt(excerpt)
    assert result.broken_seq == 5 and "edited" in result.problem


def _entries(app, **where):
    with app.app_context():
        query = select(AuditEntry).order_by(AuditEntry.seq)
        for name, value in where.items():
            query = query.where(getattr(AuditEntry, name) == value)
        return [entry.as_dict() for entry in db.session.scalars(query)]


def test_demo_data_is_recorded_and_the_chain_holds(demo_app):
    created = _entries(demo_app, kind="created")
    tables = {entry["table"] for entry in created}
    assert {"organisation", "user", "procurement", "award_criterion", "tender"} <= tables
    with demo_app.app_context():
        assert verify_stored_chain().is_intact


def test_secrets_are_noted_without_their_values(demo_app):
    user = next(e for e in _entries(demo_app, table="user", kind="created"))
    assert user["after"]["password_hash"] == audit.REDACTED
    assert user["after"]["email"].endswith(".example")
    procurement = _entries(demo_app, table="procurement", kind="created")[0]
    assert procurement["after"]["public_token"] == audit.REDACTED


def test_a_web_change_names_the_officer_and_the_values_before_and_after(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        draft_id, title = draft.id, draft.title
    form = {"title": "Ny tittel", "reference": "2026/0311", "description": "", "cpv": ""}
    assert client.post(f"/procurements/{draft_id}/edit", data=form).status_code == 302
    change = _entries(demo_app, table="procurement", kind="changed")[-1]
    assert change["actor"] == "officer@kommune.example (officer)" and change["actor_id"]
    assert change["row_id"] == str(draft_id) and change["procurement_id"] == draft_id
    assert change["before"]["title"] == title and change["after"]["title"] == "Ny tittel"
    logins = _entries(demo_app, kind="login")
    assert logins[-1]["actor"] == "officer@kommune.example (officer)"


def test_deleted_rows_keep_their_values_and_cascades_are_recorded(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        draft_id = draft.id
    rows = {"criteria-0-name": "Pris", "criteria-0-weight_percent": "100"}
    assert client.post(f"/procurements/{draft_id}/award", data=rows).status_code in (200, 302)
    rows = {"criteria-0-name": "Kvalitet", "criteria-0-weight_percent": "100"}
    assert client.post(f"/procurements/{draft_id}/award", data=rows).status_code in (200, 302)
    deleted = _entries(demo_app, table="award_criterion", kind="deleted")
    assert deleted and deleted[-1]["before"]["name"] == "Pris"
    assert deleted[-1]["procurement_id"] == draft_id


def test_closing_at_the_deadline_is_recorded_as_the_system(demo_app):
    with demo_app.app_context():
        published = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        close_expired(published.tender_deadline + timedelta(seconds=1))
    change = _entries(demo_app, table="procurement", kind="changed")[-1]
    assert change["after"] == {"state": "closed"} and change["before"] == {"state": "published"}
    assert change["actor"].startswith("system")


def test_an_issued_report_is_recorded_with_its_hash_not_its_bytes(demo_app):
    with demo_app.app_context():
        tender = db.session.scalar(select(Tender).where(Tender.status == "submitted"))
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        report = request_report(tender, "compliance", "summary", "nb", officer)
        sha, procurement_id = report.pdf_sha256, tender.procurement_id
    issued = _entries(demo_app, kind="report_issued")[-1]
    assert issued["after"]["pdf_sha256"] == sha and issued["procurement_id"] == procurement_id
    stored = _entries(demo_app, table="issued_report", kind="changed")[-1]
    assert stored["after"]["pdf"]["sha256"] == sha and stored["after"]["pdf"]["size"] > 1000
    assert stored["procurement_id"] == procurement_id


def test_bulk_changes_that_would_bypass_the_trail_are_refused(demo_app):
    from sqlalchemy import update

    with demo_app.app_context():
        with pytest.raises(audit.BulkChangeNotAudited):
            db.session.execute(update(Procurement).values(title="x"))
        db.session.rollback()


def test_the_database_refuses_changes_to_the_trail(demo_app):
    with demo_app.app_context():
        with pytest.raises(DatabaseError):
            db.session.execute(text("UPDATE audit_entry SET kind = 'x' WHERE seq = 1"))
        db.session.rollback()
        with pytest.raises(DatabaseError):
            db.session.execute(text("DELETE FROM audit_entry WHERE seq = 2"))
        db.session.rollback()


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 7", "edited"),
        ("DELETE FROM audit_entry WHERE seq = 7", "missing"),
    ],
    ids=["edited", "deleted"],
)
def test_checker_audit_verify_names_the_first_tampered_entry(
    run_cli, demo_app, monkeypatch, tamper, statement, words
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, out, _ = run_cli("audit", "verify")
    assert code == 0 and "intact" in out
    tamper(statement)
    code, out, _ = run_cli("audit", "verify")
    assert code == 1
    assert "BROKEN at entry" in out and words in out
    assert "entry 7" in out or "entry 8" in out


def test_checker_audit_list_prints_the_newest_entries(run_cli, demo_app, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    code, out, _ = run_cli("audit", "list", "--kind", "created", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3 and "created" in out
    code, out, err = run_cli("audit", "list", "--limit", "0")
    assert code == 2 and "--limit" in err


def test_a_user_created_from_the_command_line_names_the_command(demo_app):
    with demo_app.app_context(), audit.acting_as("cli: checker users create"):
        create_user(
            "ny@kommune.example", "Ny", "auditor", "Eksempel kommune", "944444408", "x" * 12
        )
        db.session.commit()
    entry = _entries(demo_app, table="user", kind="created")[-1]
    assert entry["actor"] == "cli: checker users create" and entry["organisation_id"]


def test_concurrent_writers_never_chain_to_the_same_entry(demo_app, monkeypatch):
    """Two threads, each with its own connection and transactions, append at the same time;
    a pause between reading the newest entry and inserting gives the other every chance."""
    import threading
    import time

    def slow_seal(entry, prev_hash):
        time.sleep(0.01)
        return seal(entry, prev_hash)

    monkeypatch.setattr(audit, "seal", slow_seal)
    errors = []

    def write(label):
        try:
            with demo_app.app_context(), audit.acting_as(label):
                for number in range(15):
                    audit.record("login", "user", number)
                    db.session.commit()
        except Exception as err:  # noqa: BLE001 - reported below with the thread's label
            errors.append(f"{label}: {err!r}")

    threads = [threading.Thread(target=write, args=(f"writer {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with demo_app.app_context():
        result = verify_stored_chain()
        actors = db.session.scalars(select(AuditEntry.actor)).all()
    assert result.is_intact
    assert actors.count("writer 1") == actors.count("writer 2") == 15


def test_entries_removed_from_the_end_are_caught_with_an_expected_entry(
    run_cli, demo_app, monkeypatch, tamper
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    with demo_app.app_context():
        newest = db.session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
        noted = f"{newest.seq}:{newest.hash}"
    assert run_cli("audit", "verify", "--expect", noted)[0] == 0
    tamper(f"DELETE FROM audit_entry WHERE seq = {newest.seq}")
    code, out, _ = run_cli("audit", "verify")
    assert code == 0  # the chain alone cannot see a missing tail ...
    code, out, _ = run_cli("audit", "verify", "--expect", noted)
    assert code == 1 and f"expected entry {newest.seq} is missing" in out  # ... a noted entry can
    code, _, err = run_cli("audit", "verify", "--expect", "7:abc")
    assert code == 2 and "--expect" in err and "64 hex digits" in err
