"""The officer's side of the follow-up: the deviations queue (accept, send back, sanction) with
no lost updates, exceptions asked for during the contract, the follow-up report, and reminders
of late periods. The contract is the demo's contract in follow-up (examples/followup, awarded
and reported through the product's own steps)."""

import copy

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from checker.formats import display
from checker.web.extensions import db
from checker.web.followup.pages import token
from checker.web.followup.service import awarded_tender
from checker.web.followup.service import in_force
from checker.web.followup.service import submit_period
from checker.web.models import AuditEntry
from checker.web.models import DeviationDecision
from checker.web.models import IssuedReport
from checker.web.models import Notice
from checker.web.models import PeriodReminder
from checker.web.models import Procurement
from checker.web.models import StatisticContribution
from checker.web.models import User
from tests.helpers import follow_the_demo_contract
from tests.helpers import pdf_text

CONTRACTOR = "contractor@fjordbygg.example"
SANCTIONED = "rule_failed/M7/site-zero-emission"  # the unplanned diesel machine's rule failure


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def followed(demo_app):
    """The contract in follow-up: six monthly reports, the fifth month late."""
    return follow_the_demo_contract(demo_app)


def _page(client, procurement_id):
    response = client.get(f"/procurements/{procurement_id}/followup")
    assert response.status_code == 200
    return soup(response)


def _key(demo_app, procurement_id, ending: str) -> str:
    from checker.web.followup.handling import deviation_queue
    from checker.web.followup.pages import current_result

    with demo_app.test_request_context():
        procurement = db.session.get(Procurement, procurement_id)
        tender = awarded_tender(procurement)
        result, _ = current_result(procurement, tender)
        return next(e.key for e in deviation_queue(tender, result) if e.key.endswith(ending))


def _decide(client, procurement_id, key, decision, reason, seen="0"):
    prefix = f"dev-{token(key)}"
    return client.post(
        f"/procurements/{procurement_id}/followup/deviations/{token(key)}",
        data={
            f"{prefix}-decision": decision,
            f"{prefix}-reason": reason,
            f"{prefix}-seen": seen,
        },
    )


def test_the_queue_shows_each_deviation_with_the_sanction_the_contract_gives(followed, login):
    page = _page(login("officer"), followed)
    articles = page.select("article.deviation")
    # The diesel month: the rule failure, the machine not in the plan, litres with no delivery;
    # the delivery month: the fossil delivery, and litres delivered but not burnt.
    assert len(articles) == 5 and len(page.select("article.deviation-open")) == 5
    assert "5 av 5 avvik venter på behandling." in page.text
    sanctioned = next(a for a in articles if "Sanksjon" in a.text)
    # 420 fossil litres × 25 kr (the tailoring's per_litre_nok): hand-computed 10 500 kr.
    assert (
        "420,0 fossile liter × 25,00\u00a0kr per liter = 10\u00a0500,00\u00a0kr" in sanctioned.text
    )
    choices = [i["value"] for i in sanctioned.select("input[type=radio]")]
    assert choices == ["accepted", "correction", "sanctioned", "waived"]
    unplanned = next(a for a in articles if "Ikke i planen" in a.text)
    assert [i["value"] for i in unplanned.select("input[type=radio]")] == [
        "accepted",
        "correction",
    ]
    queue = page.find(id="deviations").parent.get_text()
    assert not {"sanctioned", "waived", "per_litre_nok", "rule_failed"} & set(queue.split())


def test_a_sanction_decided_is_stored_audited_and_in_the_follow_up(followed, login, demo_app):
    client = login("officer")
    key = _key(demo_app, followed, SANCTIONED)
    reason = "Dieselmaskinen var ikke avtalt; kontrakten punkt 7.3 gir sanksjon per liter."
    response = _decide(client, followed, key, "sanctioned", reason)
    assert response.status_code == 303
    page = _page(client, followed)
    assert "4 av 5 avvik venter på behandling." in page.text
    assert "Sanksjonen etter kontrakten vedtas (10\u00a0500,00\u00a0kr)" in page.text
    with demo_app.app_context():
        row = db.session.scalar(select(DeviationDecision))
        assert (row.decision, float(row.sanction_nok), row.version) == ("sanctioned", 10500.0, 1)
        assert row.sanction_arithmetic == "420 L × 25 NOK/L = 10500.00 NOK"
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.table == "deviation_decision")
        )
        assert entry.kind == "created" and entry.after["reason"] == reason
    result = client.get(f"/procurements/{followed}/followup.json").get_json()
    june = next(p for p in result["periods"] if p["sanctions"])
    assert june["sanctions"][0]["status"] == "decided"
    handled = next(d for d in june["deviations"] if d["kind"] == "rule_failed")
    assert handled["handling"]["decision"] == "sanctioned"
    assert result["cumulative"]["sanctions"]["decided_nok"] == 10500.0


