"""Every route with every role: who may read, who may change, who is turned away."""

import pytest
from sqlalchemy import select

from checker.assessment.engine import assess
from checker.web.accounts.users import create_user
from checker.web.evaluation.runs import start_run
from checker.web.exports.queued import request_dossier
from checker.web.extensions import db
from checker.web.models import Assessment
from checker.web.models import AuditEntry
from checker.web.models import Procurement
from checker.web.models import User
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.reports.issuing import request_report
from checker.web.reports.issuing import request_self_declaration
from checker.web.workspace.evidence import attach
from tests.helpers import PASSWORDS

ROLES = ("anonymous", "officer", "auditor", "contractor", "admin", "other_officer")
OTHER_OFFICER = ("officer@annen-kommune.example", "other-officer-2026")
LOGIN = "login"  # redirected to the login page

# Officers and auditors of the buyer read; contractors and admins are refused; another
# organisation's officer does not learn that the procurement exists.
BUYER_READ = (LOGIN, 200, 200, 403, 403, 404)


def OFFICER_DOES(status):  # noqa: N802 - reads as a constant in the table
    return (LOGIN, status, 403, 403, 403, 404)


# endpoint -> (method, url template, expected per role in ROLES order)
MATRIX = {
    "main.health": ("GET", "/health", (200, 200, 200, 200, 200, 200)),
    "main.index": ("GET", "/", (LOGIN, 200, 200, 200, 200, 200)),
    "auth.login": ("GET", "/login", (200, 200, 200, 200, 200, 200)),
    "auth.logout": ("POST", "/logout", (302, 302, 302, 302, 302, 302)),
    "auth.password": ("GET", "/account/password", (LOGIN, 200, 200, 200, 200, 200)),
    "auth.language": ("POST", "/lang/en", (302, 302, 302, 302, 302, 302)),
    "rulesets.index": ("GET", "/rules/", (200, 200, 200, 200, 200, 200)),
    "rulesets.show": ("GET", "/rules/oslo-zero-emission-site/2019", (200, 200, 200, 200, 200, 200)),
    "rulesets.diff": ("GET", "/rules/oslo-zero-emission-site/diff", (200, 200, 200, 200, 200, 200)),
    "public.show": ("GET", "/p/{published_token}", (200, 200, 200, 200, 200, 200)),
    "public.verify": ("GET", "/p/verify", (200, 200, 200, 200, 200, 200)),
    "public.verify_dossier_page": ("GET", "/p/verify/dossier", (200, 200, 200, 200, 200, 200)),
    "public.certificates": ("GET", "/p/verify/certificates.pem", (200, 200, 200, 200, 200, 200)),
    "procurements.index": ("GET", "/procurements/", (LOGIN, 200, 200, 403, 403, 200)),
    "procurements.create": ("GET", "/procurements/new", (LOGIN, 200, 403, 403, 403, 200)),
    "procurements.show": ("GET", "/procurements/{draft}", (LOGIN, 200, 200, 403, 403, 404)),
    "procurements.edit": ("GET", "/procurements/{draft}/edit", (LOGIN, 200, 403, 403, 403, 404)),
    "procurements.choose_ruleset": (
        "GET",
        "/procurements/{draft}/ruleset",
        (LOGIN, 200, 403, 403, 403, 404),
    ),
    "procurements.tailor": (
        "GET",
        "/procurements/{draft}/tailoring",
        (LOGIN, 302, 403, 403, 403, 404),
    ),
    "procurements.award": ("GET", "/procurements/{draft}/award", (LOGIN, 200, 403, 403, 403, 404)),
    "procurements.award_check": (
        "POST",
        "/procurements/{draft}/award/check",
        (LOGIN, 200, 403, 403, 403, 404),
    ),
    "procurements.publish": (
        "POST",
        "/procurements/{draft}/publish",
        (LOGIN, 302, 403, 403, 403, 404),
    ),
    "tenders.show": (
        "GET",
        "/procurements/{closed}/tenders/{tender}",
        (LOGIN, 200, 200, 403, 403, 404),
    ),
    "tenders.issue": (
        "POST",
        "/procurements/{closed}/tenders/{tender}/reports",
        (LOGIN, 400, 400, 403, 403, 404),
    ),
    "tenders.report": ("GET", "/reports/{report}", (LOGIN, 200, 200, 403, 403, 404)),
    "tenders.download": ("GET", "/reports/{report}/download", (LOGIN, 200, 200, 403, 403, 404)),
    "evaluation.index": ("GET", "/procurements/{closed}/evaluation", BUYER_READ),
    "evaluation.run": ("POST", "/procurements/{closed}/evaluation/run", OFFICER_DOES(303)),
    "evaluation.run_status": ("GET", "/procurements/{closed}/evaluation/runs/{run}", BUYER_READ),
    "evaluation.queue": ("GET", "/procurements/{closed}/evaluation/review", BUYER_READ),
    "evaluation.question": (
        "GET",
        "/procurements/{closed}/tenders/{tender}/question?rule=compact-machines-zero-emission&item=M2",
        BUYER_READ,
    ),
    # Empty posts: the officer is told the subject does not exist or the form is incomplete.
    "evaluation.override": (
        "POST",
        "/procurements/{closed}/tenders/{tender}/override",
        OFFICER_DOES(404),
    ),
    "evaluation.decide": (
        "POST",
        "/procurements/{closed}/tenders/{tender}/decision",
        OFFICER_DOES(404),
    ),
    "tenders.score": ("POST", "/procurements/{closed}/tenders/{tender}/scores", OFFICER_DOES(404)),
    "evaluation.assessment": (
        "GET",
        "/procurements/{closed}/tenders/{tender}/assessments/{assessment}",
        BUYER_READ,
    ),
    "evaluation.compare": ("GET", "/procurements/{closed}/compare", BUYER_READ),
    "evaluation.conclude": (
        "POST",
        "/procurements/{closed}/evaluation/conclude",
        OFFICER_DOES(303),
    ),
    "evaluation.reopen": ("POST", "/procurements/{closed}/evaluation/reopen", OFFICER_DOES(422)),
    "evaluation.report": (
        "POST",
        "/procurements/{closed}/evaluation/report",
        (LOGIN, 400, 400, 403, 403, 404),
    ),
    "evaluation.award": ("POST", "/procurements/{closed}/evaluation/award", OFFICER_DOES(422)),
    # Contract follow-up exists once a procurement is awarded (the demo's closed one is not):
    # readers of the buyer get 404 here; see test_web_followup for an awarded contract.
    "followup.officer": (
        "GET",
        "/procurements/{closed}/followup",
        (LOGIN, 404, 404, 403, 403, 404),
    ),
    "followup.officer_json": (
        "GET",
        "/procurements/{closed}/followup.json",
        (LOGIN, 404, 404, 403, 403, 404),
    ),
    "followup.accept": (
        "POST",
        "/procurements/{closed}/followup/periods/1/accept",
        OFFICER_DOES(404),
    ),
    "followup.contract": ("GET", "/contracts/{tender}", (LOGIN, 403, 403, 404, 403, 403)),
    "followup_desk.decide": (
        "POST",
        "/procurements/{closed}/followup/deviations/0123456789abcdef",
        OFFICER_DOES(404),
    ),
    "followup_desk.decide_exception": (
        "POST",
        "/procurements/{closed}/followup/exceptions/E1",
        OFFICER_DOES(404),
    ),
    "followup_desk.issue_report": (
        "POST",
        "/procurements/{closed}/followup/report",
        (LOGIN, 404, 404, 403, 403, 404),
    ),
    # The period form of a contract that is not the contractor's own is 404, like its page.
    "period_form.new": ("GET", "/contracts/{tender}/periods/new", (LOGIN, 403, 403, 404, 403, 403)),
    "period_form.template": (
        "GET",
        "/contracts/{tender}/periods/template.xlsx",
        (LOGIN, 403, 403, 404, 403, 403),
    ),
    # API tokens: the contractor organisation's pages (the demo contractor is its first user).
    "api_tokens.index": ("GET", "/account/api-tokens", (LOGIN, 403, 403, 200, 403, 403)),
    "api_tokens.revoke": (
        "POST",
        "/account/api-tokens/999/revoke",
        (LOGIN, 403, 403, 404, 403, 403),
    ),
    # The JSON API takes a bearer token only: a logged-in session counts for nothing (401).
    "api.openapi": ("GET", "/api/v1/openapi.json", (200,) * 6),
    "api.problem_type": ("GET", "/api/v1/problems/version-conflict", (200,) * 6),
    "api.contracts": ("GET", "/api/v1/contracts", (401,) * 6),
    "api.period_reports": ("GET", "/api/v1/contracts/{tender}/period-reports", (401,) * 6),
    "api.submit": ("POST", "/api/v1/contracts/{tender}/period-reports", (401,) * 6),
    "api.period_report": ("GET", "/api/v1/contracts/{tender}/period-reports/1", (401,) * 6),
    "api.followup": ("GET", "/api/v1/contracts/{tender}/followup", (401,) * 6),
    # Each buyer reads its own organisation's statistics; a procurement not yet awarded has none.
    "statistics.index": ("GET", "/statistics/", (LOGIN, 200, 200, 403, 403, 200)),
    "statistics.export": ("GET", "/statistics/export.csv", (LOGIN, 200, 200, 403, 403, 200)),
    "statistics.figure": ("GET", "/statistics/figure", (LOGIN, 200, 200, 403, 403, 200)),
    "statistics.project": (
        "GET",
        "/statistics/projects/{closed}",
        (LOGIN, 404, 404, 403, 403, 404),
    ),
    "statistics.publish_statistics": (
        "POST",
        "/statistics/publish",
        OFFICER_DOES(303)[:5] + (303,),
    ),
    "statistics.withdraw_statistics": (
        "POST",
        "/statistics/withdraw",
        OFFICER_DOES(303)[:5] + (303,),
    ),
    "statistics.issue_annual_report": (
        "POST",
        "/statistics/report",
        (LOGIN, 400, 400, 403, 403, 400),
    ),
    "statistics.annual_report": ("GET", "/statistics/reports/1", (LOGIN, 404, 404, 403, 403, 404)),
    "statistics.annual_report_download": (
        "GET",
        "/statistics/reports/1/download",
        (LOGIN, 404, 404, 403, 403, 404),
    ),
    # An organisation that has not published its statistics has no public address.
    "open_statistics.document": ("GET", "/open/statistics/944444408.json", (404,) * 6),
    "open_statistics.table": ("GET", "/open/statistics/944444408.csv", (404,) * 6),
    "main.accessibility": ("GET", "/tilgjengelighetserklaering", (200,) * 6),
    "audit.index": ("GET", "/audit/", (LOGIN, 200, 200, 403, 403, 200)),
    "audit.entry": ("GET", "/audit/entries/{entry}", (LOGIN, 200, 200, 403, 403, 404)),
    "audit.decisions": ("GET", "/audit/decisions", (LOGIN, 200, 200, 403, 403, 200)),
    "audit.reports": ("GET", "/audit/reports", (LOGIN, 200, 200, 403, 403, 200)),
    "audit.chain": ("GET", "/audit/chain", (LOGIN, 200, 200, 403, 403, 200)),
    # What someone typed before their session ended is theirs alone: no one else finds it.
    "auth.kept_form": ("GET", "/session/kept/not-a-token", (LOGIN, 404, 404, 404, 404, 404)),
    "audit.dossier": (
        "POST",
        "/audit/procurements/{closed}/dossier",
        (LOGIN, 303, 303, 403, 403, 404),
    ),
    "audit.dossier_status": ("GET", "/audit/dossiers/{dossier}", (LOGIN, 200, 200, 403, 403, 404)),
    "audit.dossier_download": (
        "GET",
        "/audit/dossiers/{dossier}/download",
        (LOGIN, 200, 200, 403, 403, 404),
    ),
    "audit.ocds": (
        "GET",
        "/audit/procurements/{closed}/ocds.json",
        (LOGIN, 200, 200, 403, 403, 404),
    ),
    "admin.users": ("GET", "/admin/users", (LOGIN, 403, 403, 403, 200, 403)),
    "admin.create": ("GET", "/admin/users/new", (LOGIN, 403, 403, 403, 200, 403)),
    # The contractor's self-assessment: no account needed.
    "intake.start": ("GET", "/self-assessment", (200, 200, 200, 200, 200, 200)),
    "intake.start_for_procurement": (
        "POST",
        "/p/{published_token}/self-assessment",
        (302, 302, 302, 302, 302, 302),
    ),
    "intake.ruleset_template": (
        "GET",
        "/rules/dfo-fossil-free-site/1.0/template.xlsx",
        (200, 200, 200, 200, 200, 200),
    ),
    # A bid: its own contractor only while the deadline is open (see test_web_bids for both
    # the /self/<token> twins of these routes and the frozen bid).
    "intake.show": ("GET", "/bids/{bid}", (LOGIN, 404, 404, 200, 404, 404)),
    "intake.export": ("GET", "/bids/{bid}/list.xlsx", (LOGIN, 404, 404, 200, 404, 404)),
    # An auditor changes nothing: a change to any bid answers 403 for the role.
    "intake.upload": ("POST", "/bids/{bid}/upload", (LOGIN, 404, 403, 422, 404, 404)),
    "intake.details": ("GET", "/bids/{bid}/details", (LOGIN, 404, 404, 200, 404, 404)),
    "intake.documents": ("GET", "/bids/{bid}/documents", (LOGIN, 404, 404, 200, 404, 404)),
    "intake.self_declaration": (
        "GET",
        "/bids/{bid}/self-declaration.pdf",
        (LOGIN, 404, 404, 302, 404, 404),
    ),
    # A self-declaration: the browser that asked for it, or the bid's own contractor.
    "own_reports.show": ("GET", "/own-reports/{own_report}", (404, 404, 404, 200, 404, 404)),
    "own_reports.download": (
        "GET",
        "/own-reports/{own_report}/download",
        (404, 404, 404, 200, 404, 404),
    ),
    "entries.add": (
        "GET",
        "/bids/{bid}/entries/machines/new",
        (LOGIN, 404, 404, 200, 404, 404),
    ),
    "entries.edit": ("GET", "/bids/{bid}/entries/machines/M1", (LOGIN, 404, 404, 200, 404, 404)),
    "bids.start": ("POST", "/p/{published_token}/bid", (LOGIN, 403, 403, 302, 403, 403)),
    "bids.submit": ("POST", "/bids/{bid}/submit", (LOGIN, 404, 403, 302, 403, 404)),
    "bids.evidence": ("POST", "/bids/{bid}/evidence", (LOGIN, 404, 403, 422, 403, 404)),
    "bids.evidence_download": (
        "GET",
        "/bids/{bid}/evidence/{evidence}",
        (LOGIN, 404, 404, 200, 403, 404),
    ),
    # Changes last: they alter what the routes above read.
    "entries.copy": (
        "POST",
        "/bids/{bid}/entries/machines/M1/copy",
        (LOGIN, 404, 403, 302, 404, 404),
    ),
    "entries.remove": (
        "POST",
        "/bids/{bid}/entries/machines/M1-2/remove",
        (LOGIN, 404, 403, 302, 404, 404),
    ),
    "bids.evidence_remove": (
        "POST",
        "/bids/{bid}/evidence/{evidence}/remove",
        (LOGIN, 404, 403, 302, 403, 404),
    ),
    # Steps asked for once more, and the searchable tender list (read nothing sealed).
    "procurements.confirm_publish": ("GET", "/procurements/{draft}/publish", OFFICER_DOES(302)),
    "evaluation_steps.conclude": (
        "GET",
        "/procurements/{closed}/evaluation/conclude",
        OFFICER_DOES(303),
    ),
    "evaluation_steps.award": (
        "POST",
        "/procurements/{closed}/evaluation/award/confirm",
        OFFICER_DOES(422),
    ),
    "tenders.index": ("GET", "/tenders/", (LOGIN, 200, 200, 403, 403, 200)),
    # The receipt of a submitted bid: its own contractor (the demo bid is a draft: no receipt).
    "bids.receipt": ("GET", "/bids/{bid}/receipt", (LOGIN, 404, 404, 302, 403, 404)),
    # Mail written to the instance folder: to a browser on this machine, whoever it is.
    "notices.index": ("GET", "/dev/mail/", (200, 200, 200, 200, 200, 200)),
    "notices.show": ("GET", "/dev/mail/none", (404, 404, 404, 404, 404, 404)),
    # Accounts of contractors on their own: registration, links from e-mail, colleagues.
    "accounts.register": ("GET", "/register", (200, 200, 200, 200, 200, 200)),
    "accounts.confirm": ("GET", "/register/confirm/x", (404, 404, 404, 404, 404, 404)),
    "accounts.forgot": ("GET", "/password/forgot", (200, 200, 200, 200, 200, 200)),
    "accounts.reset": ("GET", "/password/reset/x", (404, 404, 404, 404, 404, 404)),
    "accounts.accept": ("GET", "/invitation/x", (404, 404, 404, 404, 404, 404)),
    "accounts.colleagues": ("GET", "/account/colleagues", (LOGIN, 200, 200, 200, 200, 200)),
    "admin.organisations": ("GET", "/admin/organisations", (LOGIN, 403, 403, 403, 200, 403)),
    "admin.decide": (
        "POST",
        "/admin/organisations/999999/approve",
        (LOGIN, 403, 403, 403, 404, 403),
    ),
}
# A published procurement is frozen: even its own officer gets 409 on every change.
FROZEN = (
    "procurements.edit",
    "procurements.choose_ruleset",
    "procurements.tailor",
    "procurements.award",
    "procurements.publish",
)


