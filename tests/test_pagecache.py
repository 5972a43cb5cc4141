"""Kept pages (checker.web.pagecache): the dashboard and the lists are served again without being
rendered while the data has not changed, and never older than the data."""

from datetime import datetime
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy import select

from checker import clock
from checker.web.extensions import db
from checker.web.models import PageRevision
from checker.web.models import User
from tests.helpers import DETAILS
from tests.helpers import PASSWORDS
from tests.helpers import create_procurement
from tests.helpers import logged_in

LISTS = ["/", "/procurements/", "/procurements/?page=2", "/tenders/"]


class Statements:
    """The SQL statements the app sends while in the block."""

    def __init__(self, app):
        self.app, self.seen = app, []

    def __enter__(self):
        with self.app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_):
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, *rest):
        self.seen.append(statement)


def revision(app):
    with app.app_context():
        return db.session.scalar(select(PageRevision.revision))


@pytest.mark.parametrize("path", LISTS)
def test_a_page_seen_again_is_served_with_one_query_and_the_same_bytes(demo_app, path):
    officer = logged_in(demo_app, "officer")
    officer.get(path)  # shows the login's message, so it is not kept
    first = officer.get(path)
    assert first.status_code == 200
    with Statements(demo_app) as sent:
        again = officer.get(path)
    assert again.status_code == 200 and again.data == first.data
    assert len(sent.seen) == 1 and "page_revision" in sent.seen[0]


def test_without_the_setting_every_page_is_rendered(demo_app):
    demo_app.config["PAGE_CACHE"] = 0
    officer = logged_in(demo_app, "officer")
    officer.get("/procurements/")
    with Statements(demo_app) as sent:
        assert officer.get("/procurements/").status_code == 200
    assert len(sent.seen) >= 3
    assert not any("page_revision" in statement for statement in sent.seen)


def test_a_change_saved_in_another_session_is_on_the_next_page(demo_app):
    reader, writer = logged_in(demo_app, "officer"), logged_in(demo_app, "officer")
    assert DETAILS["reference"] not in reader.get("/procurements/").text
    before = revision(demo_app)
    assert create_procurement(writer).status_code == 302
    assert revision(demo_app) != before
    assert DETAILS["reference"] in reader.get("/procurements/").text


def test_reading_and_failed_logins_leave_the_revision_alone(demo_app):
    before = revision(demo_app)
    officer = logged_in(demo_app, "officer")
    for path in LISTS:
        officer.get(path)
    stranger = demo_app.test_client()
    email, _ = PASSWORDS["officer"]
    assert stranger.post("/login", data={"email": email, "password": "wrong"}).status_code == 422
    assert revision(demo_app) == before


def test_a_change_rolled_back_leaves_the_revision_alone(demo_app):
    before = revision(demo_app)
    with demo_app.app_context():
        user = db.session.scalar(select(User).where(User.email == PASSWORDS["officer"][0]))
        user.name = "Noen andre"
        db.session.flush()
        db.session.rollback()
        db.session.commit()
    assert revision(demo_app) == before


def test_a_message_is_shown_once_and_never_kept(demo_app):
    officer = logged_in(demo_app, "officer")
    officer.get("/procurements/")
    with officer.session_transaction() as session:
        session["_flashes"] = [("info", "Lagret: anskaffelsen er oppdatert.")]
    assert "Lagret: anskaffelsen" in officer.get("/procurements/").text
    assert "Lagret: anskaffelsen" not in officer.get("/procurements/").text


def test_each_language_and_each_user_gets_its_own_page(demo_app):
    officer, auditor = logged_in(demo_app, "officer"), logged_in(demo_app, "auditor")
    assert 'lang="nb"' in officer.get("/procurements/").text
    officer.post("/lang/nn", data={"next": "/procurements/"})
    page = officer.get("/procurements/").text
    assert 'lang="nn"' in page and "Anskaffingar" in page
    officer_name = db_name(demo_app, "officer")
    auditor_page = auditor.get("/procurements/").text
    assert officer_name not in auditor_page and db_name(demo_app, "auditor") in auditor_page


def db_name(app, role):
    with app.app_context():
        return db.session.scalar(select(User.name).where(User.email == PASSWORDS[role][0]))


def test_a_disabled_account_is_out_on_its_next_request(demo_app):
    officer = logged_in(demo_app, "officer")
    assert officer.get("/").status_code == 200
    with demo_app.app_context():
        user = db.session.scalar(select(User).where(User.email == PASSWORDS["officer"][0]))
        user.is_enabled = False
        db.session.commit()
    response = officer.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_kept_page_is_made_again_after_five_minutes(demo_app, travel):
    start = datetime(2026, 12, 1, 9, 0, tzinfo=clock.OSLO)
    travel(start)
    officer = logged_in(demo_app, "officer")
    officer.get("/procurements/")  # the login's message
    officer.get("/procurements/")

    def listed() -> bool:  # the list's own query ran (not only the deadline check's)
        with Statements(demo_app) as sent:
            assert officer.get("/procurements/").status_code == 200
        return any("procurement.reference" in statement for statement in sent.seen)

    travel(start + timedelta(seconds=299))
    assert not listed()
    travel(start + timedelta(seconds=301))
    assert listed()