def test_a_handling_without_reason_or_with_a_sanction_that_does_not_exist_is_refused(
    followed, login, demo_app
):
    client = login("officer")
    key = _key(demo_app, followed, "not_in_plan/M7")
    short = _decide(client, followed, key, "accepted", "ok")
    assert short.status_code == 422
    field = soup(short).find(id=f"dev-{token(key)}-reason")
    assert field.text.strip() == "ok" and field["aria-invalid"] == "true"
    assert _decide(client, followed, key, "sanctioned", "Ti tegn eller mer.").status_code == 422
    with demo_app.app_context():
        assert db.session.scalar(select(DeviationDecision.id)) is None


def test_two_officers_never_overwrite_each_other(followed, login, demo_app):
    key = _key(demo_app, followed, "fossil_delivery/D0603")
    first = login("officer")
    assert (
        _decide(first, followed, key, "correction", "Leveransen må forklares.").status_code == 303
    )
    # A second officer's form was made before the first decision (it saw none: version 0).
    late = "Jeg godtar leveransen; den gikk til et aggregat utenfor gjerdet."
    response = _decide(first, followed, key, "accepted", late, seen="0")
    assert response.status_code == 409
    page = soup(response)
    assert "endret av noen andre" in " ".join(f.text for f in page.select(".flashes"))
    assert page.find(id=f"dev-{token(key)}-reason").text.strip() == late  # what was typed is kept
    assert page.find(id=f"dev-{token(key)}-seen")["value"] == "1"
    with demo_app.app_context():
        row = db.session.scalar(select(DeviationDecision))
        assert (row.decision, row.version) == ("correction", 1)
    # Sent again knowingly (it now carries version 1), it applies on top.
    assert _decide(first, followed, key, "accepted", late, seen="1").status_code == 303
    with demo_app.app_context():
        row = db.session.scalar(select(DeviationDecision))
        assert (row.decision, row.version) == ("accepted", 2)
        change = db.session.scalar(
            select(AuditEntry).where(
                AuditEntry.table == "deviation_decision", AuditEntry.kind == "changed"
            )
        )
        assert change.before["decision"] == "correction"


def test_a_corrected_report_puts_its_deviations_back_in_the_queue(followed, login, demo_app):
    client = login("officer")
    key = _key(demo_app, followed, "fossil_delivery/D0603")
    assert (
        _decide(client, followed, key, "correction", "Leveransen må forklares.").status_code == 303
    )
    assert "4 av 5" in _page(client, followed).text
    with demo_app.app_context():
        procurement = db.session.get(Procurement, followed)
        tender = awarded_tender(procurement)
        july = next(r for r in in_force(tender) if "D0603" in str(r.data))
        corrected = copy.deepcopy(july.data)
        corrected["machines"][0]["hours"] += 1
        contractor = db.session.scalar(select(User).where(User.email == CONTRACTOR))
        assert submit_period(tender, contractor, corrected, "juli.json").version == 2
        db.session.commit()
    page = _page(client, followed)
    assert "5 av 5" in page.text
    assert "Perioderapporten er rettet etter denne behandlingen" in page.text


def test_the_auditor_reads_the_queue_but_decides_nothing(followed, login, demo_app):
    key = _key(demo_app, followed, SANCTIONED)
    auditor = login("auditor")
    page = _page(auditor, followed)
    assert len(page.select("article.deviation")) == 5
    assert not page.select("article.deviation form")
    response = _decide(auditor, followed, key, "waived", "Revisor kan ikke avgjøre.")
    assert response.status_code == 403


