"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

The description is in English, as the formats and their schemas are (openapi_schemas); the
problems' texts follow the request's language.
"""

from flask_babel import lazy_gettext as _l

from checker import __version__
from checker.web.followup.openapi_schemas import json_content
from checker.web.followup.openapi_schemas import problem_response
from checker.web.followup.openapi_schemas import ref
from checker.web.followup.openapi_schemas import schemas

PROBLEM_TYPES = {
    "invalid-period-report": (
        _l("The period report is not valid"),
        _l("Each problem is in errors[], named by its field (a JSON Pointer and a path)."),
    ),
    "version-conflict": (
        _l("The period has another version now"),
        _l("Read the period report again and send its ETag in If-Match to correct it."),
    ),
    "followup-unavailable": (
        _l("The follow-up cannot be computed"),
        _l("The detail says why; the buyer's officer can see the same on their page."),
    ),
    "no-period-reports": (
        _l("No period report yet"),
        _l("The follow-up is computed once the first period report is received."),
    ),
}

_ID = {
    "name": "contract_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
_REPORT_ID = {
    "name": "report_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "the period report's version"}}
_ERRORS = {
    "401": problem_response(
        "No token, or one that is not valid or revoked.",
        {
            "WWW-Authenticate": {
                "schema": {"type": "string"},
                "description": 'Bearer realm="klimakravsjekk"',
            }
        },
    ),
    "429": problem_response(
        "Too many calls with this token (API_RATE_LIMIT).",
        {"Retry-After": {"schema": {"type": "string"}}},
    ),
}
_NOT_FOUND = {
    "404": problem_response("No such contract of the token's organisation (or no such report).")
}


def _paths() -> dict:
    return {
        "/contracts": {
            "get": {
                "operationId": "listContracts",
                "summary": "The organisation's contracts in follow-up (its awarded tenders)",
                "responses": {
                    "200": {
                        "description": "The contracts",
                        "content": json_content(ref("ContractList")),
                    },
                    **_ERRORS,
                },
            }
        },
        "/contracts/{contract_id}/period-reports": {
            "parameters": [_ID],
            "get": {
                "operationId": "listPeriodReports",
                "summary": "Every version of every period report of the contract",
                "responses": {
                    "200": {
                        "description": "The period reports",
                        "content": json_content(ref("PeriodReportList")),
                    },
                    **_NOT_FOUND,
                    **_ERRORS,
                },
            },
            "post": {
                "operationId": "submitPeriodReport",
                "summary": "Submit a period report, or correct one",
                "description": (
                    "A new period is created (201). A period that has a report already is corrected "
                    "only with If-Match naming its current ETag: in place while the buyer has not "
                    "accepted it (200), else as a new version (201; both are kept). Without If-Match, "
                    "or with another ETag, the answer is 409 with the current version."
                ),
                "parameters": [
                    {
                        "name": "If-Match",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "the ETag of the period report being corrected",
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": json_content(ref("PeriodReportDocument")),
                },
                "responses": {
                    "200": {
                        "description": "Corrected in place",
                        "headers": _ETAG,
                        "content": json_content(ref("PeriodReport")),
                    },
                    "201": {
                        "description": "Received (a new period or a new version)",
                        "headers": _ETAG | {"Location": {"schema": {"type": "string"}}},
                        "content": json_content(ref("PeriodReport")),
                    },
                    "400": problem_response("The body is not UTF-8 text."),
                    **_NOT_FOUND,
                    "409": problem_response(
                        "The period has a report already: the problem's current is it", _ETAG
                    ),
                    "413": problem_response("Larger than 5 MB."),
                    "415": problem_response("Not sent as application/json."),
                    "422": problem_response("Not valid: every problem is in errors[]."),
                    **_ERRORS,
                },
            },
        },
        "/contracts/{contract_id}/period-reports/{report_id}": {
            "parameters": [_ID, _REPORT_ID],
            "get": {
                "operationId": "getPeriodReport",
                "summary": "One version of a period report, with the report as received",
                "responses": {
                    "200": {
                        "description": "The period report",
                        "headers": _ETAG,
                        "content": json_content(ref("PeriodReport")),
                    },
                    **_NOT_FOUND,
                    **_ERRORS,
                },
            },
        },
        "/contracts/{contract_id}/followup": {
            "parameters": [_ID],
            "get": {
                "operationId": "getFollowup",
                "summary": "The contract's follow-up (climate-followup/1) over the periods in force",
                "responses": {
                    "200": {
                        "description": "The follow-up",
                        "content": json_content(ref("Followup")),
                    },
                    "404": problem_response(
                        "No such contract, or no period report yet (no-period-reports)."
                    ),
                    "409": problem_response(
                        "The follow-up cannot be computed now (followup-unavailable)."
                    ),
                    **_ERRORS,
                },
            },
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApi",
                "summary": "This description",
                "security": [],
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": json_content({"type": "object"}),
                    }
                },
            }
        },
        "/problems/{kind}": {
            "parameters": [
                {"name": "kind", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "operationId": "getProblemType",
                "summary": "What a problem type of this API means",
                "security": [],
                "responses": {
                    "200": {
                        "description": "The problem type",
                        "content": json_content(ref("ProblemType")),
                    },
                    "404": problem_response("No such problem type."),
                },
            },
        },
    }


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Klimakravsjekk: period reports API",
            "version": __version__,
            "description": (
                "Period reports (climate-period-report/1) of a contractor organisation's awarded "
                "contracts, and their follow-up (climate-followup/1). Authenticate with an API "
                "token made by the organisation's administrator (Account, API tokens): "
                "Authorization: Bearer <token>. Errors are RFC 9457 problem details, in Norwegian "
                "unless Accept-Language asks for English."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerToken": []}],
        "components": {
            "securitySchemes": {"bearerToken": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas(),
        },
        "paths": _paths(),
    }
