"""Many users at once: no change is lost, and a stale form is refused with the form kept.

The parallel cases run real requests in threads (one test client, hence one session, each), on
SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
"""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import ExceptionDecision
from checker.web.models import Procurement
from checker.web.models import Tender
from tests.helpers import PASSWORDS
from tests.helpers import in_parallel

PARALLEL = 20


@pytest.fixture
def bid(demo_app):
    """Fjordbygg's draft bid on the demo's published procurement."""
    with demo_app.app_context():
        procurement = db.session.scalar(select(Procurement).where(Procurement.state == "published"))
        return procurement.tenders[0].id


def _client(app, role):
    client = app.test_client()
    email, password = PASSWORDS[role]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    client.post("/lang/en")
    return client


def _machine(machine_id: str, **fields) -> dict:
    return {
        "id": machine_id,
        "category": "excavator",
        "make": "Volvo",
        "model": "EC300E",
        "operating_weight_t": "30",
        "engine_power_kw": "180",
        "energy_carrier": "battery_electric",
        "year": "2024",
        "planned_hours": "400",
        **fields,
    }


def _tender(app, tender_id) -> Tender:
    with app.app_context():
        return db.session.get(Tender, tender_id)


def test_parallel_additions_to_one_bid_are_all_kept(demo_app, bid):
    clients = [_client(demo_app, "contractor") for _ in range(PARALLEL)]
    before = {m["id"] for m in _tender(demo_app, bid).data.get("machines", [])}
    calls = [
        (lambda c=c, n=n: c.post(f"/bids/{bid}/entries/machines/new", data=_machine(f"P{n}")))
        for n, c in enumerate(clients)
    ]
    statuses = [response.status_code for response in in_parallel(calls)]
    assert statuses == [302] * PARALLEL
    tender = _tender(demo_app, bid)
    machines = {m["id"] for m in tender.data["machines"]}
    assert machines == before | {f"P{n}" for n in range(PARALLEL)}
    with demo_app.app_context():
        changes = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table == "tender", AuditEntry.row_id == str(bid))
            .where(AuditEntry.kind == "changed")
            .order_by(AuditEntry.seq)
        ).all()
    # Each change's "before" is the state the previous one left: the trail is a true history.
    with_data = [entry for entry in changes if "data" in (entry.after or {})]
    assert len(with_data) == PARALLEL
    for earlier, later in zip(with_data, with_data[1:], strict=False):
        assert later.before["data"] == earlier.after["data"]


def test_parallel_edits_of_different_machines_are_both_kept(demo_app, bid):
    first, second = _client(demo_app, "contractor"), _client(demo_app, "contractor")
    for client, machine_id in ((first, "A1"), (second, "A2")):
        client.post(f"/bids/{bid}/entries/machines/new", data=_machine(machine_id))
    forms = {
        machine_id: _hidden(client.get(f"/bids/{bid}/entries/machines/{machine_id}"))
        for client, machine_id in ((first, "A1"), (second, "A2"))
    }
    calls = [
        lambda: first.post(
            f"/bids/{bid}/entries/machines/A1", data=_machine("A1", make="Hitachi", **forms["A1"])
        ),
        lambda: second.post(
            f"/bids/{bid}/entries/machines/A2", data=_machine("A2", make="Komatsu", **forms["A2"])
        ),
    ]
    assert [r.status_code for r in in_parallel(calls)] == [302, 302]
    makes = {m["id"]: m["make"] for m in _tender(demo_app, bid).data["machines"]}
    assert (makes["A1"], makes["A2"]) == ("Hitachi", "Komatsu")


