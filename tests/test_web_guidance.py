"""The pages lead the way: steps that cannot be undone are asked for once more, the review queue
goes on to its next question, lists can be searched with their pages kept, the audit trail reads
as tables, and a frozen bid advises nothing it can no longer do."""

from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker import clock
from checker.web.extensions import db
from checker.web.models import AuditEntry
from checker.web.models import AwardCriterion
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.procurements import workflow


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def publishable(demo_app):
    """The demo's draft made ready to publish: rule set, deadline and award model."""
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        draft.tender_deadline = clock.now() + timedelta(days=20)
        workflow.choose_ruleset(draft, workflow.library().get("dfo-fossil-free-site"), "basis")
        draft.criteria = [
            AwardCriterion(
                position=i,
                name=name,
                weight_percent=Decimal(weight),
                is_climate_environment=climate,
                scoring=scoring,
            )
            for i, (name, weight, climate, scoring) in enumerate(
                [("Pris", 70, False, "price"), ("Klima og miljø", 30, True, "rules")]
            )
        ]
        db.session.commit()
        return draft.id


def test_publishing_is_asked_for_once_more_saying_what_is_fixed(login, demo_app, publishable):
    client = login("officer")
    client.post("/lang/en")
    show = soup(client.get(f"/procurements/{publishable}"))
    assert not show.select(f'form[action="/procurements/{publishable}/publish"]')  # no one click
    confirm = show.find("a", href=f"/procurements/{publishable}/publish")
    page = soup(client.get(confirm["href"]))
    text = page.select_one(".confirm").get_text(" ", strip=True)
    assert "cannot be undone" in text and "award model" in text
    assert (
        page.select_one(".confirm code.hash").get_text()
        == workflow.library().get("dfo-fossil-free-site").sha256
    )
    with demo_app.app_context():
        assert db.session.get(Procurement, publishable).state == "draft"  # asking changed nothing
    form = page.select_one(f'form[action="/procurements/{publishable}/publish"]')
    assert form.find("button").get_text() == "Yes, publish the procurement"
    assert client.post(form["action"]).status_code == 302
    with demo_app.app_context():
        assert db.session.get(Procurement, publishable).state == "published"


def test_a_draft_not_ready_is_not_offered_for_publishing(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement.id).where(Procurement.state == "draft"))
    response = client.get(f"/procurements/{draft}/publish")
    assert response.status_code == 302
    assert soup(client.get(response.headers["Location"])).select(".flash-error")


def _judge_from_queue(client, procurement_id, tender_id, key, item):
    data = {
        "key": key,
        "rule": "compact-machines-zero-emission",
        "item": item,
        "queue": "1",
        f"decision-{key}-decision": "approved",
        f"decision-{key}-legal_basis": "Kontraktens punkt 4.2",
        f"decision-{key}-reason": "Dokumentasjonen er tilstrekkelig.",
    }
    return client.post(f"/procurements/{procurement_id}/tenders/{tender_id}/decision", data=data)


def _run(client, procurement_id):
    assert client.post(f"/procurements/{procurement_id}/evaluation/run").status_code == 303


def test_the_queue_goes_on_to_its_next_question_and_says_how_many_remain(login, street):
    client = login("officer")
    client.post("/lang/en")
    procurement_id, tenders = street
    _run(client, procurement_id)
    overview = soup(client.get(f"/procurements/{procurement_id}/evaluation"))
    first = overview.find("a", string="Judge the first question")["href"]
    assert "item=M2" in first and "queue=1" in first
    question = soup(client.get(first))
    assert "Question 1 of 2 in the review queue." in question.select_one(".queue-nav").get_text()
    assert "item=M4" in question.find("a", rel="next")["href"]
    assert question.select_one('form input[name="queue"]')["value"] == "1"

    done = _judge_from_queue(client, procurement_id, tenders["Fjordbygg"], "E1", "M2")
    assert done.status_code == 303 and "item=M4" in done.headers["Location"]
    following = soup(client.get(done.headers["Location"]))
    flashes = " ".join(p.get_text() for p in following.select(".flash"))
    assert "1 question remains in the review queue." in flashes
    last = _judge_from_queue(client, procurement_id, tenders["Fjordbygg"], "E2", "M4")
    assert last.headers["Location"].endswith(f"/procurements/{procurement_id}/evaluation")
    assert "The review queue is empty" in client.get(last.headers["Location"]).text


