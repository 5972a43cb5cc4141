"""The API's OpenAPI 3.1 description is valid, names every route the API has, and every real
answer of every endpoint, success and error, fits the schema it documents."""

import json
import re

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry
from referencing import Resource
from referencing.jsonschema import DRAFT202012
from sqlalchemy import select

from checker.web.extensions import db
from checker.web.models import ApiToken
from checker.web.models import Tender
from tests.helpers import APRIL
from tests.helpers import bearer
from tests.helpers import post_report

ROOT = "urn:openapi"


def _escape(step: str) -> str:
    return step.replace("~", "~0").replace("/", "~1")


class Spec:
    """The served document, and the checks of answers against it."""

    def __init__(self, document: dict):
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(ROOT, resource)
        self.seen: set[tuple[str, str, str]] = set()

    def template_of(self, path: str) -> str:
        for template in self.document["paths"]:
            pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
            if re.fullmatch("/api/v1" + pattern, path):
                return template
        raise AssertionError(f"{path} is not in the description")

    def check(self, method: str, path: str, answer) -> None:
        """The answer's status, content type, headers and body are those documented."""
        template = self.template_of(path.split("?")[0])
        operation = self.document["paths"][template][method]
        status = str(answer.status_code)
        assert status in operation["responses"], f"{method} {template} {status} not documented"
        documented = operation["responses"][status]
        content = documented.get("content", {})
        assert answer.mimetype in content, f"{method} {template} {status}: {answer.mimetype}"
        for header in documented.get("headers", {}):
            assert header in answer.headers, f"{method} {template} {status}: no {header}"
        pointer = "/".join(
            ["#", "paths", _escape(template), method, "responses", status, "content"]
            + [_escape(answer.mimetype), "schema"]
        )
        validator = Draft202012Validator({"$ref": ROOT + pointer}, registry=self.registry)
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(answer.json)]
        assert not errors, f"{method} {template} {status}: {errors[:5]}"
        self.seen.add((template, method, status))


@pytest.fixture
def spec(api_contract):
    client = api_contract[0]
    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    return Spec(answer.json)


def test_the_description_is_valid_openapi_3_1(spec):
    validate(spec.document)  # raises with the path of the first problem
    assert spec.document["openapi"].startswith("3.1")


def test_the_description_names_every_route_of_the_api(spec, demo_app):
    routes = {
        (re.sub(r"<(?:int:)?([a-z_]+)>", r"{\1}", rule.rule), method.lower())
        for rule in demo_app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {
        ("/api/v1" + path, method)
        for path, item in spec.document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert routes == documented


def _call(spec, client, method, path, **kwargs):
    answer = getattr(client, method)(path, **kwargs)
    spec.check(method, path, answer)
    return answer


def test_every_answer_fits_the_description(spec, api_contract, demo_app):
    client, contract, token = api_contract
    me, base = bearer(token), f"/api/v1/contracts/{contract}"
    reports = f"{base}/period-reports"
    call = lambda method, path, **kw: _call(spec, client, method, path, **kw)  # noqa: E731

    call("get", "/api/v1/contracts", headers=me)
    call("get", "/api/v1/openapi.json")
    call("get", "/api/v1/problems/version-conflict")
    call("get", "/api/v1/problems/nothing-like-it")
    call("get", f"{base}/followup", headers=me)  # 404: no period report yet
    for path in ("/api/v1/contracts", reports, f"{reports}/1", f"{base}/followup"):
        call("get", path)  # 401: no token
    call("get", f"/api/v1/contracts/{contract + 1000}/period-reports", headers=me)
    call("get", f"{reports}/999999", headers=me)
    call("get", f"/api/v1/contracts/{contract + 1000}/followup", headers=me)

    json_body = {"Content-Type": "application/json"}
    call("post", reports, data="{}", headers=me | {"Content-Type": "text/plain"})  # 415
    call("post", reports, data=b"\xff", headers=me | json_body)  # 400
    call("post", reports, data=json.dumps({"format": "x"}), headers=me | json_body)  # 422
    call("post", reports, data="{}", headers=json_body)  # 401
    call(
        "post",
        f"/api/v1/contracts/{contract + 1000}/period-reports",
        data="{}",
        headers=me | json_body,
    )
    call(
        "post", reports, data=b"{" + b" " * (6 * 1024 * 1024) + b"}", headers=me | json_body
    )  # 413

    sent = post_report(client, contract, token, APRIL)
    spec.check("post", reports, sent)  # 201
    spec.check("post", reports, post_report(client, contract, token, APRIL))  # 409
    tag = {"If-Match": sent.headers["ETag"]}
    changed = APRIL | {"heating": [{"id": "H1", "energy_kwh": 4000}]}
    spec.check("post", reports, post_report(client, contract, token, changed, **tag))  # 200
    call("get", reports, headers=me)
    call("get", sent.headers["Location"], headers=me)
    call("get", f"{base}/followup", headers=me)

    demo_app.config.update(API_RATE_LIMIT="1 per minute")  # the calls above were in this minute
    for path in ("/api/v1/contracts", reports, sent.headers["Location"], f"{base}/followup"):
        call("get", path, headers=me)  # 429
    call("post", reports, data="{}", headers=me | json_body)  # 429
    demo_app.config.update(API_RATE_LIMIT="120 per minute")

    # The rule set file changed after publication: the follow-up says so, as the page does.
    with demo_app.app_context():
        db.session.get(Tender, contract).procurement.ruleset_sha256 = "0" * 64
        db.session.commit()
    assert call("get", f"{base}/followup", headers=me).json["type"].endswith("-unavailable")

    with demo_app.app_context():
        record = db.session.scalar(select(ApiToken))
        record_id = record.id
    client.post(f"/account/api-tokens/{record_id}/revoke")
    call("get", reports, headers=me)  # 401: revoked

    documented = {
        (path, method, status)
        for path, item in spec.document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post")
        for status in operation["responses"]
    }
    assert documented - spec.seen == set(), "documented answers no test has seen"