def _hidden(response) -> dict:
    """The hidden fields of the page's form (the state the form was made from)."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {field["name"]: field.get("value", "") for field in soup.select("input[name=basis]")}


def test_a_stale_edit_of_the_same_machine_is_refused_and_the_form_kept(demo_app, bid):
    first, second = _client(demo_app, "contractor"), _client(demo_app, "contractor")
    first.post(f"/bids/{bid}/entries/machines/new", data=_machine("S1"))
    seen_first = _hidden(first.get(f"/bids/{bid}/entries/machines/S1"))
    seen_second = _hidden(second.get(f"/bids/{bid}/entries/machines/S1"))
    url = f"/bids/{bid}/entries/machines/S1"
    assert first.post(url, data=_machine("S1", make="Hitachi", **seen_first)).status_code == 302
    refused = second.post(url, data=_machine("S1", make="Komatsu", **seen_second))
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "changed by someone else" in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("input[name=make]")["value"] == "Komatsu"  # what was typed is kept
    makes = {m["id"]: m["make"] for m in _tender(demo_app, bid).data["machines"]}
    assert makes["S1"] == "Hitachi"
    # Sent again from the refused form (which now knows the new state), it is applied.
    again = second.post(url, data=_machine("S1", make="Komatsu", **_hidden(refused)))
    assert again.status_code == 302
    assert {m["id"]: m["make"] for m in _tender(demo_app, bid).data["machines"]}["S1"] == "Komatsu"


def test_removing_what_someone_else_removed_says_so(demo_app, bid):
    first, second = _client(demo_app, "contractor"), _client(demo_app, "contractor")
    first.post(f"/bids/{bid}/entries/machines/new", data=_machine("R1"))
    assert first.post(f"/bids/{bid}/entries/machines/R1/remove").status_code == 302
    again = second.post(f"/bids/{bid}/entries/machines/R1/remove", follow_redirects=True)
    assert "already removed" in again.get_data(as_text=True)


def test_stale_details_form_is_refused_with_the_input_kept(demo_app, bid):
    first, second = _client(demo_app, "contractor"), _client(demo_app, "contractor")
    seen_first = _hidden(first.get(f"/bids/{bid}/details"))
    seen_second = _hidden(second.get(f"/bids/{bid}/details"))
    assert (
        first.post(f"/bids/{bid}/details", data={"price_nok": "1000", **seen_first}).status_code
        == 302
    )
    refused = second.post(f"/bids/{bid}/details", data={"price_nok": "2000", **seen_second})
    assert refused.status_code == 409
    assert "changed by someone else" in refused.get_data(as_text=True)
    soup = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    assert soup.select_one("input[name=price_nok]")["value"] == "2000"
    assert _tender(demo_app, bid).data["price_nok"] == 1000


def test_adding_machines_does_not_make_a_details_form_stale(demo_app, bid):
    first, second = _client(demo_app, "contractor"), _client(demo_app, "contractor")
    seen = _hidden(second.get(f"/bids/{bid}/details"))
    first.post(f"/bids/{bid}/entries/machines/new", data=_machine("D1"))
    assert second.post(f"/bids/{bid}/details", data={"price_nok": "5", **seen}).status_code == 302


def _basis_of(response, name="basis") -> str:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return soup.select_one(f"input[name={name}]")["value"]


def test_a_decision_made_from_a_stale_page_is_refused(demo_app, street):
    procurement_id, tenders = street
    first, second = _client(demo_app, "officer"), _client(demo_app, "officer")
    run = first.post(f"/procurements/{procurement_id}/evaluation/run")
    assert run.status_code == 303
    question = (
        f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/question"
        "?rule=compact-machines-zero-emission&item=M2"
    )
    seen = {c: _basis_of(c.get(question), "decision-E1-basis") for c in (first, second)}

    def decide(client, decision, **fields):
        data = {"key": "E1", "rule": "compact-machines-zero-emission", "item": "M2"}
        data |= {"decision-E1-basis": seen[client], "decision-E1-decision": decision}
        data |= {f"decision-E1-{name}": value for name, value in fields.items()}
        url = f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/decision"
        return client.post(url, data=data)

    approved = decide(first, "approved", legal_basis="Kontrakt 4.2", reason="Godt dokumentert.")
    assert approved.status_code == 303
    refused = decide(second, "rejected", reason="Ikke godt nok.")
    assert refused.status_code == 409
    page = BeautifulSoup(refused.get_data(as_text=True), "html.parser")
    assert "changed by someone else" in page.text
    assert page.select_one("#decision-E1-reason").text.strip() == "Ikke godt nok."
    with demo_app.app_context():
        decisions = db.session.scalars(
            select(ExceptionDecision).where(ExceptionDecision.tender_id == tenders["Fjordbygg"])
        ).all()
        assert [d.decision for d in decisions] == ["approved"]


def test_parallel_decisions_on_one_request_keep_one_and_refuse_the_other(demo_app, street):
    procurement_id, tenders = street
    officers = [_client(demo_app, "officer") for _ in range(2)]
    officers[0].post(f"/procurements/{procurement_id}/evaluation/run")
    question = (
        f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/question"
        "?rule=compact-machines-zero-emission&item=M2"
    )
    basis = _basis_of(officers[0].get(question), "decision-E1-basis")
    url = f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/decision"
    data = {
        "key": "E1",
        "rule": "compact-machines-zero-emission",
        "item": "M2",
        "decision-E1-basis": basis,
        "decision-E1-decision": "rejected",
        "decision-E1-reason": "Ikke godt nok.",
    }
    statuses = sorted(
        r.status_code for r in in_parallel([lambda c=c: c.post(url, data=data) for c in officers])
    )
    assert statuses == [303, 409]


def test_a_stale_procurement_form_is_refused_with_the_input_kept(demo_app):
    first, second = _client(demo_app, "officer"), _client(demo_app, "officer")
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        url, fields = (
            f"/procurements/{draft.id}/edit",
            {
                "title": draft.title,
                "reference": draft.reference,
                "description": draft.description,
            },
        )
    seen = {c: _basis_of(c.get(url)) for c in (first, second)}
    assert (
        first.post(url, data={**fields, "title": "Ny tittel", "basis": seen[first]}).status_code
        == 302
    )
    refused = second.post(url, data={**fields, "title": "Annen tittel", "basis": seen[second]})
    assert refused.status_code == 409
    assert (
        BeautifulSoup(refused.text, "html.parser").select_one("#title")["value"] == "Annen tittel"
    )
    with demo_app.app_context():
        assert db.session.get(Procurement, draft.id).title == "Ny tittel"