def test_an_exception_asked_for_in_a_period_is_decided_like_at_tender_time(
    followed, login, demo_app
):
    with demo_app.app_context():
        tender = awarded_tender(db.session.get(Procurement, followed))
        october = in_force(tender)[-1]
        data = copy.deepcopy(october.data)
        data["exceptions"] = [
            {
                "id": "E9",
                "item": "M2",
                "ground": "grid_capacity",
                "justification": "Byggestrømmen er redusert i oktober.",
                "grid_owner": "Elvia AS",
                "grid_statement_date": data["period"]["start"],
                "grid_available_kw": 22,
                "required_kw": 55,
            }
        ]
        contractor = db.session.scalar(select(User).where(User.email == CONTRACTOR))
        submit_period(tender, contractor, data, "oktober.json")
        db.session.commit()
    client = login("officer")
    page = _page(client, followed)
    request = page.select_one("article.exception-request")
    assert "E9" in request.text and "Venter på en avgjørelse." in request.text
    response = client.post(
        f"/procurements/{followed}/followup/exceptions/E9",
        data={
            "decision-E9-decision": "approved",
            "decision-E9-legal_basis": "Kontrakten punkt 4.2: nettkapasitet",
            "decision-E9-reason": "Nettselskapets erklæring er lest.",
            "decision-E9-basis": request.select_one("input[name='decision-E9-basis']")["value"],
        },
    )
    assert response.status_code == 303
    result = client.get(f"/procurements/{followed}/followup.json").get_json()
    assert result["decisions"]["E9"]["decision"] == "approved"
    stale = client.post(
        f"/procurements/{followed}/followup/exceptions/E9",
        data={
            "decision-E9-decision": "rejected",
            "decision-E9-reason": "Jeg så ikke den første avgjørelsen.",
            "decision-E9-basis": request.select_one("input[name='decision-E9-basis']")["value"],
        },
    )
    assert stale.status_code == 409
    assert client.post(f"/procurements/{followed}/followup/exceptions/E77").status_code == 404


def test_the_follow_up_report_is_issued_signed_and_verifies(
    followed, login, demo_app, run_cli, tmp_path, monkeypatch
):
    client = login("officer")
    key = _key(demo_app, followed, SANCTIONED)
    _decide(client, followed, key, "sanctioned", "Kontrakten punkt 7.3 gir sanksjon per liter.")
    response = client.post(f"/procurements/{followed}/followup/report", data={"lang": "nb"})
    assert response.status_code == 303
    report_page = client.get(response.headers["Location"])
    link = soup(report_page).select_one("a.button[href$='/download']")["href"]
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    text = pdf_text(pdf.data)  # hyphenated words joined again
    # Each deviation with its handling; the decided sanction with its arithmetic.
    assert "sanksjon vedtatt: Kontrakten punkt 7.3 gir sanksjon per liter. (Kari Nordmann)" in text
    assert "420 L × 25 kr/L = 10 500,00 kr, per fossil liter 10 500,00 kr vedtatt" in text
    assert "venter på oppdragsgiver" in text
    # The letterhead, and the closing block: the decision, who made it and when, its grounds.
    assert "Eksempel kommune" in text and "org.nr. 944444408" in text
    assert "Saksbehandler: Kari Nordmann" in text and "Vedtak og grunnlag" in text
    assert "Regelbrudd: M7 sanksjon vedtatt: Kontrakten punkt 7.3" in text
    assert "kontraktens sanksjonsvilkår for regelen, 25,00 kr per fossil liter" in text
    assert "Hjemmel (forslag, ikke juridisk kvalitetssikret)" in text and "§ 19-1" in text
    auditor = login("auditor")
    assert auditor.get(link).data == pdf.data
    listed = _page(auditor, followed).select_one("#report ~ table a")
    assert listed and "Oppfølgingsrapport" in listed.text
    with demo_app.app_context():
        report = db.session.scalar(select(IssuedReport).where(IssuedReport.kind == "followup"))
        assert report.state == "ready" and report.procurement_id == followed
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    path = tmp_path / "oppfolging.pdf"
    path.write_bytes(pdf.data)
    code, out, _ = run_cli("verify", path)
    assert code == 0 and "AUTHENTIC: issued by this organisation" in out


