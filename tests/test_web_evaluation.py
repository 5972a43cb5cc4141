"""The officer's review and award evaluation on the demo procurement, through HTTP."""

import io
import re
import time

from sqlalchemy import select

from checker.formats.messages import render
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AssessmentRun
from checker.web.models import Evaluation
from checker.web.models import ExceptionDecision
from checker.web.models import ManualScore
from checker.web.models import Override
from checker.web.models import Procurement
from checker.web.models import Tender
from checker.web.models import User
from checker.web.reports.register import check_report
from tests.helpers import approve_both_requests
from tests.helpers import decide
from tests.helpers import pdf_text
from tests.helpers import quality_criterion
from tests.helpers import ready_to_conclude
from tests.helpers import run_all
from tests.helpers import score
from tests.helpers import soup


def verdicts(demo_app, procurement_id):
    with demo_app.app_context():
        rows = db.session.scalars(select(Tender).where(Tender.procurement_id == procurement_id))
        result = {}
        for tender in rows:
            latest = db.session.scalar(
                select(Assessment)
                .where(Assessment.tender_id == tender.id)
                .order_by(Assessment.id.desc())
                .limit(1)
            )
            result[tender.organisation.name.split()[0]] = latest and latest.verdict
        return result


def test_assess_all_stores_results_with_the_rules_and_keeps_history(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    page = soup(client.get(f"/procurements/{procurement_id}/evaluation"))
    assert "not been assessed" in page.text or "ikke vurdert" in page.text
    run_all(client, procurement_id)
    assert verdicts(demo_app, procurement_id) == {
        "Fjordbygg": "incomplete",  # two exception requests await the officer
        "Berg": "non_compliant",
        "Vestlandsgraving": "non_compliant",
        "Oslo": "compliant",
    }
    run_all(client, procurement_id)
    with demo_app.app_context():
        stored = db.session.scalars(
            select(Assessment).where(Assessment.tender_id == tenders["Oslo"])
        ).all()
        assert len(stored) == 2  # the earlier run stays
        procurement = db.session.get(Procurement, procurement_id)
        assert {a.ruleset_sha256 for a in stored} == {procurement.ruleset_sha256}
        assert stored[0].level == "spearhead" and stored[0].data["format"] == "climate-assessment/1"


def test_a_run_assesses_every_submitted_tender_and_no_draft(login, demo_app, street, make_tender):
    procurement_id, _ = street
    fifth = make_tender(procurement_id)
    draft = make_tender(
        procurement_id, status="draft", contractor=("Sunnfjord Bygg AS", "912345696")
    )
    client = login("officer")
    response = client.post(f"/procurements/{procurement_id}/evaluation/run")
    page = soup(client.get(response.headers["Location"]))
    assert page.find("progress")["value"] == "5" and len(page.select("tbody tr")) == 5
    with demo_app.app_context():
        assessed = set(db.session.scalars(select(Assessment.tender_id)))
    assert fifth in assessed and draft not in assessed


def test_exception_requests_are_decided_with_legal_basis_and_expiry(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    queue = soup(client.get(f"/procurements/{procurement_id}/evaluation/review"))
    assert [row.find_all("td")[2].text for row in queue.select("#queue tbody tr")] == ["M2", "M4"]
    question = client.get(
        f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/question"
        "?rule=compact-machines-zero-emission&item=M2"
    )
    assert "Volvo Maskin AS" in question.text  # the contractor's market check is beside the verdict
    facts = " ".join(soup(question).get_text(" ").split())
    assert "Årsmodell 2021" in facts  # a year, not an amount ("2 021")
    assert "12.10.2026" in facts and "2026-10-12" not in facts  # the market check's dates
    # An approval without its legal basis is refused; what was typed stays in the form.
    refused = decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E1",
        "M2",
        decision="approved",
        reason="Markedsundersøkelsen er troverdig.",
    )
    assert refused.status_code == 422
    page = soup(refused)
    assert page.select_one("#decision-E1-legal_basis-error")
    assert (
        page.select_one("#decision-E1-reason").text.strip() == "Markedsundersøkelsen er troverdig."
    )
    approved = decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E1",
        "M2",
        decision="approved",
        legal_basis="Kontraktens punkt 4.2",
        expires="2027-12-31",
        reason="Markedsundersøkelsen er troverdig.",
    )
    assert approved.status_code == 303
    rejected = decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E2",
        "M4",
        decision="rejected",
        reason="Mobil lagringsløsning kan leies; se Cramo.",
    )
    assert rejected.status_code == 303
    assert verdicts(demo_app, procurement_id)["Fjordbygg"] == "non_compliant"
    with demo_app.app_context():
        rows = db.session.scalars(select(ExceptionDecision).order_by(ExceptionDecision.id)).all()
        assert [(r.request_key, r.decision, r.decided_by.role) for r in rows] == [
            ("E1", "approved", "officer"),
            ("E2", "rejected", "officer"),
        ]
        assert (
            str(rows[0].expires) == "2027-12-31" and rows[0].legal_basis == "Kontraktens punkt 4.2"
        )
        latest = db.session.scalar(
            select(Assessment)
            .where(Assessment.tender_id == tenders["Fjordbygg"])
            .order_by(Assessment.id.desc())
            .limit(1)
        )
        items = {
            i["id"]: i
            for r in latest.data["results"]
            if r["rule"] == "compact-machines-zero-emission"
            for i in r["items"]
        }
        assert items["M2"]["status"] == "waived" and "31.12.2027" in render(
            items["M2"]["reason"], "nb"
        )
        assert items["M4"]["status"] == "fail"
    # The officer changes their mind on E2: the newest decision is in force, the old one stays.
    decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E2",
        "M4",
        decision="approved",
        legal_basis="Kontraktens punkt 4.2",
        reason="Nettselskapets brev bekrefter kapasiteten.",
    )
    assert verdicts(demo_app, procurement_id)["Fjordbygg"] == "compliant"
    history = soup(client.get(f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}"))
    assert len(history.select("section[aria-labelledby=history] tbody tr")) == 4


def test_an_override_needs_a_reason_and_keeps_old_state_and_claim(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    url = f"/procurements/{procurement_id}/tenders/{tenders['Vestlandsgraving']}/override"
    target = {"override-rule": "biofuel-sustainable", "override-item": "F1"}
    missing = client.post(url, data=target | {"override-status": "pass", "override-reason": ""})
    assert missing.status_code == 422
    assert soup(missing).select_one("#override-reason-error")
    done = client.post(
        url,
        data=target
        | {"override-status": "pass", "override-reason": "Sertifikatet viser UCO, ikke palmeolje."},
    )
    assert done.status_code == 303
    page = client.get(done.headers["Location"])
    assert "Sertifikatet viser UCO" in page.text
    with demo_app.app_context():
        override = db.session.scalar(select(Override))
        assert (override.old_status, override.new_status) == ("fail", "pass")
        assert override.decided_by.email == "officer@kommune.example"
        latest = db.session.scalar(
            select(Assessment)
            .where(Assessment.tender_id == tenders["Vestlandsgraving"])
            .order_by(Assessment.id.desc())
            .limit(1)
        )
        fuel = next(r for r in latest.data["results"] if r["rule"] == "biofuel-sustainable")
        assert fuel["status"] == "pass"
        assert fuel["items"][0]["override"]["automatic"] == "fail"
        assert latest.automatic_verdict == "non_compliant"
    # Unknown subjects are not found rather than silently recorded.
    stray = client.post(
        url,
        data={
            "override-rule": "biofuel-sustainable",
            "override-item": "F9",
            "override-status": "pass",
            "override-reason": "x" * 20,
        },
    )
    assert stray.status_code == 404


def test_full_flow_to_the_award(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    approve_both_requests(client, procurement_id, tenders["Fjordbygg"])
    quality = quality_criterion(demo_app, procurement_id)
    # Concluding before every score is in is refused with a message.
    early = client.post(f"/procurements/{procurement_id}/evaluation/conclude")
    assert early.status_code == 303
    assert soup(client.get(early.headers["Location"])).select_one(".flash-error")
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "closed"
    wrong = score(client, procurement_id, tenders["Oslo"], quality, "11")
    assert wrong.status_code == 422 and soup(wrong).select_one(f"#score-{quality}-points-error")
    assert soup(wrong).select_one(f"#score-{quality}-points")["value"] == "11"
    assert score(client, procurement_id, tenders["Oslo"], quality, "6").status_code == 303
    assert score(client, procurement_id, tenders["Fjordbygg"], quality, "8").status_code == 303
    page = soup(client.get(f"/procurements/{procurement_id}/evaluation"))
    rows = {row["data-tender"]: row for row in page.select("#ranking-table tbody tr")}
    # Oslo: price 10 -> 6.0, quality 6 -> 0.6, climate 5.21 -> 1.563: 8.163
    # Fjordbygg: price 10*29.8/46.5 = 6.4086 -> 3.8452, quality 0.8, climate 5.46 -> 1.638: 6.2832
    oslo, fjord = rows[str(tenders["Oslo"])], rows[str(tenders["Fjordbygg"])]
    assert oslo.find_all("td")[0].text.strip() == "1" and "8,16" in oslo.text
    assert fjord.find_all("td")[0].text.strip() == "2" and "6,28" in fjord.text
    assert "6,41 → 3,85" in fjord.text  # Norwegian decimals on the bokmål page
    berg = rows[str(tenders["Berg"])]
    assert berg.find_all("td")[0].text.strip() == "–" and "M7" in berg.text  # rejected, with reason
    assert client.post(f"/procurements/{procurement_id}/evaluation/conclude").status_code == 303
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "evaluated"
    # After concluding, the review is closed.
    late = score(client, procurement_id, tenders["Oslo"], quality, "9")
    assert late.status_code == 303
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "evaluated"
    award_url = f"/procurements/{procurement_id}/evaluation/award"
    not_ranked = client.post(award_url, data={"tender": tenders["Berg"], "justification": "x" * 30})
    assert not_ranked.status_code == 422
    short = client.post(award_url, data={"tender": tenders["Oslo"], "justification": "Best"})
    assert short.status_code == 422 and soup(short).select_one("#justification-error")
    awarded = client.post(
        award_url,
        data={
            "tender": tenders["Oslo"],
            "justification": "Høyest samlet poengsum (8,30) i rangeringen.",
        },
    )
    assert awarded.status_code == 303
    page = soup(client.get(awarded.headers["Location"]))
    assert "Oslo Grunnarbeid AS" in page.select_one("#decision").text
    with demo_app.app_context():
        assert db.session.get(Procurement, procurement_id).state == "awarded"


def test_compare_and_before_after(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    compare = soup(
        client.get(
            f"/procurements/{procurement_id}/compare?a={tenders['Oslo']}&b={tenders['Berg']}"
        )
    )
    changed = [row.th.text for row in compare.select("#comparison tr.changed")]
    assert any("fossil" in text.lower() for text in changed)
    decide(
        client,
        procurement_id,
        tenders["Fjordbygg"],
        "E1",
        "M2",
        decision="approved",
        legal_basis="Kontraktens punkt 4.2",
        reason="Dokumentasjonen er tilstrekkelig.",
    )
    with demo_app.app_context():
        latest = db.session.scalar(
            select(Assessment)
            .where(Assessment.tender_id == tenders["Fjordbygg"])
            .order_by(Assessment.id.desc())
            .limit(1)
        )
        latest_id = latest.id
    page = soup(
        client.get(
            f"/procurements/{procurement_id}/tenders/{tenders['Fjordbygg']}/assessments/{latest_id}"
        )
    )
    rows = [[td.text.strip() for td in tr.find_all("td")] for tr in page.select("#diff tbody tr")]
    assert ["compact-machines-zero-emission", "M2"] == rows[-1][:2]
    assert "Kontraktens punkt 4.2" in rows[-1][4]


def test_the_auditor_reads_everything_and_changes_nothing(login, demo_app, street):
    officer = login("officer")
    procurement_id, tenders = street
    run_all(officer, procurement_id)
    officer.post("/logout")
    auditor = login("auditor")
    base = f"/procurements/{procurement_id}"
    for url in (
        f"{base}/evaluation",
        f"{base}/evaluation/review",
        f"{base}/tenders/{tenders['Oslo']}",
    ):
        assert auditor.get(url).status_code == 200
    for url in (
        "/evaluation/run",
        "/evaluation/conclude",
        "/evaluation/award",
        "/evaluation/reopen",
        f"/tenders/{tenders['Oslo']}/override",
        f"/tenders/{tenders['Oslo']}/decision",
        f"/tenders/{tenders['Oslo']}/scores",
    ):
        assert auditor.post(base + url).status_code == 403


def _pdf_text(pdf: bytes) -> str:
    return pdf_text(pdf)


def _download(client, report_location):
    page = soup(client.get(report_location))
    link = page.find("a", href=re.compile(r"/download$"))
    return client.get(link["href"]).data


def test_reports_show_overrides_waivers_and_the_evaluation(login, demo_app, street):
    client = login("officer")
    client.post("/lang/en")
    procurement_id, tenders = street
    run_all(client, procurement_id)
    base = f"/procurements/{procurement_id}"
    report_url = f"{base}/tenders/{tenders['Fjordbygg']}/reports"
    before = client.post(report_url, data={"kind": "compliance", "tier": "full", "lang": "en"})
    for key, item in (("E1", "M2"), ("E2", "M4")):
        decide(
            client,
            procurement_id,
            tenders["Fjordbygg"],
            key,
            item,
            decision="approved",
            legal_basis="Contract clause 4.2",
            expires="2027-12-31",
            reason="The market check is convincing.",
        )
    client.post(
        f"{base}/tenders/{tenders['Fjordbygg']}/override",
        data={
            "override-rule": "machines-fossil-free",
            "override-item": "M5",
            "override-status": "fail",
            "override-reason": "The fuel receipt shows fossil diesel.",
        },
    )
    after = client.post(report_url, data={"kind": "compliance", "tier": "full", "lang": "en"})
    # A decision or override changes the assessment, so the report is issued anew.
    assert after.headers["Location"] != before.headers["Location"]
    pdf = _download(client, after.headers["Location"])
    with demo_app.app_context():
        assert check_report(pdf).is_authentic
    text = _pdf_text(pdf)
    assert "E1 M2, not available on the market" in text
    assert "Contract clause 4.2" in text and "31 Dec 2027" in text
    assert "Where the officer's verdict differs from the automatic result" in text
    assert "The fuel receipt shows fossil diesel." in text
    assert "verdict: non-compliant" in text.lower()
    assert "8 checked: 1 fail, 7 pass (1 set by the officer)" in text

    for key in ("Oslo", "Fjordbygg"):
        quality = quality_criterion(demo_app, procurement_id)
        score(client, procurement_id, tenders[key], quality, "7")
    client.post(
        f"{base}/tenders/{tenders['Fjordbygg']}/override",
        data={
            "override-rule": "machines-fossil-free",
            "override-item": "M5",
            "override-status": "automatic",
            "override-reason": "Receipt was for another site.",
        },
    )
    assert client.post(f"{base}/evaluation/conclude").status_code == 303
    client.post(
        f"{base}/evaluation/award",
        data={"tender": tenders["Oslo"], "justification": "Highest total score in the ranking."},
    )
    issued = client.post(f"{base}/evaluation/report", data={"lang": "en"})
    assert issued.status_code == 303
    again = client.post(f"{base}/evaluation/report", data={"lang": "en"})
    assert again.headers["Location"] == issued.headers["Location"]  # issued once
    pdf = _download(client, issued.headers["Location"])
    with demo_app.app_context():
        assert check_report(pdf).is_authentic
    text = _pdf_text(pdf)
    assert "Evaluation report – award" in text
    assert "Awarded to: Oslo Grunnarbeid AS" in text
    assert "FOA § 7-9" in text and "Highest total score in the ranking." in text
    assert "Rejected tenders" in text and "Berg & Sønn Anlegg AS" in text
    assert "points = 10 × lowest price / tender price" in text
    checked = client.post(
        "/p/verify",
        data={"report": (io.BytesIO(pdf), "evaluation.pdf")},
        content_type="multipart/form-data",
    )
    result = soup(checked).select_one("#result").find_parent("section").text
    assert "Authentic" in result and "Oslo Grunnarbeid AS" in result and "2026/0877" in result


def test_a_concluded_evaluation_is_fixed_until_reopened_with_a_reason(login, demo_app, street):
    client = login("officer")
    procurement_id, tenders = street
    base = f"/procurements/{procurement_id}"
    quality = ready_to_conclude(client, demo_app, procurement_id, tenders, "5")
    client.post(f"{base}/evaluation/conclude")
    # Fixed: a new score is refused and nothing is recorded.
    score(client, procurement_id, tenders["Oslo"], quality, "9")
    with demo_app.app_context():
        assert [s.points for s in db.session.scalars(select(ManualScore))] == [5, 5]
    short = client.post(f"{base}/evaluation/reopen", data={"reason": "feil"})
    assert short.status_code == 422 and soup(short).select_one("#reason-error")
    assert soup(short).select_one("#reason").text.strip() == "feil"
    reopened = client.post(
        f"{base}/evaluation/reopen", data={"reason": "Kvalitetspoengene må vurderes på nytt."}
    )
    assert reopened.status_code == 303
    with demo_app.app_context():
        procurement = db.session.get(Procurement, procurement_id)
        evaluation = db.session.scalar(select(Evaluation))
        assert procurement.state == "closed"
        assert evaluation.withdrawn_at is not None
        assert evaluation.withdrawn_reason.startswith("Kvalitetspoengene må vurderes på nytt.")
    assert score(client, procurement_id, tenders["Oslo"], quality, "9").status_code == 303
    client.post(f"{base}/evaluation/conclude")
    with demo_app.app_context():
        latest = db.session.scalars(select(Evaluation).order_by(Evaluation.id)).all()
        assert len(latest) == 2 and latest[1].withdrawn_at is None
        oslo = next(e for e in latest[1].data["tenders"] if e["id"] == str(tenders["Oslo"]))
        assert oslo["scores"][str(quality)]["points"] == 9.0


def test_assessing_all_runs_beside_the_request_and_the_page_shows_progress(login, demo_app, street):
    demo_app.config["JOBS"] = "thread"
    client = login("officer")
    procurement_id, _ = street
    response = client.post(f"/procurements/{procurement_id}/evaluation/run")
    assert response.status_code == 303
    deadline = time.monotonic() + 30
    while True:
        page = soup(client.get(response.headers["Location"]))
        if page.find("progress")["value"] == "4" and not page.find(
            "meta", attrs={"http-equiv": "refresh"}
        ):
            break
        assert page.find("meta", attrs={"http-equiv": "refresh"})  # still running: it refreshes
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(page.select("tbody tr")) == 4


def test_a_second_run_is_refused_while_one_is_under_way(login, demo_app, street):
    client = login("officer")
    procurement_id, _ = street
    with demo_app.app_context():
        officer = db.session.scalar(select(User).where(User.role == "officer"))
        db.session.add(
            AssessmentRun(procurement_id=procurement_id, total=4, started_by_id=officer.id)
        )
        db.session.commit()
    refused = client.post(f"/procurements/{procurement_id}/evaluation/run")
    assert refused.status_code == 303
    assert soup(client.get(refused.headers["Location"])).select_one(".flash-error")
    with demo_app.app_context():
        assert db.session.scalar(select(Assessment.id).limit(1)) is None
