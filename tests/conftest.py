import contextlib
import copy
import json
import secrets
import shutil
import sys
import tempfile
import weakref
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import Engine

from checker import clock
from checker.cli import main
from checker.formats.inputs import read_file
from checker.signing.keys import INSTANCE_KEY_FILE
from checker.signing.keys import instance_key
from checker.web import create_app
from checker.web.demo import load_demo
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.models import Procurement
from tests.helpers import DATABASE_URL
from tests.helpers import EXAMPLES
from tests.helpers import FOLLOWUP
from tests.helpers import PASSWORDS
from tests.helpers import api_contract  # noqa: F401 - a fixture
from tests.helpers import app_config
from tests.helpers import make_procurement  # noqa: F401 - fixtures, offered to every test
from tests.helpers import make_tender  # noqa: F401
from tests.helpers import reported  # noqa: F401


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


class Snapshots:
    """Database states made once per session and put back for each test that needs them.

    SQLite: a state is a copy of the database file, put back by copying the file. PostgreSQL
    (one database, the schema from the migrations): a state is a copy of every table in a schema
    of its own plus the sequences' positions; putting it back deletes every row (the audit
    trail's append-only trigger held off for that), inserts the copies and sets the sequences,
    in one transaction. Rows, hash chain, sequences and triggers are then exactly those of the
    state as it was made, which is the point: tests verify the chain."""

    def __init__(self, folder):
        self.folder = folder
        self.values = {"empty": None}  # state name -> what building it returned
        self.restore_sql = {}  # PostgreSQL: state name -> the script that puts it back

    def take(self, name, app, build, base="demo"):
        """Put state `name` into the app's database and return what building it returned.

        The first time, the database is set to state `base` and build() makes the state from
        there; it must return only what the database holds (ids, bytes), nothing tied to the
        test (clients, paths). Everything the test had in its database before is replaced, so
        a fixture that takes a state comes first among those that change the database."""
        if name in self.values:
            self.restore(name, app)
        else:
            self.restore(base, app)
            value = build()
            self.save(name, app)
            self.values[name] = value
        return self.values[name]

    def save(self, name, app):
        with app.app_context():
            db.session.remove()
            if DATABASE_URL:
                self.restore_sql[name] = _copy_tables(f"snapshot_{name}")
            else:
                db.engine.dispose()
                shutil.copyfile(db.engine.url.database, self.folder / f"{name}.sqlite")

    def restore(self, name, app):
        with app.app_context():
            db.session.remove()
            if DATABASE_URL:
                db.session.execute(text(self.restore_sql[name]))
                db.session.commit()
            else:
                db.engine.dispose()
                shutil.copyfile(self.folder / f"{name}.sqlite", db.engine.url.database)

    def drop(self):
        """Remove the copy schemas the states left in the PostgreSQL database."""
        if not DATABASE_URL:
            return
        schemas = ", ".join(f'"snapshot_{name}"' for name in self.restore_sql)
        if schemas:
            db.session.execute(text(f"DROP SCHEMA IF EXISTS {schemas} CASCADE"))
            db.session.commit()


def _copy_tables(schema: str) -> str:
    """Copy every table into `schema`; returns the script that puts the copies back."""
    tables = db.metadata.sorted_tables
    statements = [f'DROP SCHEMA IF EXISTS "{schema}" CASCADE', f'CREATE SCHEMA "{schema}"']
    statements += [f'CREATE TABLE "{schema}"."{t.name}" AS TABLE "{t.name}"' for t in tables]
    db.session.execute(text("; ".join(statements)))
    sequences = db.session.scalars(
        text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
    ).all()
    positions = {
        name: db.session.execute(text(f'SELECT last_value, is_called FROM "{name}"')).one()
        for name in sequences
    }
    db.session.commit()
    # DELETE, not TRUNCATE: TRUNCATE makes new files for every table and takes 20 times longer.
    # The append-only tables (the trail and its checkpoints) refuse deletes: held off meanwhile.
    append_only = ("audit_entry", "audit_checkpoint")
    script = [f"ALTER TABLE {name} DISABLE TRIGGER USER" for name in append_only]
    script += [f'DELETE FROM "{t.name}"' for t in reversed(tables)]
    script += [f"ALTER TABLE {name} ENABLE TRIGGER USER" for name in append_only]
    for table in tables:
        columns = ", ".join(f'"{column.name}"' for column in table.columns)
        script.append(
            f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} FROM "{schema}"."{table.name}"'
        )
    script += [
        f"SELECT setval('\"{name}\"', {value}, {'true' if called else 'false'})"
        for name, (value, called) in positions.items()
    ]
    return "; ".join(script)


def _in_context(app, function):
    with app.app_context():
        return function()


@pytest.fixture(scope="session")
def snapshots(tmp_path_factory):
    """The empty schema and the demo data, made once per session (PostgreSQL: the schema from
    the migrations, as in production)."""
    folder = tmp_path_factory.mktemp("snapshots")
    states = Snapshots(folder)
    app = _make_app(folder)
    with app.app_context():
        if DATABASE_URL:
            db.drop_all()
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            upgrade(directory=app.extensions["migrate"].directory)
        else:
            db.create_all()
    states.save("empty", app)
    states.take("demo", app, lambda: _in_context(app, load_demo), base="empty")
    yield states
    with app.app_context():
        states.drop()
        db.session.remove()
        db.engine.dispose()