def test_the_late_period_is_listed_and_reminded_once(
    followed, login, demo_app, run_cli, smtp_server, monkeypatch
):
    page = _page(login("officer"), followed)
    (late,) = page.select("tr.late-period")
    assert "ikke sendt ennå" in late.text
    monkeypatch.setenv("DATABASE_URL", demo_app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("CHECKER_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CHECKER_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("CHECKER_SMTP_TLS", "none")
    code, out, err = run_cli("followup", "remind")
    assert code == 0, err
    assert out.startswith("reminded 1 late period(s)")
    (mail,) = smtp_server.to(CONTRACTOR)
    body = mail.get_content()
    assert "Perioderapport på overtid" in mail["Subject"]
    with demo_app.app_context():
        reminder = db.session.scalar(select(PeriodReminder))
        start, end = reminder.period_start, reminder.period_end
        assert f"{start:%d.%m.%Y}–{end:%d.%m.%Y}" in body
        notice = db.session.scalar(select(Notice).where(Notice.kind == "period_late"))
        assert notice.sent_at is not None and notice.recipient == CONTRACTOR
    code, out, _ = run_cli("followup", "remind")  # once per late period, ever
    assert (code, out.strip()) == (0, "reminded 0 late period(s)")
    assert len(smtp_server.messages) == 1
    page = _page(login("officer"), followed)
    assert "sendt" in page.select_one("tr.late-period").text


def test_the_demo_contract_is_counted_in_the_statistics_as_reports_are_accepted(followed, demo_app):
    with demo_app.app_context():
        rows = db.session.scalars(
            select(StatisticContribution).where(StatisticContribution.procurement_id == followed)
        ).all()
        accepted = {
            r.id
            for r in in_force(awarded_tender(db.session.get(Procurement, followed)))
            if r.is_accepted
        }
        assert len(accepted) == 4
        assert {row.period_report_id for row in rows if row.basis == "actual"} == accepted
        assert any(row.period_report_id is None and row.basis == "planned" for row in rows)


def test_checker_demo_load_brings_the_contract_in_follow_up(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite'}")
    monkeypatch.setenv("CHECKER_INSTANCE_PATH", str(tmp_path / "instance"))
    code, out, err = run_cli("demo", "load")
    assert code == 0, err
    assert "demo data loaded" in out
    code, out, err = run_cli("followup", "remind")
    assert code == 0, err
    assert out.startswith("reminded 1 late period(s)")


def test_a_period_sent_back_is_mailed_to_the_contractor_and_shown_on_their_page(
    followed, login, demo_app, mail_via_smtp
):
    key = _key(demo_app, followed, "fossil_delivery/D0603")
    reason = "Forklar hvor de 400 literne diesel ble brukt."
    assert _decide(login("officer"), followed, key, "correction", reason).status_code == 303
    (mail,) = mail_via_smtp.to(CONTRACTOR)
    assert "Retting etterspurt" in mail["Subject"]
    body = mail.get_content()
    assert reason in body and "Fossilt drivstoff" not in mail["Subject"]
    assert "400 L levert" in body  # the deviation, in the reader's language
    contractor = login("contractor")
    with demo_app.app_context():
        tender_id = awarded_tender(db.session.get(Procurement, followed)).id
    page = soup(contractor.get(f"/contracts/{tender_id}"))
    corrections = page.select_one("ul.corrections")
    assert corrections and reason in corrections.text and "D0603" in corrections.text


def test_the_page_charts_plan_against_actual_month_by_month_with_the_numbers(followed, login):
    client = login("auditor")
    result = client.get(f"/procurements/{followed}/followup.json").json
    page = _page(client, followed)
    section = page.select_one("#by-month").find_parent("section")
    charts = section.select("figure svg[role=img]")
    assert len(charts) == 2 and all(svg.find("title").text for svg in charts)
    rows = [[c.text for c in tr.select("th, td")] for tr in page.select("#months-table tbody tr")]
    assert [r[0] for r in rows] == [f"{m['month'][5:]}.{m['month'][:4]}" for m in result["months"]]
    litres = sum(m["indicators"]["fossil_litres"] for m in result["months"])
    assert rows[-1][4] == display.quantity(litres, "L", "nb")  # so far = the sum of the months
    assert rows[0][1] == display.percent(
        result["plan_indicators"]["zero_emission_incl_biogas_share"], "nb"
    )
