"""Word to the contractor by e-mail, through a real SMTP server on 127.0.0.1: the receipt, the
deadline notice and the outcome; every notice recorded, the officer sees which went out."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.clock import OSLO
from checker.formats.tender import tender_sha256
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import Notice
from checker.web.models import Tender

CONTRACTOR = "contractor@fjordbygg.example"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def ready_bid(demo_app, school):
    """The demo contractor's draft bid with its last problem fixed: ready to submit."""
    with demo_app.app_context():
        bid = db.session.scalar(select(Tender).where(Tender.status == "draft"))
        bid.data = dict(bid.data, machines=school["machines"])
        db.session.commit()
        return bid.id, bid.procurement.tender_deadline


def _submit(client, bid_id):
    response = client.post(f"/bids/{bid_id}/submit")
    assert response.status_code == 302
    return response


def test_a_submission_gets_a_receipt_page_and_e_mail_with_hash_and_time(
    login, demo_app, ready_bid, mail_via_smtp
):
    client = login("contractor")
    bid_id, _ = ready_bid
    response = _submit(client, bid_id)
    assert response.headers["Location"].endswith(f"/bids/{bid_id}/receipt")
    with demo_app.app_context():
        tender = db.session.get(Tender, bid_id)
        sha = tender_sha256(tender.data)
        day = tender.submitted_at.astimezone(OSLO).strftime("%d.%m.%Y")
    page = soup(client.get(response.headers["Location"]))
    assert sha in page.select_one(".receipt").get_text()

    [mail] = mail_via_smtp.to(CONTRACTOR)
    body = mail.get_content()
    assert "Tilbud levert" in mail["Subject"] and "Bid submitted" in mail["Subject"]
    assert sha in body and f"Levert: {day}" in body and f"Submitted: {day}" in body
    assert "(norsk tid)" in body and "Nye Bryn skole" in body
    with demo_app.app_context():
        notice = db.session.scalar(select(Notice))
        assert (notice.kind, notice.recipient, notice.tender_id) == ("receipt", CONTRACTOR, bid_id)
        assert notice.sent_at is not None and notice.problem is None
        entries = db.session.scalars(
            select(AuditEntry.kind).where(AuditEntry.table == "notice")
        ).all()
        assert entries == ["created", "changed"]  # recorded, then marked sent


def test_the_deadline_freezes_the_bid_and_the_contractor_is_told(
    login, demo_app, ready_bid, mail_via_smtp, travel
):
    client = login("contractor")
    bid_id, deadline = ready_bid
    _submit(client, bid_id)
    travel(deadline + timedelta(minutes=5))
    assert client.get("/").status_code == 200  # the first page after the deadline closes it
    frozen = [m for m in mail_via_smtp.to(CONTRACTOR) if "frozen" in m["Subject"]]
    assert len(frozen) == 1
    body = frozen[0].get_content()
    with demo_app.app_context():
        frozen_sha = db.session.get(Tender, bid_id).frozen_sha256
    assert frozen_sha in body and "ingen kan endre det" in body
    client.get("/")
    assert len([m for m in mail_via_smtp.to(CONTRACTOR) if "frozen" in m["Subject"]]) == 1

    officer = login("officer")
    officer.post("/lang/en")
    with demo_app.app_context():
        procurement_id = db.session.get(Tender, bid_id).procurement_id
    rows = soup(officer.get(f"/procurements/{procurement_id}/evaluation")).select("#notices tr")
    kinds = [r.td.get_text() for r in rows[1:]]
    assert kinds == ["Deadline passed, bid frozen", "Receipt for the submitted bid"]
    assert all(r.select_one(".notice-sent") for r in rows[1:])


def test_the_outcome_goes_to_every_tenderer_who_can_be_told(login, demo_app, mail_via_smtp, street):
    from tests.helpers import award_the_demo

    client = login("officer")
    procurement_id, oslo = award_the_demo(client, demo_app)
    [mail] = [m for m in mail_via_smtp.to(CONTRACTOR) if "Outcome of the award" in m["Subject"]]
    body = mail.get_content()
    assert "Kontrakten er tildelt Oslo Grunnarbeid AS." in body
    assert "The contract is awarded to Oslo Grunnarbeid AS." in body
    assert "Your tender was ranked 2 of 2." in body
    assert "Høyest samlet poengsum." in body  # the buyer's justification
    assert "FOA § 25-2" in body and "Karensperiode" in body
    with demo_app.app_context():
        notices = db.session.scalars(select(Notice).where(Notice.kind == "outcome")).all()
        told = {n.organisation.name: (n.recipient, bool(n.sent_at), n.problem) for n in notices}
    assert told["Fjordbygg Entreprenør AS"] == (CONTRACTOR, True, None)
    # The other tenderers have no user account: recorded as not told, never silently skipped.
    for name in ("Oslo Grunnarbeid AS", "Berg & Sønn Anlegg AS", "Vestlandsgraving AS"):
        assert told[name] == ("", False, "no user account")
    client.post("/lang/en")
    page = soup(client.get(f"/procurements/{procurement_id}/evaluation"))
    failed = [span.get_text() for span in page.select("#notices .notice-failed")]
    assert len(failed) == 3 and all("has no user account" in text for text in failed)


