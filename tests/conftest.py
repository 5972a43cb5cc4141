import contextlib
import copy
import json
import os
import shutil
import sys

import pytest
from flask_migrate import upgrade
from sqlalchemy import select
from sqlalchemy import text

from checker import clock
from checker.cli import main
from checker.formats.inputs import read_file
from checker.signing.keys import INSTANCE_KEY_FILE
from checker.signing.keys import instance_key
from checker.web import create_app
from checker.web.demo import load_demo
from checker.web.extensions import db
from checker.web.models import Procurement
from tests.helpers import ROOT  # noqa: E402

EXAMPLES = ROOT / "examples"


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run the `checker` command in-process; returns (exit code, stdout, stderr)."""

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["checker", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def school():
    """A fresh copy of the compliant school tender, to change in a test."""
    return copy.deepcopy(read_file(EXAMPLES / "school-compliant.json"))


@pytest.fixture
def write_json(tmp_path):
    def write(data, name="tender.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


# --- web application -------------------------------------------------------------------------

DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _reset_postgres():
    """Empty every table (the schema comes from the migrations, once per session)."""
    tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture(scope="session")
def _postgres_schema(tmp_path_factory):
    if not DATABASE_URL:
        return
    app = create_app(_test_config(tmp_path_factory.mktemp("pg"), DATABASE_URL))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        upgrade(directory=app.extensions["migrate"].directory)
        db.engine.dispose()


def _test_config(folder, url):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        # One limiter serves every test app, so tests keep it on with a limit they never reach.
        "LOGIN_RATE_LIMIT": "100000 per minute",
        # Fast hashing keeps per-test accounts cheap; production keeps the default (scrypt).
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "JOBS": "inline",
        # Tests travel in time across deadlines: sessions there last (test_limits_and_sessions
        # sets the real limits).
        "SESSION_IDLE_MINUTES": 10**6,
        "SESSION_IDLE_MINUTES_CONTRACTOR": 10**6,
        "SESSION_LIFETIME_HOURS": 10**5,
    }


@pytest.fixture(scope="session")
def signing_key_file(tmp_path_factory):
    """One instance key for the test apps: making an RSA key costs a few tenths of a second, so
    each test's instance folder gets a copy instead (tests of making one make their own)."""
    folder = tmp_path_factory.mktemp("signing")
    instance_key(folder, "Eksempel kommune")
    return folder / INSTANCE_KEY_FILE


@pytest.fixture
def app(tmp_path, monkeypatch, _postgres_schema, signing_key_file):
    """A fresh app and database per test: SQLite in a temporary folder, or the test PostgreSQL."""
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path / "instance"))
    (tmp_path / "instance").mkdir(exist_ok=True)
    shutil.copy(signing_key_file, tmp_path / "instance" / INSTANCE_KEY_FILE)
    url = DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite'}"
    app = create_app(_test_config(tmp_path, url))
    with app.app_context():
        if DATABASE_URL:
            _reset_postgres()
        else:
            db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def tamper(app):
    """Run raw SQL on the audit trail as someone with the database owner's rights would: with
    the append-only triggers out of the way (put back afterwards on PostgreSQL, whose schema
    outlives the test)."""

    def run(statement):
        with app.app_context():
            if DATABASE_URL:
                db.session.execute(
                    text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
                )
            else:
                db.session.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_update"))
                db.session.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_delete"))
            db.session.execute(text(statement))
            db.session.commit()

    yield run
    if DATABASE_URL:
        with app.app_context():
            db.session.execute(
                text("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")
            )
            db.session.commit()


@pytest.fixture
def demo_app(app):
    with app.app_context():
        load_demo()
    return app


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


PASSWORDS = {
    "officer": ("officer@kommune.example", "demo-officer-2026"),
    "auditor": ("auditor@kommune.example", "demo-auditor-2026"),
    "admin": ("admin@kommune.example", "demo-admin-2026"),
    "contractor": ("contractor@fjordbygg.example", "demo-contractor-2026"),
}


@pytest.fixture
def login(client):
    def log_in(role):
        email, password = PASSWORDS[role]
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.text
        return client

    return log_in


@pytest.fixture
def street(demo_app):
    """The demo's closed procurement and its tenders' ids by the contractor's first name."""
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "closed"))
        tenders = {t.organisation.name.split()[0]: t.id for t in procurement.tenders}
        return procurement.id, tenders


@pytest.fixture
def travel():
    """Move the product's clock (checker.clock) to a moment, for the rest of the test."""
    with contextlib.ExitStack() as stack:
        yield lambda moment: stack.enter_context(clock.frozen(moment))


# --- e-mail ---------------------------------------------------------------------------------


class Inbox:
    """What a real SMTP server on 127.0.0.1 received, as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        from email import message_from_bytes
        from email import policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp_server():
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1 for the length of a test."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    inbox.port = port
    yield inbox
    controller.stop()


@pytest.fixture
def mail_via_smtp(demo_app, smtp_server):
    """The app sends its mail through the test's SMTP server, without TLS."""
    demo_app.config.update(
        MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=smtp_server.port, MAIL_TLS="none"
    )
    return smtp_server
# --- contract follow-up ----------------------------------------------------------------------

FOLLOWUP = EXAMPLES / "followup"


class Contract:
    """The follow-up example (examples/followup): its files, changed copies of them, and
    `checker followup` run on them."""

    def __init__(self, run_cli, folder):
        self.run_cli, self.folder = run_cli, folder
        self.tailoring = FOLLOWUP / "tailoring.json"
        self.decisions = FOLLOWUP / "decisions.json"
        self.tender_file = FOLLOWUP / "tender.json"

    def tender(self) -> dict:
        return copy.deepcopy(read_file(FOLLOWUP / "tender.json"))

    def period(self, month: str) -> dict:
        return copy.deepcopy(read_file(FOLLOWUP / f"period-2027-{month}.json"))

    def write(self, data, name: str):
        path = self.folder / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    def _file(self, period, index):
        if isinstance(period, str):
            return FOLLOWUP / f"period-2027-{period}.json"
        return self.write(period, f"period-{index}.json")

    def run(self, *periods, tailoring="example", decisions="example", extra=()):
        """`checker followup` on the tender and the periods (a month of the example, or data)."""
        args = ["followup", self.tender_file]
        args += [self._file(period, index) for index, period in enumerate(periods)]
        args += ["--ruleset", "oslo-zero-emission-site"]
        for option, value, default in (
            ("--tailoring", tailoring, self.tailoring),
            ("--decisions", decisions, self.decisions),
        ):
            if value == "example":
                args += [option, default]
            elif isinstance(value, dict):
                args += [option, self.write(value, option.strip("-") + ".json")]
        return self.run_cli(*args, *extra)

    def result(self, *periods, **options):
        """(exit code, the climate-followup/1 JSON)."""
        extra = ("--format", "json", *options.pop("extra", ()))
        code, out, err = self.run(*periods, extra=extra, **options)
        assert code in (0, 1, 3), err
        return code, json.loads(out)


@pytest.fixture
def contract(run_cli, tmp_path):
    return Contract(run_cli, tmp_path)
