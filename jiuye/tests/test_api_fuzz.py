"""The API fuzzed: schemathesis generates requests for every operation of the OpenAPI schema
(``/api/schema/``, drf-spectacular) and sends them, as village A's coordinator and as the
county's approver, through the WSGI application in the test's own transaction. Every answer
must be no server error, with a status code the schema documents for the operation, the
content type it declares and a body that matches its schema.

Bounded for the suite (see docs/testing.md): a few examples an operation, derandomized (the
same requests every run), no shrinking, no example database. Path arguments of records are
the URL walk's samples of village A (``test_url_walk.Samples``), so a generated request reaches
a real record; where schemathesis made the path itself invalid it is sent as generated. Each
request runs in a savepoint rolled back after it: nothing it writes outlives it, and every
example starts from the same data."""

import json
import os
import re
import sys

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.authtoken.models import Token
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

from jiuye.conftest import VILLAGE_A
from jiuye.staff.models import User
from jiuye.tests.test_url_walk import ALL_ROUTES, village_a  # noqa: F401 (a fixture)

PERSONAS = {
    "coordinator": f"coordinator-{VILLAGE_A}",
    "approver": "approver-370102",
}
# Examples an operation and persona (positive and negative), which keeps the 248 operations by
# two personas (about 1,400 requests) near a minute and a half on the 2-core machine. A deeper
# run: JIUYE_FUZZ_EXAMPLES=50 and JIUYE_FUZZ_COVERAGE=1 (schemathesis's coverage phase: every
# boundary and invalid value of every parameter, some 800 requests for a person's PUT alone);
# JIUYE_FUZZ_PATHS=regex limits the run to the matching paths.
MAX_EXAMPLES = int(os.environ.get("JIUYE_FUZZ_EXAMPLES", 3))
COVERAGE = os.environ.get("JIUYE_FUZZ_COVERAGE") == "1"
# What every answer must pass: schemathesis's other checks (a negative example accepted, an
# unexpected method, …) judge what the schema does not say, and are left out.
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
)
# Operations left out, and why.
EXCLUDED = {}


def api_schema() -> dict:
    """The schema as ``/api/schema/?format=json`` serves it (test_the_schema_is_the_served_one)."""
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))


CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 14,
        "generation": {
            "mode": "all",
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "no-shrink": True,
            "database": "none",
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": COVERAGE},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
)
schema = schemathesis.openapi.from_dict(api_schema(), config=CONFIG)
if os.environ.get("JIUYE_FUZZ_PATHS"):
    schema = schema.include(path_regex=os.environ["JIUYE_FUZZ_PATHS"])
for method, path in EXCLUDED:  # each with its reason
    schema = schema.exclude(method=method, path=path)


@pytest.fixture(scope="module")
def wsgi_app():
    return WSGIHandler()


RAISED = []  # the exception a view raised in the request under way


@pytest.fixture
def in_process():
    """Requests through the WSGI application share the test's connection and transaction:
    Django must not close it at the end of each request (its test client does the same), and
    an exception in a view is raised in the test, with its traceback. Per test: the test
    client connects the signals again after each of its requests."""

    def record(sender, request=None, **kwargs):
        RAISED.append(sys.exc_info()[1])

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    got_request_exception.connect(record)
    yield
    got_request_exception.disconnect(record)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def sample_path(operation_path, samples):
    """The path arguments of village A's sample record for an operation's path template."""
    names = re.findall(r"\{([^}]+)\}", operation_path)
    if not names:
        return {}
    match = resolve(re.sub(r"\{[^}]+\}", VILLAGE_A, operation_path))
    route = next(route for route in ALL_ROUTES if route.name == match.view_name)
    return dict(zip(names, samples.kwargs(route).values(), strict=True))


# Hypothesis refuses function-scoped fixtures in the signature (they are not reset between
# examples): the database's is used here, and each example runs in a savepoint of its own.
@pytest.mark.usefixtures("db", "in_process")
@pytest.mark.parametrize("persona", list(PERSONAS))
@schema.parametrize()
def test_the_api_answers_as_its_schema_says(case, persona, village_a, wsgi_app):  # noqa: F811
    samples = village_a
    user = User.objects.get(username=PERSONAS[persona])
    token, _created = Token.objects.get_or_create(user=user)
    meta = case.meta
    path_mode = meta.components.get(ParameterLocation.PATH) if meta else None
    if path_mode is None or path_mode.mode == GenerationMode.POSITIVE:
        case.path_parameters = sample_path(case.operation.path, samples)
    headers = {"Authorization": f"Token {token.key}"}
    RAISED.clear()
    with transaction.atomic():
        try:
            response = case.call(app=wsgi_app, headers=headers)
            if RAISED:
                raise RAISED.pop()
            case.validate_response(response, headers=headers)
        finally:
            transaction.set_rollback(True)


def test_the_schema_is_the_served_one(login, approver):
    response = login(approver).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content) == api_schema()


@pytest.mark.usefixtures("in_process")
def test_an_undocumented_answer_fails_the_run(approver, wsgi_app):
    """The checks can fail: without its 404 in the schema, a person outside the jurisdiction
    (or not there at all) is an undocumented status code."""
    raw = api_schema()
    del raw["paths"]["/api/v1/persons/{id}/"]["get"]["responses"]["404"]
    operation = schemathesis.openapi.from_dict(raw, config=CONFIG)["/api/v1/persons/{id}/"]["GET"]
    token, _created = Token.objects.get_or_create(user=approver)
    headers = {"Authorization": f"Token {token.key}"}
    case = operation.Case(path_parameters={"id": 0})
    response = case.call(app=wsgi_app, headers=headers)
    assert response.status_code == 404
    with pytest.raises(FailureGroup, match="Undocumented status code"):
        case.validate_response(response, headers=headers)


def test_a_url_under_the_api_that_matches_no_route_answers_json(login, coordinator):
    client = login(coordinator)
    response = client.get("/api/v1/persons/1.5/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")
