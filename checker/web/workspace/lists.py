"""The machine list a contractor works on: an anonymous self-assessment draft, or a bid.

Views get a Workspace and never ask which of the two it is, except where a bid can do more
(submit, evidence). Access is decided here: a draft is reached only through its private link;
a bid by its own contractor, and by the buyer's officers and auditors once it is frozen.
"""

import copy
from dataclasses import dataclass

from flask import abort
from flask import current_app
from flask import make_response
from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from checker.assessment.advice import advise
from checker.assessment.engine import assess
from checker.formats.inputs import InputError
from checker.formats.inputs import Problem
from checker.formats.tender import validate_tender
from checker.rulesets.ruleset import Ruleset
from checker.web import limits
from checker.web.access import BUYER_READERS
from checker.web.access import MAX_ID
from checker.web.concurrency import lock
from checker.web.errors import render_error
from checker.web.extensions import db
from checker.web.models import SelfAssessmentDraft
from checker.web.models import Tender
from checker.web.procurements.workflow import chosen_ruleset
from checker.web.procurements.workflow import library
from checker.web.workspace.freeze import freeze_if_due

# Stands in for the contractor while a self-check has no company details yet; never shown.
PLACEHOLDER_CONTRACTOR = {"name": "–", "org_number": "999999999"}


@dataclass
class Workspace:
    record: SelfAssessmentDraft | Tender
    ruleset: Ruleset
    level: str
    tailoring: dict | None

    @property
    def is_bid(self) -> bool:
        return isinstance(self.record, Tender)

    @property
    def procurement(self):
        return self.record.procurement

    @property
    def key(self) -> dict:
        return (
            {"tender_id": self.record.id} if self.is_bid else {"token": self.record.private_token}
        )

    def url(self, endpoint: str, **values) -> str:
        return url_for(endpoint, **self.key, **values)

    @property
    def data(self) -> dict:
        return copy.deepcopy(self.record.data or {})

    @property
    def rejected(self) -> list:
        return list(self.record.rejected or [])

    def save(self, data: dict, rejected: list | None = None) -> bool:
        """Store new data; returns True when a submitted bid became a draft again by it
        (a form saved without a change leaves a submission standing)."""
        if not self.is_bid:
            refuse_if_full(data)
        changed = data != (self.record.data or {})
        self.record.data = data
        if rejected is not None:
            self.record.rejected = rejected
        withdrawn = changed and self.is_bid and self.record.status == "submitted"
        if withdrawn:
            self.record.status, self.record.submitted_at = "draft", None
        db.session.commit()
        return withdrawn

    def save_rejected(self, rejected: list) -> None:
        self.record.rejected = rejected
        db.session.commit()

    def lock(self) -> None:
        """Take the record's write lock and read it afresh: a change is then made on top of what
        is stored now, and two changes to one list take turns instead of one undoing the other."""
        lock(self.record)


ENTRY_LISTS = ("machines", "vehicles", "heating", "fuels", "exceptions")


def refuse_if_full(data: dict) -> None:
    """An anonymous draft holds at most MAX_DRAFT_ENTRIES entries: every page view assesses
    it, and nobody answers for a draft's cost. A bid (with an account) has no such limit."""
    most = current_app.config["MAX_DRAFT_ENTRIES"]
    if sum(len(data.get(name) or []) for name in ENTRY_LISTS) > most:
        grouped = f"{most:,}".replace(",", "\u00a0")  # 2 000, as Norwegian writes it
        message = _(
            "A self-assessment without an account holds at most %(n)s entries; nothing was "
            "saved. Remove entries, or prepare a bid with an account.",
            n=grouped,
        )
        abort(make_response(render_error(422, message)))


def skeleton(ruleset: Ruleset, procurement_block: dict | None) -> dict:
    """The tender a self-assessment starts from: no entries, no company details yet."""
    block = procurement_block or {
        "reference": f"{ruleset.id} {ruleset.version}",
        "title": ruleset.title["nb"],
        "buyer": "–",
    }
    return {
        "format": "climate-tender/1",
        "tender_id": "self-assessment",
        "procurement": block,
        "contractor": {"name": "", "org_number": ""},
        "price_nok": 0,
    }