@pytest.fixture
def ids(demo_app, snapshots):
    """The demo with one of everything a route can name (another organisation's officer, a
    report, a run, evidence, a self-declaration): made once, copied for each test."""
    return snapshots.take("access", demo_app, lambda: _one_of_everything(demo_app))


def _one_of_everything(demo_app):
    with demo_app.app_context():
        create_user(
            OTHER_OFFICER[0],
            "Annen Saksbehandler",
            "officer",
            "Annen kommune",
            "974760673",
            OTHER_OFFICER[1],
        )
        db.session.commit()
        found = {p.state: p for p in db.session.scalars(select(Procurement))}
        # Fjordbygg's: its exception request for M2 is what the question route asks about.
        tender = next(t for t in found["closed"].tenders if t.organisation.name.startswith("Fjord"))
        # The demo's officer, not the other organisation's one made above.
        officer = db.session.scalar(select(User).where(User.email == PASSWORDS["officer"][0]))
        report = request_report(tender, "compliance", "summary", "nb", officer)
        dossier = request_dossier(found["closed"], officer)
        db.session.commit()
        with demo_app.test_request_context():
            run = start_run(found["closed"], officer)
        assessment = db.session.scalar(select(Assessment).where(Assessment.tender_id == tender.id))
        entry = db.session.scalar(
            select(AuditEntry.seq).where(AuditEntry.procurement_id == found["closed"].id).limit(1)
        )
        bid = found["published"].tenders[0]
        evidence = attach(bid, "fuels:F1", "cert.pdf", b"%PDF-1.7 certificate", bid_owner(bid))
        db.session.commit()
        own_report = request_self_declaration(
            bid.data,
            assess(chosen_ruleset(bid.procurement), bid.procurement.level, None, bid.data),
            chosen_ruleset(bid.procurement),
            "nb",
            tender=bid,
            procurement_id=bid.procurement_id,
            user=bid_owner(bid),
        )
        return {
            "bid": bid.id,
            "evidence": evidence.id,
            "own_report": own_report.id,
            "draft": found["draft"].id,
            "published": found["published"].id,
            "published_token": found["published"].public_token,
            "closed": found["closed"].id,
            "tender": tender.id,
            "report": report.id,
            "run": run.id,
            "assessment": assessment.id,
            "entry": entry,
            "dossier": dossier.id,
        }