def test_the_override_form_makes_the_officer_choose_the_state(login, street):
    client = login("officer")
    client.post("/lang/en")
    procurement_id, tenders = street
    _run(client, procurement_id)
    base = f"/procurements/{procurement_id}/tenders/{tenders['Vestlandsgraving']}"
    page = soup(client.get(f"{base}/question?rule=biofuel-sustainable&item=F1"))
    selected = page.select_one("#override-status option[selected]")
    assert selected is None or selected["value"] == ""
    assert page.select_one("#override-status option")["value"] == ""
    response = client.post(
        f"{base}/override",
        data={
            "override-rule": "biofuel-sustainable",
            "override-item": "F1",
            "override-status": "",
            "override-reason": "Sertifikatet viser UCO, ikke palmeolje.",
        },
    )
    assert response.status_code == 422
    assert "Choose the state to set." in soup(response).select_one("#override-status-error").text


def test_concluding_and_awarding_are_asked_for_once_more(login, demo_app, street):
    from tests.helpers import ready_to_conclude

    client = login("officer")
    client.post("/lang/en")
    procurement_id, tenders = street
    ready_to_conclude(client, demo_app, procurement_id, tenders, "7")
    base = f"/procurements/{procurement_id}/evaluation"
    overview = soup(client.get(base))
    assert not overview.select(f'form[action="{base}/conclude"]')
    page = soup(client.get(overview.find("a", href=f"{base}/conclude")["href"]))
    assert page.select_one("#ranking-table")  # the ranking that will be fixed
    assert "Reopening is possible" in page.select_one(".confirm").get_text()
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "closed"
    assert client.post(page.select_one(".confirm form")["action"]).status_code == 303

    overview = soup(client.get(base))
    form = overview.select_one(f'form[action="{base}/award/confirm"]')
    assert form is not None
    empty = client.post(f"{base}/award/confirm", data={"tender": tenders["Oslo"]})
    assert empty.status_code == 422 and soup(empty).select_one("#justification-error")
    justification = "Høyest samlet poengsum.\nKlima og pris veier tyngst."
    confirm = client.post(
        f"{base}/award/confirm", data={"tender": tenders["Oslo"], "justification": justification}
    )
    assert confirm.status_code == 200
    page = soup(confirm)
    assert "Oslo Grunnarbeid AS" in page.h1.get_text()
    assert "cannot be undone" in page.select_one(".confirm").get_text()
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "evaluated"
    form = page.select_one(".confirm form")
    data = {i["name"]: i["value"] for i in form.select("input[name]")}
    assert data["justification"] == justification
    assert client.post(form["action"], data=data).status_code == 303
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "awarded"


