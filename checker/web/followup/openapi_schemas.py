"""The schemas of the API's OpenAPI description (checker.web.followup.openapi): the period
report's is the published one (checker/schemas/period-report.schema.json), embedded as it is,
since OpenAPI 3.1 schemas are JSON Schema 2020-12; the others describe the API's answers."""

import json
from functools import cache

from checker.paths import PACKAGE

_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
_PERIOD = {
    "type": "object",
    "required": ["start", "end"],
    "properties": {
        "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"},
    },
}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def problem_response(description: str, headers: dict | None = None) -> dict:
    response = {
        "description": description,
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }
    if headers:
        response["headers"] = headers
    return response


def schemas() -> dict:
    return {
        "PeriodReportDocument": _period_report_schema(),
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details.",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"type": "string"},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["pointer", "path", "detail"],
                        "properties": {
                            "pointer": {
                                "type": "string",
                                "description": "JSON Pointer (RFC 6901) into the body",
                            },
                            "path": {
                                "type": "string",
                                "description": "the field path, as the command line names it",
                            },
                            "detail": {"type": "string"},
                        },
                    },
                },
                "current": ref("PeriodReportSummary"),
            },
        },
        "Contract": {
            "type": "object",
            "required": ["id", "tender_id", "procurement", "links"],
            "properties": {
                "id": {"type": "integer", "description": "the contract's id in this API"},
                "tender_id": {
                    "type": ["string", "null"],
                    "description": "the awarded tender's own tender_id",
                },
                "procurement": {
                    "type": "object",
                    "required": ["title", "reference", "buyer"],
                    "properties": {
                        "title": {"type": "string"},
                        "reference": {"type": "string"},
                        "buyer": {"type": "string"},
                    },
                },
                "links": {
                    "type": "object",
                    "required": ["period_reports", "followup"],
                    "properties": {
                        "period_reports": {"type": "string"},
                        "followup": {"type": "string"},
                    },
                },
            },
        },
        "PeriodReportSummary": {
            "type": "object",
            "required": [
                "id",
                "contract_id",
                "period",
                "version",
                "in_force",
                "accepted",
                "accepted_at",
                "submitted_at",
                "sha256",
                "etag",
                "links",
            ],  # fmt: skip
            "properties": {
                "id": {"type": "integer"},
                "contract_id": {"type": "integer"},
                "period": _PERIOD,
                "version": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "1, and one more for each correction after the buyer accepted the period",
                },
                "in_force": {"type": "boolean", "description": "the newest version of its period"},
                "accepted": {"type": "boolean"},
                "accepted_at": _NULLABLE_TIME,
                "submitted_at": {"type": "string", "format": "date-time"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "etag": {
                    "type": "string",
                    "description": "send it in If-Match to correct the period",
                },
                "links": {
                    "type": "object",
                    "required": ["self"],
                    "properties": {"self": {"type": "string"}},
                },
            },
        },
        "PeriodReport": {
            "allOf": [
                ref("PeriodReportSummary"),
                {
                    "type": "object",
                    "required": ["report"],
                    "properties": {"report": ref("PeriodReportDocument")},
                },
            ]
        },
        "ContractList": {
            "type": "object",
            "required": ["contracts"],
            "properties": {"contracts": {"type": "array", "items": ref("Contract")}},
        },
        "PeriodReportList": {
            "type": "object",
            "required": ["contract", "period_reports"],
            "properties": {
                "contract": ref("Contract"),
                "period_reports": {"type": "array", "items": ref("PeriodReportSummary")},
            },
        },
        "Followup": _followup_schema(),
        "ProblemType": {
            "type": "object",
            "required": ["type", "title", "description"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "description": {"type": "string"},
            },
        },
    }


@cache
def _period_report_schema() -> dict:
    schema = json.loads((PACKAGE / "schemas" / "period-report.schema.json").read_text("utf-8"))
    schema.pop("$schema", None)  # the document's dialect is JSON Schema 2020-12 already
    return schema


def _followup_schema() -> dict:
    """The parts of climate-followup/1 a client relies on (README, "Follow-up result")."""
    verdict = {"enum": ["conforming", "deviating", "incomplete"]}
    period = {
        "type": "object",
        "required": [
            "period",
            "verdict",
            "results",
            "metrics",
            "indicators",
            "deviations",
            "sanctions",
        ],
        "properties": {
            "period": _PERIOD,
            "verdict": verdict,
            "results": {
                "type": "array",
                "items": {"type": "object", "required": ["rule", "status"]},
            },
            "metrics": {"type": "object"},
            "indicators": {"type": "object"},
            "deviations": {
                "type": "array",
                "items": {"type": "object", "required": ["item", "kind", "message"]},
            },
            "sanctions": {"type": "array", "items": {"type": "object"}},
        },
    }
    return {
        "type": "object",
        "required": [
            "format",
            "verdict",
            "ruleset",
            "level",
            "tender",
            "plan",
            "periods",
            "cumulative",
        ],
        "properties": {
            "format": {"const": "climate-followup/1"},
            "verdict": verdict,
            "ruleset": {
                "type": "object",
                "required": ["id", "version", "sha256"],
                "properties": {
                    "id": {"type": "string"},
                    "version": {"type": "string"},
                    "sha256": {"type": "string"},
                },
            },
            "level": {"type": "string"},
            "tender": {"type": "object", "required": ["tender_id", "sha256"]},
            "plan": {"type": "object"},
            "periods": {"type": "array", "items": period},
            "cumulative": {"type": "object", "required": ["period", "metrics", "indicators"]},
        },
    }