def test_the_winner_hears_it_won(login, demo_app, mail_via_smtp, street):
    from tests.helpers import ready_to_conclude

    client = login("officer")
    procurement_id, tenders = street
    ready_to_conclude(client, demo_app, procurement_id, tenders, "9")
    base = f"/procurements/{procurement_id}/evaluation"
    client.post(f"{base}/conclude")
    client.post(
        f"{base}/award",
        data={"tender": tenders["Fjordbygg"], "justification": "Best på klima, nær i pris."},
    )
    [mail] = [m for m in mail_via_smtp.to(CONTRACTOR) if "Awarded to you" in m["Subject"]]
    assert "Kontrakten er tildelt dere." in mail.get_content()


def test_a_mail_server_that_is_down_never_stops_the_submission(
    login, demo_app, ready_bid, smtp_server
):
    demo_app.config.update(
        MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=1, MAIL_TLS="none", MAIL_TIMEOUT=2
    )
    client = login("contractor")
    bid_id, _ = ready_bid
    _submit(client, bid_id)
    with demo_app.app_context():
        assert db.session.get(Tender, bid_id).status == "submitted"
        notice = db.session.scalar(select(Notice))
        assert notice.sent_at is None and "ConnectionRefusedError" in notice.problem


def test_without_a_mail_server_mail_goes_to_the_instance_folder_and_its_page(
    login, demo_app, ready_bid
):
    client = login("contractor")
    bid_id, _ = ready_bid
    _submit(client, bid_id)
    page = soup(client.get("/dev/mail/"))
    link = page.select_one("tbody a")
    assert "Tilbud levert" in link.get_text()
    message = soup(client.get(link["href"]))
    assert "SHA-256" in message.select_one("pre.mail-body").get_text()
    remote = demo_app.test_client()
    assert remote.get("/dev/mail/", environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 404
    demo_app.config["MAIL_BACKEND"] = "smtp"
    assert client.get("/dev/mail/").status_code == 404  # with a real server there is no page


@pytest.fixture
def starttls_server(tmp_path, smtp_server):
    """A second SMTP server that demands STARTTLS, with a certificate made for 127.0.0.1."""
    import socket
    import ssl
    import subprocess

    from aiosmtpd.controller import Controller

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        smtp_server, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    yield port, cert
    controller.stop()


def test_mail_goes_out_over_starttls_to_a_server_whose_certificate_is_trusted(
    login, demo_app, ready_bid, smtp_server, starttls_server
):
    port, cert = starttls_server
    demo_app.config.update(
        MAIL_BACKEND="smtp", MAIL_HOST="127.0.0.1", MAIL_PORT=port, MAIL_TLS="starttls"
    )
    client = login("contractor")
    bid_id, _ = ready_bid
    demo_app.config["MAIL_CA_FILE"] = ""  # the certificate is nobody's the system trusts
    _submit(client, bid_id)
    with demo_app.app_context():
        refused = db.session.scalar(select(Notice))
        assert refused.sent_at is None and "CERTIFICATE_VERIFY_FAILED" in refused.problem
    assert smtp_server.messages == []
    demo_app.config["MAIL_CA_FILE"] = str(cert)
    client.post(f"/bids/{bid_id}/details", data={"price_nok": "2 000"})  # a draft again
    _submit(client, bid_id)
    assert len(smtp_server.to(CONTRACTOR)) == 1


def test_a_command_that_closes_a_procurement_sends_its_notices(
    demo_app, ready_bid, smtp_server, run_cli, monkeypatch, travel
):
    bid_id, deadline = ready_bid
    with demo_app.app_context():
        procurement_id = db.session.get(Tender, bid_id).procurement_id
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("CHECKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CHECKER_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("CHECKER_SMTP_TLS", "none")
    travel(deadline + timedelta(hours=1))
    code, _out, err = run_cli("ocds", procurement_id)  # the export closes what has expired
    assert code == 0, err
    [frozen] = smtp_server.to(CONTRACTOR)
    assert "frozen as a draft" in frozen.get_content()  # the demo bid was never submitted
    with demo_app.app_context():
        notice = db.session.scalar(select(Notice).where(Notice.kind == "bid_frozen"))
        assert notice.sent_at is not None
