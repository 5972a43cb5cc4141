"""Database models, one module per feature: accounts, procurements (with tenders, evidence and
self-assessment drafts), evaluation (review and award), contract follow-up (period reports),
climate statistics, API tokens, reports, notices and the audit trail.

A model may name the procurement and organisation its rows belong to with the properties
`audit_procurement_id` and `audit_organisation_id`, so the audit trail can be filtered by them;
`__audit_redacted__` names columns whose values the trail must not keep (see
checker.web.audit.recording). Importing this package registers every table with the metadata.
"""

from checker.web.models.accounts import ORGANISATION_KINDS
from checker.web.models.accounts import ORGANISATION_STATUSES
from checker.web.models.accounts import ROLES
from checker.web.models.accounts import Organisation
from checker.web.models.accounts import User
from checker.web.models.api import ApiToken
from checker.web.models.api import ApiTokenUse
from checker.web.models.audit import APPEND_ONLY_SQL
from checker.web.models.audit import AuditCheckpoint
from checker.web.models.audit import AuditEntry
from checker.web.models.base import UtcDateTime
from checker.web.models.base import render_migration_type
from checker.web.models.deviations import DEVIATION_DECISIONS
from checker.web.models.deviations import DeviationDecision
from checker.web.models.deviations import PeriodReminder
from checker.web.models.evaluation import DECISIONS
from checker.web.models.evaluation import RUN_STATES
from checker.web.models.evaluation import Assessment
from checker.web.models.evaluation import AssessmentRun
from checker.web.models.evaluation import AwardDecision
from checker.web.models.evaluation import Evaluation
from checker.web.models.evaluation import ExceptionDecision
from checker.web.models.evaluation import ManualScore
from checker.web.models.evaluation import Override
from checker.web.models.exports import DossierExport
from checker.web.models.followup import PeriodReport
from checker.web.models.limits import KeptForm
from checker.web.models.limits import RateEvent
from checker.web.models.notices import NOTICE_KINDS
from checker.web.models.notices import Notice
from checker.web.models.pages import THE_REVISION
from checker.web.models.pages import PageRevision
from checker.web.models.procurements import EVIDENCE_KINDS
from checker.web.models.procurements import STATES
from checker.web.models.procurements import AwardCriterion
from checker.web.models.procurements import EvidenceFile
from checker.web.models.procurements import Procurement
from checker.web.models.procurements import SelfAssessmentDraft
from checker.web.models.procurements import Tender
from checker.web.models.reports import REPORT_STATES
from checker.web.models.reports import IssuedReport
from checker.web.models.statistics import StatisticContribution
from checker.web.models.statistics import StatisticCoverage
from checker.web.models.statistics import StatisticFactorFile
from checker.web.models.statistics import StatisticMonth
from checker.web.models.statistics import StatisticRevision
from checker.web.models.statistics import StatisticsPublication

__all__ = [
    "UtcDateTime",
    "render_migration_type",
    "ROLES",
    "ORGANISATION_KINDS",
    "Organisation",
    "User",
    "STATES",
    "Procurement",
    "AwardCriterion",
    "Tender",
    "EVIDENCE_KINDS",
    "EvidenceFile",
    "SelfAssessmentDraft",
    "REPORT_STATES",
    "IssuedReport",
    "AuditEntry",
    "AuditCheckpoint",
    "APPEND_ONLY_SQL",
    "RUN_STATES",
    "AssessmentRun",
    "Assessment",
    "DECISIONS",
    "ExceptionDecision",
    "Override",
    "ManualScore",
    "Evaluation",
    "AwardDecision",
    "NOTICE_KINDS",
    "Notice",
    "ORGANISATION_STATUSES",
    "PeriodReport",
    "DEVIATION_DECISIONS",
    "DeviationDecision",
    "PeriodReminder",
    "ApiToken",
    "ApiTokenUse",
    "RateEvent",
    "KeptForm",
    "DossierExport",
    "StatisticFactorFile",
    "StatisticContribution",
    "StatisticMonth",
    "StatisticCoverage",
    "StatisticRevision",
    "StatisticsPublication",
    "PageRevision",
    "THE_REVISION",
]