def bid_owner(tender) -> User:
    return db.session.scalar(select(User).where(User.organisation_id == tender.organisation_id))


def _client(app, role):
    client = app.test_client()
    if role == "anonymous":
        return client
    email, password = OTHER_OFFICER if role == "other_officer" else PASSWORDS[role]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    return client


def _outcome(response):
    if response.status_code == 302 and "/login" in response.headers["Location"]:
        return LOGIN
    return response.status_code


def test_the_matrix_covers_every_route(demo_app):
    endpoints = {
        rule.endpoint for rule in demo_app.url_map.iter_rules() if rule.endpoint != "static"
    }
    assert endpoints == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_with_every_role(demo_app, ids, role):
    client = _client(demo_app, role)
    for endpoint, (method, url, expected) in MATRIX.items():
        if endpoint == "auth.logout":
            continue  # would end the session for the routes after it; checked on its own below
        response = client.open(url.format(**ids), method=method)
        assert _outcome(response) == expected[ROLES.index(role)], (
            endpoint,
            role,
            response.status_code,
        )


@pytest.mark.parametrize("role", ROLES)
def test_logout(demo_app, ids, role):
    response = _client(demo_app, role).post("/logout")
    assert response.status_code == 302


@pytest.mark.parametrize("endpoint", FROZEN)
def test_published_procurement_is_frozen(demo_app, ids, endpoint):
    method, url, _ = MATRIX[endpoint]
    response = _client(demo_app, "officer").open(
        url.replace("{draft}", str(ids["published"])), method=method
    )
    assert response.status_code == 409


