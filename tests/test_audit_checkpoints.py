"""Sealed entries and signed checkpoints: an entry someone inserts into the database without
the key is caught, the check starts at the newest checkpoint, and a checkpoint never vouches
for a forged entry."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func
from sqlalchemy import select

from checker import clock
from checker.audit.chain import checkpoint_bytes
from checker.audit.chain import iso_time
from checker.audit.chain import seal
from checker.signing.cms import sign_bytes
from checker.signing.keys import instance_key
from checker.web.audit import checkpoints
from checker.web.audit import recording as audit
from checker.web.extensions import db
from checker.web.models import AuditCheckpoint
from checker.web.models import AuditEntry

ENTRIES = AuditEntry.__table__


def _insert_behind_the_systems_back(app, seal_value=None, **changes) -> int:
    """What someone with database access but without the key can do: chain a new entry to the
    newest one, correctly hashed, and INSERT it."""
    with app.app_context():
        head = db.session.execute(select(ENTRIES).order_by(ENTRIES.c.seq.desc()).limit(1)).first()
        moment = clock.now()
        entry = {
            "seq": head.seq + 1,
            "at": iso_time(moment),
            "actor": "officer@kommune.example (officer)",
            "actor_id": 2,
            "kind": "changed",
            "table": "tender",
            "row_id": "3",
            "procurement_id": 3,
            "organisation_id": 1,
            "before": {"status": "submitted"},
            "after": {"status": "rejected"},
        } | changes
        sealed = seal(entry, head.hash)
        row = {
            a.columns[0].key: sealed[a.key]
            for a in AuditEntry.__mapper__.column_attrs
            if a.key != "seal"
        }
        db.session.execute(ENTRIES.insert().values(**(row | {"at": moment, "seal": seal_value})))
        db.session.commit()
        return sealed["seq"]


@pytest.mark.parametrize("seal_value", [None, "ab" * 32], ids=["no-seal", "made-up-seal"])
def test_an_entry_inserted_after_the_last_checkpoint_is_caught(
    demo_app, run_cli, monkeypatch, login, seal_value
):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    assert run_cli("audit", "verify")[0] == 0
    forged = _insert_behind_the_systems_back(demo_app, seal_value)
    code, out, _ = run_cli("audit", "verify")
    assert code == 1 and f"BROKEN at entry {forged}" in out and "no valid seal" in out
    client = login("auditor")
    for url in ("/audit/chain", "/audit/chain?full=1"):
        page = BeautifulSoup(client.get(url).text, "html.parser")
        status = page.select_one("[role=status]").text
        assert f"Brutt ved post {forged}" in status and "gyldig segl" in status
    assert "Hele sporet, for alle virksomheter" in page.text
    code, out, _ = run_cli("audit", "verify", "--full")
    assert code == 1 and f"entry {forged}" in out


def test_a_checkpoint_never_vouches_for_a_forged_entry(demo_app, run_cli, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    forged = _insert_behind_the_systems_back(demo_app)
    code, out, _ = run_cli("audit", "checkpoint")
    assert code == 1 and "does not check out" in out
    with demo_app.app_context():
        demo_app.config["AUDIT_CHECKPOINT_EVERY"] = 1  # the next entry would be checkpointed
        audit.record("login", "user", 1)
        db.session.commit()
        newest = db.session.scalar(select(func.max(AuditCheckpoint.seq)))
    assert newest < forged
    code, out, _ = run_cli("audit", "verify")
    assert code == 1 and f"entry {forged}" in out


def _record(app, count):
    with app.app_context(), audit.acting_as("test"):
        for number in range(count):
            audit.record("login", "user", number)
            db.session.commit()


def test_checkpoints_come_every_n_entries_and_at_least_daily(app, travel):
    app.config["AUDIT_CHECKPOINT_EVERY"] = 5
    _record(app, 12)
    with app.app_context():
        seqs = db.session.scalars(select(AuditCheckpoint.seq).order_by(AuditCheckpoint.seq)).all()
    assert seqs == [1, 6, 11]
    travel(clock.now() + timedelta(hours=25))
    _record(app, 1)
    with app.app_context():
        assert db.session.scalar(select(func.max(AuditCheckpoint.seq))) == 13
        result = checkpoints.verify_from_checkpoint()
    assert result.is_intact and result.checkpoint_seq == 13 and result.chain.checked == 0


def test_the_check_starts_at_the_newest_checkpoint(app):
    app.config["AUDIT_CHECKPOINT_EVERY"] = 5
    _record(app, 13)
    with app.app_context():
        fast = checkpoints.verify_from_checkpoint()
        full = checkpoints.verify_everything()
    assert fast.is_intact and fast.checkpoint_seq == 11 and fast.chain.checked == 2
    assert full.is_intact and full.checkpoints_checked == 3


def test_a_rewritten_trail_before_the_checkpoint_is_caught(app, tamper):
    """Entry 2 changed and every later entry re-chained to fit: the checkpoint no longer
    matches. Entries deleted before it are caught by their count."""
    app.config["AUDIT_CHECKPOINT_EVERY"] = 5
    _record(app, 8)
    with app.app_context():
        entries = [
            e.as_dict() for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        ]
    entries[1]["actor"] = "someone else"
    prev = entries[0]["hash"]
    for entry in entries[1:]:
        entry.update(seal({k: v for k, v in entry.items() if k not in ("hash", "prev_hash")}, prev))
        prev = entry["hash"]
    for entry in entries[1:]:
        tamper(
            f"UPDATE audit_entry SET actor = '{entry['actor']}', prev_hash = '{entry['prev_hash']}', "
            f"hash = '{entry['hash']}' WHERE seq = {entry['seq']}"
        )
    with app.app_context():
        result = checkpoints.verify_from_checkpoint()
    assert (
        not result.is_intact and result.reason == "checkpoint_entry" and result.checkpoint_seq == 6
    )


def test_entries_deleted_before_the_checkpoint_are_caught(app, tamper):
    app.config["AUDIT_CHECKPOINT_EVERY"] = 5
    _record(app, 8)
    tamper("DELETE FROM audit_entry WHERE seq = 3")
    with app.app_context():
        result = checkpoints.verify_from_checkpoint()
        full = checkpoints.verify_everything()
    assert (
        result.reason == "checkpoint_missing" and "1 entries up to checkpoint 6" in result.problem
    )
    assert not full.is_intact and full.chain.broken_seq == 4


def test_an_entry_edited_in_place_before_the_checkpoint_needs_the_full_check(app, tamper):
    """The fast check trusts what the newest checkpoint signed and re-hashes only after it;
    --full re-hashes everything."""
    app.config["AUDIT_CHECKPOINT_EVERY"] = 5
    _record(app, 8)
    tamper("UPDATE audit_entry SET actor = 'someone else' WHERE seq = 3")
    with app.app_context():
        assert checkpoints.verify_from_checkpoint().is_intact
        full = checkpoints.verify_everything()
    assert not full.is_intact and full.chain.broken_seq == 3 and full.chain.reason == "edited"


def test_a_checkpoint_signed_with_another_key_is_caught(app, tmp_path):
    _record(app, 3)
    other = instance_key(tmp_path / "other", "Eksempel kommune")[0]
    with app.app_context():
        head = db.session.execute(select(ENTRIES).order_by(ENTRIES.c.seq.desc()).limit(1)).first()
        moment = clock.now()
        signature = sign_bytes(checkpoint_bytes(head.seq, head.hash, iso_time(moment)), other)
        db.session.execute(
            AuditCheckpoint.__table__.insert().values(
                seq=head.seq,
                hash=head.hash,
                at=moment,
                certificate_sha256=other.fingerprint,
                signature=signature,
            )
        )
        db.session.commit()
        result = checkpoints.verify_from_checkpoint()
    assert result.reason == "checkpoint_signature" and "does not use" in result.problem


def test_a_trail_from_before_entries_were_sealed_gets_its_first_checkpoint(app):
    """Entries written before this version have no seal: upgrading vouches for them once."""
    with app.app_context():
        previous = "0" * 64
        for seq in (1, 2, 3):
            moment = clock.now()
            entry = seal(
                {
                    "seq": seq,
                    "at": iso_time(moment),
                    "actor": "system",
                    "actor_id": None,
                    "kind": "login",
                    "table": "user",
                    "row_id": "1",
                    "procurement_id": None,
                    "organisation_id": None,
                    "before": None,
                    "after": None,
                },
                previous,
            )
            row = {
                a.columns[0].key: entry[a.key]
                for a in AuditEntry.__mapper__.column_attrs
                if a.key != "seal"
            }
            db.session.execute(ENTRIES.insert().values(**row | {"at": moment}))
            previous = entry["hash"]
        db.session.commit()
        assert checkpoints.verify_from_checkpoint().chain.reason == "unsealed"
        made = checkpoints.vouch_for_unsealed_trail(db.session.connection())
        db.session.commit()
        assert made["seq"] == 3 and checkpoints.verify_from_checkpoint().is_intact
        assert checkpoints.vouch_for_unsealed_trail(db.session.connection()) is None  # once
