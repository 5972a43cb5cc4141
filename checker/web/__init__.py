"""The web application: create_app(test_config=None) builds it. Nothing else lives here."""

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from checker.paths import PACKAGE
from checker.paths import shipped
from checker.reports.wording import REPORT_LANGUAGE_NAMES
from checker.web import errors
from checker.web import faults
from checker.web import i18n
from checker.web import pagecache
from checker.web import security
from checker.web import sessions
from checker.web import signing
from checker.web.accounts import admin_views as admin
from checker.web.accounts import registration_views as accounts
from checker.web.accounts import views as auth
from checker.web.audit import recording as audit
from checker.web.audit import views as audit_views
from checker.web.config import default_config
from checker.web.dashboard import views as main
from checker.web.evaluation import step_views as evaluation_steps
from checker.web.evaluation import tender_views as tenders
from checker.web.evaluation import views as evaluation
from checker.web.extensions import babel
from checker.web.extensions import csrf
from checker.web.extensions import db
from checker.web.extensions import limiter
from checker.web.extensions import login_manager
from checker.web.extensions import migrate
from checker.web.followup import api as followup_api
from checker.web.followup import desk_views as followup_desk
from checker.web.followup import form_views as period_forms
from checker.web.followup import token_views as api_tokens
from checker.web.followup import views as contract_followup
from checker.web.jobs import queue as jobs
from checker.web.models import render_migration_type
from checker.web.notices import outbox
from checker.web.notices import views as notices
from checker.web.procurements import deadlines
from checker.web.procurements import views as procurements
from checker.web.public import views as public
from checker.web.reports import views as own_reports
from checker.web.rulesets import views as rulesets
from checker.web.statistics import public_views as open_statistics
from checker.web.statistics import views as climate_statistics
from checker.web.workspace import bid_views as bids
from checker.web.workspace import entry_views as entries
from checker.web.workspace import views as intake


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=os.environ.get("CHECKER_INSTANCE_PATH") or None,
        template_folder=str(shipped("templates")),
        static_folder=str(PACKAGE / "static"),
        instance_relative_config=True,
    )
    app.config.from_mapping(default_config(Path(app.instance_path)))
    if test_config:
        app.config.from_mapping(test_config)
    signing.init_app(app)
    db.init_app(app)
    faults.ping_when_idle(app)
    audit.install()
    pagecache.install()
    migrate.init_app(
        app,
        db,
        directory=str(PACKAGE / "migrations"),
        render_as_batch=True,
        compare_type=True,
        render_item=render_migration_type,
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app, babel)
    security.init_app(app)
    sessions.init_app(app)
    errors.init_app(app)
    deadlines.init_app(app)
    outbox.init_app(app)
    for module in (
        auth,
        accounts,
        main,
        rulesets,
        procurements,
        public,
        admin,
        tenders,
        evaluation,
        evaluation_steps,
        audit_views,
        intake,
        entries,
        bids,
        own_reports,
        notices,
        contract_followup,
        followup_desk,
        followup_api,
        period_forms,
        api_tokens,
        climate_statistics,
        open_statistics,
    ):
        app.register_blueprint(module.bp)
    app.jinja_env.globals.update(queued_job=jobs.state_of, job_max_attempts=jobs.MAX_ATTEMPTS)
    # Reports are written in bokmål, nynorsk and English, whatever the pages' languages are.
    app.jinja_env.globals.update(report_language_names=REPORT_LANGUAGE_NAMES)
    if not app.testing:
        faults.refuse_read_only(app)  # a server on a read-only database would only fail later
    proxies = int(os.environ.get("CHECKER_PROXY_COUNT", "0") or 0)
    if proxies:
        # Behind a reverse proxy, login throttling must count the client, not the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    return app