def test_procurements_are_searched_and_the_pages_keep_the_search(login, demo_app):
    client = login("officer")
    with demo_app.app_context():
        officer = db.session.scalar(select(Procurement)).created_by_id
        organisation = db.session.scalar(select(Procurement)).organisation_id
        for number in range(30):
            db.session.add(
                Procurement(
                    organisation_id=organisation,
                    created_by_id=officer,
                    tailoring={},
                    reference=f"2027/{number:04d}",
                    title=f"Gang- og sykkelvei {number}",
                )
            )
        db.session.commit()
    page = soup(client.get("/procurements/?q=sykkelvei&state=draft"))
    assert len(page.select("tbody tr")) == 25
    following = page.find("a", rel="next")["href"]
    assert "q=sykkelvei" in following and "state=draft" in following
    assert len(soup(client.get(following)).select("tbody tr")) == 5
    storgata = soup(client.get("/procurements/?q=storgata"))
    assert [td.get_text(strip=True) for td in storgata.select("tbody tr td:nth-of-type(2)")] == [
        "2026/0877"
    ]
    assert soup(client.get("/procurements/?q=100%25")).select("tbody tr") == []  # % is literal
    closed = soup(client.get("/procurements/?state=closed"))
    assert len(closed.select("tbody tr")) == 1
    today = clock.today_in_norway()
    ahead = soup(client.get(f"/procurements/?deadline_from={today.isoformat()}"))
    assert [td.get_text(strip=True) for td in ahead.select("tbody tr td:nth-of-type(2)")] == [
        "2026/1234"
    ]
    wrong = client.get("/procurements/?deadline_from=2027-02-01&deadline_to=2027-01-01")
    assert wrong.status_code == 422 and soup(wrong).select_one("#deadline_to-error")


def test_tenders_are_searched_by_the_buyer_and_by_the_contractor(login, street):
    client = login("officer")
    page = soup(client.get("/tenders/?q=9810"))  # Oslo Grunnarbeid's organisation number
    assert [a.get_text() for a in page.select("tbody tr td:first-child a")] == [
        "Oslo Grunnarbeid AS"
    ]
    assert len(soup(client.get("/tenders/?status=closed")).select("tbody tr")) == 4
    assert soup(client.get("/tenders/?status=awarded")).select("tbody tr") == []
    assert client.get("/tenders/?status=hacked").status_code == 422

    contractor = login("contractor")
    mine = soup(contractor.get("/?status=draft"))
    assert len(mine.select("tbody tr")) == 1
    assert len(soup(contractor.get("/?q=storgata")).select("tbody tr")) == 1
    assert soup(contractor.get("/?q=finnes+ikke")).select("tbody tr") == []


def test_an_audit_entry_reads_as_a_table_of_what_changed(login, demo_app, street):
    _procurement_id, tenders = street
    with demo_app.app_context():
        seq = db.session.scalar(
            select(AuditEntry.seq).where(
                AuditEntry.table == "tender",
                AuditEntry.kind == "created",
                AuditEntry.row_id == str(tenders["Oslo"]),
            )
        )
    response = login("auditor").get(f"/audit/entries/{seq}")
    assert "\\u00" not in response.text and '{"' not in response.text
    rows = {
        tr.th.get_text(): [td.get_text() for td in tr.select("td")]
        for tr in soup(response).select("table.values tbody tr")
    }
    assert rows["data.contractor.name"] == ["–", "Oslo Grunnarbeid AS"]
    assert any(path.startswith("data.machines[0].") for path in rows)


def test_a_filtered_trail_explains_its_gaps(login, demo_app, street):
    procurement_id, _ = street
    client = login("auditor")
    client.post("/lang/en")
    page = soup(client.get(f"/audit/?procurement={procurement_id}&kind=created"))
    notes = [span.get_text() for span in page.select(".gap-note")]
    assert notes and all("not in this list" in note for note in notes)
    assert "one sequence for every organisation" in page.select_one("#gaps-note").get_text()


def test_a_frozen_bid_advises_nothing_it_can_no_longer_do(login, demo_app, street, travel):
    client = login("contractor")
    client.post("/lang/en")
    with demo_app.app_context():
        bid = db.session.scalar(select(Tender).where(Tender.status == "draft"))
        bid_id, deadline = bid.id, bid.procurement.tender_deadline
    open_page = soup(client.get(f"/bids/{bid_id}"))
    assert open_page.find("h3", string="How to comply")
    travel(deadline + timedelta(minutes=1))
    frozen = soup(client.get(f"/bids/{bid_id}"))
    assert frozen.find("h3", string="How to comply") is None
    assert frozen.find("h3", string="Open points at the deadline")
    advice = frozen.select_one(".advice").get_text(" ", strip=True)
    assert "Replace" not in advice and "attach" not in advice.lower()