def test_draft_has_no_public_page(demo_app):
    with demo_app.app_context():
        draft = db.session.scalar(select(Procurement).where(Procurement.state == "draft"))
        token = draft.public_token
    assert demo_app.test_client().get(f"/p/{token}").status_code == 404


# Routes that take a POST but change nothing an auditor must not change, and why.
NOT_CHANGES = {
    "auth.login": "starts the user's own session",
    "auth.logout": "ends the user's own session",
    "auth.language": "the user's own language choice",
    "auth.password": "the user's own password",
    "public.verify": "checks an uploaded PDF; stores nothing",
    "public.verify_dossier_page": "checks an uploaded dossier; stores nothing",
    "tenders.issue": "issues the report of frozen data, as downloading one does",
    "evaluation.report": "issues the report of a concluded evaluation, as downloading one does",
    "statistics.issue_annual_report": "issues the report of counted figures, as exporting does",
    "audit.dossier": "makes the dossier of what is recorded, as downloading one did",
    "auth.kept_form": "discards what the user had typed themselves",
    "followup_desk.issue_report": "issues the follow-up report, as downloading one does",
    "intake.start": "starts an anonymous self-assessment, which anyone may do",
    "intake.start_for_procurement": "starts an anonymous self-assessment, which anyone may do",
    "accounts.register": "registers a new contractor organisation, which anyone may do",
    "accounts.forgot": "sends a reset link to the address given, which anyone may ask for",
    "accounts.reset": "the holder of a reset link sets that account's password",
    "accounts.accept": "the holder of an invitation makes their own account",
    "accounts.colleagues": "only contractors invite; for anyone else it changes nothing",
    "api.submit": "takes an organisation's API token, never a session: 401 to any user",
}


def _mutating_endpoints(app) -> list[str]:
    changing = {"POST", "PUT", "PATCH", "DELETE"}
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if rule.methods & changing})


def test_auditor_cannot_change_anything(demo_app, ids):
    """Every route that can change data answers 403 to an auditor, and the audit trail shows
    that nothing was changed in the auditor's name."""
    client = _client(demo_app, "auditor")
    mutating = [e for e in _mutating_endpoints(demo_app) if e not in NOT_CHANGES]
    assert "procurements.publish" in mutating and "admin.create" in mutating
    for endpoint in mutating:
        _, url, _ = MATRIX[endpoint]
        response = client.post(url.format(**ids), data={"title": "x", "name": "x"})
        assert response.status_code == 403, endpoint
    with demo_app.app_context():
        auditor_id = db.session.scalar(select(User.id).where(User.role == "auditor"))
        done = db.session.scalars(
            select(AuditEntry.kind).where(AuditEntry.actor_id == auditor_id)
        ).all()
    assert set(done) == {"login"}
