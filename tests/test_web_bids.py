"""Bids: a contractor submits before the deadline; from the deadline on nobody changes the bid."""

import hashlib
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import EvidenceFile
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.workspace.freeze import snapshot_sha256
from tests.helpers import logged_in


@pytest.fixture
def school(demo_app):
    """The published school procurement: its public token, deadline and Fjordbygg's draft bid."""
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        return {
            "token": procurement.public_token,
            "deadline": procurement.tender_deadline,
            "bid": procurement.tenders[0].id,
        }


def _logged_in(app, role):
    client = logged_in(app, role)
    client.post("/lang/en")
    return client


def _attach(client, bid, target="fuels:F1", content=b"%PDF-1.7 certificate", name="cert.pdf"):
    return client.post(
        f"/bids/{bid}/evidence",
        data={"target": target, "evidence": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_contractor_submits_and_sees_the_state(demo_app, school):
    client = _logged_in(demo_app, "contractor")
    assert (
        client.post(f"/p/{school['token']}/bid")
        .headers["Location"]
        .endswith(f"/bids/{school['bid']}")
    )  # the existing draft, not a second bid
    assert client.post(f"/bids/{school['bid']}/submit").status_code == 302
    dashboard = client.get("/").get_data(as_text=True)
    assert "Submitted" in dashboard and f"/bids/{school['bid']}" in dashboard
    with demo_app.app_context():
        tender = db.session.get(Tender, school["bid"])
        assert tender.status == "submitted" and tender.submitted_at is not None


def test_a_change_after_submitting_makes_it_a_draft_again(demo_app, school):
    client = _logged_in(demo_app, "contractor")
    client.post(f"/bids/{school['bid']}/submit")
    response = client.post(f"/bids/{school['bid']}/entries/machines/M1/copy", follow_redirects=True)
    assert "draft again" in response.get_data(as_text=True)
    with demo_app.app_context():
        assert db.session.get(Tender, school["bid"]).status == "draft"


def test_an_invalid_bid_cannot_be_submitted(demo_app, school):
    client = _logged_in(demo_app, "contractor")
    client.post(
        f"/bids/{school['bid']}/entries/machines/M1",
        data={"id": "M1", "category": "excavator", "energy_carrier": "hvo100", "fuel_id": ""},
    )
    client.post(f"/bids/{school['bid']}/entries/fuels/F1/remove")  # M2 still refers to F1
    response = client.post(f"/bids/{school['bid']}/submit", follow_redirects=True)
    assert "cannot be submitted" in response.get_data(as_text=True)
    with demo_app.app_context():
        assert db.session.get(Tender, school["bid"]).status == "draft"


def test_a_new_bid_takes_over_the_self_assessment(demo_app, school):
    with demo_app.app_context():
        db.session.delete(db.session.get(Tender, school["bid"]))
        db.session.commit()
    client = _logged_in(demo_app, "contractor")
    draft = client.post(f"/p/{school['token']}/self-assessment").headers["Location"]
    client.post(draft + "/entries/machines/new", data={"id": "X1", "category": "excavator"})
    response = client.post(f"/p/{school['token']}/bid", data={"draft": draft.rsplit("/", 1)[1]})
    bid_url = response.headers["Location"]
    page = client.get(bid_url).get_data(as_text=True)
    assert "X1" in page and "Fjordbygg Entreprenør AS" in page


EVIDENCE_CASES = [
    (b"%PDF-1.7 x", "a.pdf", 302, None),
    (b"\x89PNG\r\n\x1a\n" + b"0" * 20, "a.png", 302, None),
    (b"\xff\xd8\xff\xe0" + b"0" * 20, "a.jpg", 302, None),
    (b"MZ\x90\x00 pretending", "a.pdf", 422, "Only PDF, PNG and JPEG"),
    (b"", "a.pdf", 422, "empty"),
    # The limit is lowered in the test (below): spooling megabytes leaks a temporary file.
    (b"%PDF-" + b"0" * 2000, "big.pdf", 422, "larger than 4 MB"),
]


@pytest.mark.parametrize(("content", "name", "status", "message"), EVIDENCE_CASES)
def test_evidence_is_sniffed_and_size_limited(
    demo_app, school, monkeypatch, content, name, status, message
):
    monkeypatch.setattr("checker.web.workspace.evidence.MAX_EVIDENCE_BYTES", 1024)
    client = _logged_in(demo_app, "contractor")
    response = _attach(client, school["bid"], content=content, name=name)
    assert response.status_code == status
    if message:
        assert message in response.get_data(as_text=True)
    else:
        with demo_app.app_context():
            evidence = db.session.scalar(select(EvidenceFile))
            assert evidence.sha256 == hashlib.sha256(content).hexdigest()
            assert evidence.size == len(content)


def test_evidence_can_only_back_fuels_exceptions_and_documents(demo_app, school):
    client = _logged_in(demo_app, "contractor")
    assert _attach(client, school["bid"], target="machines:M1").status_code == 422
    assert _attach(client, school["bid"], target="documents:idling_plan").status_code == 302


def test_another_contractor_never_sees_the_bid(demo_app, school):
    from checker.web.accounts.users import create_user

    with demo_app.app_context():
        create_user(
            "rival@berg.example",
            "Rival",
            "contractor",
            "Berg & Sønn Anlegg AS",
            "923410007",
            "rival-password-2026",
        )
        db.session.commit()
    client = demo_app.test_client()
    client.post("/login", data={"email": "rival@berg.example", "password": "rival-password-2026"})
    for url in ("", "/details", "/list.xlsx", "/entries/machines/M1"):
        assert client.get(f"/bids/{school['bid']}{url}").status_code == 404
    assert client.post(f"/bids/{school['bid']}/submit").status_code == 404
    assert "Nye Bryn" not in client.get("/").get_data(as_text=True)


MUTATIONS = [
    "/upload",
    "/details",
    "/documents",
    "/entries/machines/new",
    "/entries/machines/M1",
    "/entries/machines/M1/copy",
    "/entries/machines/M1/remove",
    "/submit",
    "/evidence",
    "/evidence/{evidence}/remove",
]


@pytest.fixture
def frozen(demo_app, school, travel):
    """Fjordbygg submitted with evidence; then the clock passes the deadline."""
    client = _logged_in(demo_app, "contractor")
    assert _attach(client, school["bid"]).status_code == 302
    assert client.post(f"/bids/{school['bid']}/submit").status_code == 302
    with demo_app.app_context():
        evidence = db.session.scalar(select(EvidenceFile)).id
    travel(school["deadline"] + timedelta(minutes=1))
    return {**school, "evidence": evidence, "contractor": client}


@pytest.mark.parametrize("role", ["contractor", "officer"])
@pytest.mark.parametrize("path", MUTATIONS)
def test_after_the_deadline_nobody_changes_the_bid(demo_app, frozen, role, path):
    client = frozen["contractor"] if role == "contractor" else _logged_in(demo_app, "officer")
    with demo_app.app_context():
        before = db.session.get(Tender, frozen["bid"]).data
    response = client.post(f"/bids/{frozen['bid']}" + path.format(**frozen), data={})
    assert response.status_code == 409
    assert "frozen" in response.get_data(as_text=True)
    with demo_app.app_context():
        tender = db.session.get(Tender, frozen["bid"])
        assert tender.data == before and tender.status == "submitted"
        assert len(tender.evidence) == 1


def test_the_frozen_snapshot_is_hashed_once(demo_app, frozen):
    officer = _logged_in(demo_app, "officer")
    page = officer.get(f"/bids/{frozen['bid']}")  # the buyer reads it now
    assert page.status_code == 200
    with demo_app.app_context():
        tender = db.session.get(Tender, frozen["bid"])
        assert tender.frozen_sha256 == snapshot_sha256(tender)
        recorded, at = tender.frozen_sha256, tender.frozen_at
    assert recorded in page.get_data(as_text=True)
    download = officer.get(f"/bids/{frozen['bid']}/evidence/{frozen['evidence']}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    frozen["contractor"].get(f"/bids/{frozen['bid']}")
    with demo_app.app_context():
        tender = db.session.get(Tender, frozen["bid"])
        assert (tender.frozen_sha256, tender.frozen_at) == (recorded, at)


def test_closing_the_procurement_freezes_its_bids(demo_app, frozen):
    officer = _logged_in(demo_app, "officer")
    assert officer.get("/").status_code == 200  # the dashboard closes expired procurements
    with demo_app.app_context():
        tender = db.session.get(Tender, frozen["bid"])
        assert tender.procurement.state == "closed"
        assert tender.frozen_sha256 == snapshot_sha256(tender)


def test_before_the_deadline_the_buyer_cannot_read_the_bid(demo_app, school):
    contractor = _logged_in(demo_app, "contractor")
    contractor.post(f"/bids/{school['bid']}/submit")
    officer = _logged_in(demo_app, "officer")
    assert officer.get(f"/bids/{school['bid']}").status_code == 404
    assert officer.post(f"/bids/{school['bid']}/entries/machines/M1/remove").status_code == 404


def test_no_new_bid_after_the_deadline(demo_app, school, travel):
    with demo_app.app_context():
        db.session.delete(db.session.get(Tender, school["bid"]))
        db.session.commit()
    travel(school["deadline"] + timedelta(seconds=1))
    client = _logged_in(demo_app, "contractor")
    assert client.post(f"/p/{school['token']}/bid").status_code == 409


def test_draft_routes_need_no_account(client, school):
    draft = client.post(f"/p/{school['token']}/self-assessment").headers["Location"]
    for path in ("", "/details", "/documents", "/list.xlsx", "/list.csv", "/entries/fuels/new"):
        assert client.get(draft + path).status_code == 200, path
    assert (
        client.post(
            draft + "/entries/fuels/new", data={"id": "F1", "product": "hvo100"}
        ).status_code
        == 302
    )
    for path in ("/entries/fuels/F1/copy", "/entries/fuels/F1-2/remove"):
        assert client.post(draft + path).status_code == 302, path
    assert client.post(draft + "/submit").status_code == 404  # drafts are not bids
    assert client.get(draft.replace("/self/", "/bids/")).status_code == 404


def test_the_buyer_goes_from_the_tender_page_to_the_frozen_bid(demo_app, frozen):
    officer = _logged_in(demo_app, "officer")
    officer.get("/")  # closes the procurement
    with demo_app.app_context():
        procurement_id = db.session.get(Tender, frozen["bid"]).procurement_id
    page = officer.get(f"/procurements/{procurement_id}/tenders/{frozen['bid']}").get_data(
        as_text=True
    )
    assert f'href="/bids/{frozen["bid"]}"' in page and "1 file(s)" in page
    bid = officer.get(f"/bids/{frozen['bid']}").get_data(as_text=True)
    assert "Bid from Fjordbygg Entreprenør AS" in bid
    assert "Submit the bid" not in bid and "Upload the machine list" not in bid


def test_evidence_file_names_are_made_safe_for_the_download_header(demo_app, school):
    client = _logged_in(demo_app, "contractor")
    assert _attach(client, school["bid"], name="sertifikat 文件 ø.pdf").status_code == 302
    with demo_app.app_context():
        evidence = db.session.scalar(select(EvidenceFile))
        assert evidence.filename == "sertifikat __ _.pdf"
    response = client.get(f"/bids/{school['bid']}/evidence/{evidence.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="sertifikat __ _.pdf"'


def test_a_bid_changed_behind_the_applications_back_is_flagged(demo_app, frozen):
    officer = _logged_in(demo_app, "officer")
    page = officer.get(f"/bids/{frozen['bid']}").get_data(as_text=True)
    assert "unchanged since the deadline" in page and "Warning" not in page
    with demo_app.app_context():
        tender = db.session.get(Tender, frozen["bid"])
        tender.data = dict(tender.data, price_nok=1)  # as if edited in the database directly
        db.session.commit()
    page = officer.get(f"/bids/{frozen['bid']}").get_data(as_text=True)
    assert "no longer match the hash recorded at the deadline" in page


def test_a_bid_holds_a_bounded_number_of_files(demo_app, school, monkeypatch):
    monkeypatch.setattr("checker.web.workspace.bid_views.MAX_EVIDENCE_FILES", 2)
    client = _logged_in(demo_app, "contractor")
    assert _attach(client, school["bid"]).status_code == 302
    assert _attach(client, school["bid"]).status_code == 302
    response = _attach(client, school["bid"])
    assert response.status_code == 422 and "at most 2 files" in response.get_data(as_text=True)


def test_the_buyer_never_reads_a_contractors_self_declaration(demo_app, school, travel):
    contractor = _logged_in(demo_app, "contractor")
    made = contractor.get(f"/bids/{school['bid']}/self-declaration.pdf?lang=en")
    report_id = int(made.headers["Location"].rsplit("/", 1)[-1])
    assert contractor.get(f"/own-reports/{report_id}").status_code == 200
    anonymous = demo_app.test_client()
    draft = anonymous.post(f"/p/{school['token']}/self-assessment").headers["Location"]
    anonymous.post(
        draft + "/details",
        data={"name": "Ukjent AS", "org_number": "914880009", "price_nok": "1 000 000"},
    )
    anonymous_report = int(
        anonymous.get(draft + "/self-declaration.pdf").headers["Location"].rsplit("/", 1)[-1]
    )
    travel(school["deadline"] + timedelta(minutes=1))  # even once the bids are open
    for role in ("officer", "auditor"):
        buyer = _logged_in(demo_app, role)
        for rid in (report_id, anonymous_report):
            assert buyer.get(f"/reports/{rid}").status_code == 404
            assert buyer.get(f"/reports/{rid}/download").status_code == 404
            assert buyer.get(f"/own-reports/{rid}").status_code == 404
        assert f"/reports/{report_id}" not in buyer.get("/audit/reports").text