def refuse_frozen():
    message = _(
        "The tender deadline has passed: this bid is frozen and nobody can change it any more."
    )
    abort(make_response(render_error(409, message)))


def draft_workspace(token: str, change: bool = False) -> Workspace:
    draft = db.session.scalar(
        select(SelfAssessmentDraft).where(SelfAssessmentDraft.private_token == token)
    )
    if draft is None:
        abort(404)
    if change:
        lock(draft)
    ruleset = library().get(draft.ruleset_id, draft.ruleset_version)
    tailoring = draft.procurement.tailoring if draft.procurement else None
    return Workspace(draft, ruleset, draft.level, tailoring or None)


def bid_workspace(tender_id: int, change: bool) -> Workspace:
    """A bid for its contractor; for the buyer's officers and auditors only once frozen."""
    tender = db.session.get(Tender, tender_id) if 0 < tender_id <= MAX_ID else None
    if not current_user.is_authenticated:
        abort(current_app.login_manager.unauthorized())
    if change and current_user.role == "auditor":
        abort(403)  # an auditor changes nothing anywhere: the role alone says so, whatever the bid
    if tender is None:
        abort(404)
    owner = (
        current_user.role == "contractor" and tender.organisation_id == current_user.organisation_id
    )
    buyer = (
        current_user.role in BUYER_READERS
        and tender.procurement.organisation_id == current_user.organisation_id
    )
    if not owner and not buyer:
        abort(404)  # no hint that another organisation's bid exists
    frozen = freeze_if_due(tender)
    if not owner and not (frozen and tender.status == "submitted"):
        abort(404)  # sealed for the buyer until the deadline
    if change and frozen:
        refuse_frozen()
    if change and not owner:
        abort(403)
    if change:
        lock(tender)
    procurement = tender.procurement
    return Workspace(
        tender, chosen_ruleset(procurement), procurement.level, procurement.tailoring or None
    )


def load(token: str | None = None, tender_id: int | None = None, change: bool = False):
    """The workspace; with change=True its record is locked and read afresh (see lock)."""
    if token is not None:
        return draft_workspace(token, change)
    return bid_workspace(tender_id, change)


def _with_placeholders(data: dict) -> dict:
    """The tender with stand-ins for what a self-check can do without (company, price)."""
    tender = dict(data)
    tender["contractor"] = PLACEHOLDER_CONTRACTOR
    tender["price_nok"] = tender.get("price_nok") or 0
    return tender


COMPANY_FIELDS = ("contractor", "price_nok")


@dataclass
class Result:
    problems: list[Problem]  # of the tender as it stands (empty when it is complete and valid)
    assessment: dict | None  # None while entries themselves have problems
    advice: list[dict]

    @property
    def company_incomplete(self) -> bool:
        """Company details or price are missing or wrong (needed for the declaration only)."""
        return any(p.path.startswith(COMPANY_FIELDS) for p in self.problems)

    @property
    def list_problems(self) -> list[Problem]:
        return [p for p in self.problems if not p.path.startswith(COMPANY_FIELDS)]


def evaluate(workspace: Workspace) -> Result:
    """Validate the tender and, when its entries allow, assess it and advise on what fails."""
    if not workspace.is_bid:
        limits.limit_address(
            "assessment",
            "ASSESSMENTS_PER_ADDRESS",
            _("Many self-assessments have been checked from your address in the last hour."),
        )
    data = workspace.data
    try:
        validate_tender(data)
        problems, tender = [], data
    except InputError as err:
        problems = err.problems
        try:
            tender = validate_tender(_with_placeholders(data))
        except InputError as entries_err:
            # Checks beyond the schema run only on a schema-valid tender: these are they.
            company = [p for p in problems if p.path.startswith(COMPANY_FIELDS)]
            return Result(company + entries_err.problems, None, [])
    assessment = assess(workspace.ruleset, workspace.level, workspace.tailoring, tender)
    return Result(problems, assessment, advise(assessment, workspace.ruleset, tender))