# A test database need not survive a power cut, so its commits do not wait for the disk: on
# SQLite a commit then takes 0.2 ms instead of 5 ms here, on PostgreSQL 0.7 ms instead of 1 to 2.
# Locking, transactions and what other connections see are unchanged.
def _without_fsync(connection, _record):
    connection.execute("PRAGMA synchronous = OFF")


WITHOUT_COMMIT_WAIT = {
    "connect_args": {"options": "-c synchronous_commit=off"},
}


_SHARED_KEYS: list[Path] = []


def _instance_keys() -> Path:
    """One signing key and one audit seal key for every test app of the session: the saved
    database states carry checkpoints and seals made with them, and making an RSA key costs a
    few tenths of a second (tests of making a key, or of another instance, make their own)."""
    if not _SHARED_KEYS:
        folder = Path(tempfile.mkdtemp(prefix="checker-test-keys-"))
        instance_key(folder, "Eksempel kommune")
        (folder / "audit_seal_key").write_text(secrets.token_hex(32), encoding="utf-8")
        _SHARED_KEYS.append(folder)
    return _SHARED_KEYS[0]


def _make_app(folder):
    """A test app with its instance folder and (SQLite) its database file in `folder`."""
    instance = folder / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    for name in (INSTANCE_KEY_FILE, "audit_seal_key"):
        shutil.copy(_instance_keys() / name, instance / name)
    url = DATABASE_URL or f"sqlite:///{folder / 'test.sqlite'}"
    config = app_config(folder, url)
    if DATABASE_URL:
        config["SQLALCHEMY_ENGINE_OPTIONS"] = WITHOUT_COMMIT_WAIT
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHECKER_INSTANCE_PATH", str(folder / "instance"))
        app = create_app(config)
    if not DATABASE_URL:
        with app.app_context():
            event.listen(db.engine, "connect", _without_fsync)
    return app


class Apps:
    """Test apps, made by create_app, lent to one test at a time.

    Making an app compiles every route, and its first use every template: a third of the suite's
    time when each test made its own. So a test gets the app the test before it had, unless that
    test changed the app's settings; that is also the only way a test starts work in the
    background (JOBS), so work still running never reaches
    another test's database: such an app retires with its database file, and its connections
    are closed only at the end of the session, after anything it started has finished. A lent
    app has its settings as made and the login limiter's counts cleared; the app fixture puts
    its database in the state the test asks for."""

    def __init__(self, folders):
        self.folders = folders
        self.idle = None  # (app, its settings as made)
        self.retired = []
        self.lent = []

    def lend(self):
        if self.idle is None:
            self.idle = self._make()
        lent, self.idle = self.idle, None
        self.lent = [lent[0]]
        limiter.reset()
        return lent

    def give_back(self, app, settings):
        self.lent = []
        if dict(app.config) != settings:
            self.retired.append(app)
            return
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        self.idle = app, settings

    def close(self):
        for app in self.retired + ([self.idle[0]] if self.idle else []):
            with app.app_context():
                db.engine.dispose()

    def engines(self):
        """The engines of the apps this keeps, lent or not; theirs close as give_back says."""
        apps = self.retired + self.lent + ([self.idle[0]] if self.idle else [])
        engines = set()
        for app in apps:
            with app.app_context():
                engines.add(db.engine)
        return engines

    def _make(self):
        app = _make_app(self.folders.mktemp("app"))
        return app, copy.deepcopy(dict(app.config))


# Every engine a test makes beside the lent apps (an app of its own, the command line's), so its
# PostgreSQL connections are closed when the test ends rather than whenever the garbage
# collector finds them, as a warning that fails a later, unrelated test.
_engines: "weakref.WeakSet[Engine]" = weakref.WeakSet()


@event.listens_for(Engine, "engine_connect")
def _remember_engine(connection):
    _engines.add(connection.engine)


@pytest.fixture(autouse=True)
def _close_stray_engines(_apps):
    yield
    kept = _apps.engines()
    for engine in list(_engines):
        if engine.dialect.name == "postgresql" and engine not in kept:
            engine.dispose()


@pytest.fixture(scope="session")
def _apps(tmp_path_factory):
    apps = Apps(tmp_path_factory)
    yield apps
    apps.close()


@pytest.fixture
def app(tmp_path, monkeypatch, snapshots, _apps):
    """The app with an empty database, for this test alone: SQLite, or the test PostgreSQL
    (TEST_DATABASE_URL). The test may change its settings (app.config)."""
    app, settings = _apps.lend()
    # The command line run in the test sees the app's own instance: its signing key, its files.
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", app.instance_path)
    snapshots.restore("empty", app)
    yield app
    _apps.give_back(app, settings)


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
def demo_app(app, snapshots):
    """The app with the demo data (checker.web.demo), as loaded once for the session."""
    snapshots.restore("demo", app)
    return app


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


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
