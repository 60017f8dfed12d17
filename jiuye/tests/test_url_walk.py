"""Every URL pattern and API route, walked generically: a user of a sibling region gets 404
(or a list without the other region's records) and an anonymous user is sent to log in (401
in the API). A new view is covered without writing a test for it; if it takes a URL argument
this test does not know yet, the test fails and says which sample to add to ``SAMPLES``."""

import datetime
import io
from dataclasses import dataclass

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.generic.list import MultipleObjectMixin
from openpyxl import load_workbook

from jiuye.assistance.models import (
    Attachment,
    Card,
    Category,
    Identification,
    Measure,
    Plan,
    Service,
    ZeroHousehold,
)
from jiuye.assistance.services import (
    attachment_add,
    identification_apply,
    identification_update,
    measure_add,
    plan_create,
    service_record,
)
from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.core.drf import ViewPermission
from jiuye.core.models import CalendarDay
from jiuye.flexible.tests import samples as flexible_samples
from jiuye.jobs.models import Employer, Industry, Occupation, Referral, Seeker, Vacancy
from jiuye.jobs.services import employer_create, referral_create, seeker_register, vacancy_create
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Household, ImportState, LedgerImport, Person
from jiuye.ledger.services import household_create, person_create
from jiuye.posts.tests import samples as posts_samples
from jiuye.regions.models import Region, ServiceOrg
from jiuye.registration.choices import Kind
from jiuye.registration.models import Registration
from jiuye.registration.services import registration_apply
from jiuye.staff.models import Certificate, User
from jiuye.startups.tests import samples as startups_samples
from jiuye.subsidies.models import Budget, Claim
from jiuye.subsidies.services import budget_create, claim_prepare
from jiuye.training.tests import samples as training_samples

# Routes anyone may open, and why.
PUBLIC = {
    "login": "the login page",
    "set_language": "switching the language needs no account (POST only)",
    "api-token": "exchanges a password for a token (POST only)",
    "assistance:verify": "the assistance card's QR code: validity and category only, no personal data",
    "api-card-verify": "the same for programs",
    "jobs:board": "the public job board: published vacancies, no personal data",
    "jobs:board-detail": "one vacancy of the public job board",
    "public-vacancy-list": "the job board for programs",
    "public-vacancy-detail": "the same, one vacancy",
}
# Routes over data that belongs to no region, and why.
UNSCOPED = {
    "core:calendar-delete": "the working-day calendar is national, edited by the province administrator",
    "occupation-detail": "the national occupation classification is reference data",
    "industry-detail": "the national industry classification is reference data",
}
# Routes a user of another region may read (but not change), and why: published vacancies
# are readable across jurisdictions (guideline 二十一). Their pages list the reader's own
# seekers and referrals only (see jobs/tests/test_pages.py).
PUBLISHED = {
    "jobs:vacancy": "a published vacancy",
    "vacancy-detail": "a published vacancy",
    "vacancy-matches": "the reader's own seekers ranked for a published vacancy",
}
# Lists that show the published vacancies of every region: their employers and places.
PUBLISHED_LISTS = {"jobs:vacancies", "vacancy-list"}
SKIPPED_NAMESPACES = {
    "admin"
}  # Django's admin: superusers only, see test_admin_is_for_superusers_only


@dataclass
class Route:
    name: str
    pattern: URLPattern
    kwargs: tuple[str, ...]

    @property
    def view(self):
        callback = self.pattern.callback
        return getattr(callback, "view_class", None) or getattr(callback, "cls", None)

    @property
    def is_api(self):
        return hasattr(self.pattern.callback, "cls")

    @property
    def model(self):
        view = self.view
        if getattr(view, "model", None) is not None:
            return view.model
        queryset = getattr(view, "queryset", None)
        return None if queryset is None else queryset.model

    @property
    def methods(self):
        actions = getattr(self.pattern.callback, "actions", None)
        if actions:
            return set(actions)
        allowed = getattr(self.view, "http_method_names", ("get", "post"))
        return {
            method for method in ("get", "post") if hasattr(self.view, method) and method in allowed
        }

    @property
    def is_list(self):
        actions = getattr(self.pattern.callback, "actions", None) or {}
        return actions.get("get") == "list" or (
            self.view is not None and issubclass(self.view, MultipleObjectMixin) and not self.kwargs
        )


def routes(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, inner)
        elif pattern.name:
            kwargs = tuple(pattern.pattern.regex.groupindex)
            if "format" in kwargs:  # DRF's .json/.api suffix twins of each route
                continue
            yield Route(f"{namespace}{pattern.name}", pattern, kwargs)


ALL_ROUTES = list(routes())


class Samples:
    """Records of village A, one per model, each with a text that shows it on a page."""

    def __init__(self):
        self.region = Region.objects.get(code=VILLAGE_A)
        self.org = ServiceOrg.objects.get(region=self.region)
        self.user = User.objects.get(username=f"coordinator-{VILLAGE_A}")
        self.certificate = Certificate.objects.filter(user=self.user).first()
        self.calendar_day = CalendarDay.objects.create(
            date=datetime.date(2027, 2, 8), is_working_day=False, name="春节"
        )
        body = "37010219900307" + "987"
        self.person, _ = person_create(
            actor=self.user,
            id_number=body + check_character(body),
            name="甲村样本员",
            region=self.region,
            status=LabourStatus.UNEMPLOYED,
            status_since=datetime.date(2026, 1, 5),
            address="甲村样本地址",
        )
        self.household = household_create(actor=self.user, head=self.person, address="甲村样本户址")
        reviewer = User.objects.get(username="reviewer-370102001")
        approver = User.objects.get(username="approver-370102")
        self.registration = registration_apply(
            actor=self.user,
            person=self.person,
            kind=Kind.UNEMPLOYMENT,
            unemployed_since=datetime.date(2026, 1, 5),
            cause="resigned",
        )
        for transition, actor in (
            ("first_approve", self.user),
            ("report", reviewer),
            ("approve", approver),
        ):
            workflow.fire(self.registration, transition, actor=actor)
        self._assistance(reviewer, approver)
        self._jobs()
        self.ledger_import = LedgerImport.objects.create(
            region=self.region,
            uploaded_by=self.user,
            filename="甲村样本台账.xlsx",
            content=b"",
            state=ImportState.READY,
        )
        self.by_model = {
            Region: self.region,
            ServiceOrg: self.org,
            User: self.user,
            Certificate: self.certificate,
            CalendarDay: self.calendar_day,
            Person: self.person,
            Household: self.household,
            LedgerImport: self.ledger_import,
            Registration: self.registration,
            Identification: self.identification,
            Attachment: self.attachment,
            Card: self.card,
            Plan: self.plan,
            Measure: self.measure,
            Service: self.service,
            ZeroHousehold: self.zero_household,
            Employer: self.employer,
            Vacancy: self.vacancy,
            Seeker: self.seeker,
            Referral: self.referral,
            Claim: self.claim,
            Budget: self.budget,
            Occupation: Occupation.objects.get(code="4-07-05"),
            Industry: Industry.objects.get(code="80"),
        }
        self.markers = {
            Region: VILLAGE_A,
            ServiceOrg: self.org.name,
            User: self.user.username,
            Certificate: self.certificate.number,
            Person: self.person.name,
            Household: self.person.name,
            LedgerImport: self.ledger_import.filename,
            Registration: self.person.name,
            Identification: self.person.name,
            Attachment: self.attachment.title,
            Card: self.card.number,
            Plan: self.plan.goals,
            Measure: self.measure.description,
            Service: self.service.content,
            ZeroHousehold: self.person.name,
            Employer: self.employer.name,
            Vacancy: self.vacancy.title,
            Seeker: self.person.name,
            Referral: self.person.name,
            Claim: self.org.name,
            Budget: self.budget.note,
        }
        self.extra_kwargs = {}
        for line_of_work in (posts_samples, flexible_samples, training_samples, startups_samples):
            records, kwargs = line_of_work.build(self)
            for model, (record, marker) in records.items():
                self.by_model[model] = record
                self.markers[model] = marker
            self.extra_kwargs.update(kwargs)

    def _assistance(self, reviewer, approver):
        """An identified hard-to-employ person with card, plan, measure and service; the
        household, whose only member is unemployed, is a zero-employment household."""
        category = Category.objects.get(province="37", code="long_term")
        with time_machine.travel(timezone.localdate() - datetime.timedelta(days=21), tick=False):
            case = identification_apply(
                actor=self.user, person=self.person, category=category, origin="application"
            )
            identification_update(actor=self.user, identification=case, expected_version=case.version,
                                  investigation="甲村样本调查")  # fmt: skip
            self.attachment = attachment_add(actor=self.user, identification=case, title="甲村样本材料",
                                             file=SimpleUploadedFile("sample.pdf", b"%PDF-1.4 sample"))  # fmt: skip
            workflow.fire(case, "first_approve", actor=self.user)
        for transition, actor in (
            ("end_notice", self.user),
            ("report", reviewer),
            ("identify", approver),
        ):
            workflow.fire(case, transition, actor=actor)
        self.identification = Identification.objects.get(pk=case.pk)
        self.card = self.identification.card
        self.plan = plan_create(
            actor=self.user, identification=self.identification, goals="甲村样本目标"
        )
        self.measure = measure_add(actor=self.user, plan=self.plan, kind="home_visit", description="甲村样本措施",
                                   responsible=self.user, due_on=timezone.localdate())  # fmt: skip
        self.service = service_record(actor=self.user, identification=self.identification, kind="home_visit",
                                      on=timezone.localdate(), content="甲村样本服务")  # fmt: skip
        self.zero_household = ZeroHousehold.objects.get(household=self.household)

    def _jobs(self):
        """An employer with a published vacancy; the sample person seeks work and is referred
        to it; the office's (empty) job-introduction claim of the month."""
        self.employer = employer_create(
            actor=self.user, region=self.region, credit_code="91370102MA3C4XKE6Q", name="甲村样本单位",
            industry=Industry.objects.get(code="80"), address="甲村样本路1号", contact_name="甲村人事",
            contact_phone="0531-86000000",
        )  # fmt: skip
        self.vacancy = vacancy_create(
            actor=self.user, employer=self.employer, region=self.region, title="甲村样本岗位",
            occupation=Occupation.objects.get(code="4-07-05"), posts=2, wage_min=3000, wage_max=4000,
        )  # fmt: skip
        self.seeker = seeker_register(actor=self.user, person=self.person,
                                      occupations=[Occupation.objects.get(code="4-07-05")])  # fmt: skip
        self.referral = referral_create(actor=self.user, seeker=self.seeker, vacancy=self.vacancy)
        self.claim = claim_prepare(
            actor=self.user, kind="job_introduction", month=timezone.localdate()
        )
        self.budget = budget_create(
            actor=User.objects.get(username="finance-370102"), year=timezone.localdate().year + 1,
            kind="job_introduction", amount=100_000, note="甲县样本预算",
        )  # fmt: skip

    def kwargs(self, route):
        values = {}
        for name in route.kwargs:
            if name == "code":
                values[name] = self.region.code
            elif name == "org":
                values[name] = self.org.pk
            elif name == "user":
                values[name] = self.user.pk
            elif name == "person":
                values[name] = self.person.pk
            elif name == "employer":
                values[name] = self.employer.pk
            elif name == "kind":
                values[name] = Kind.EMPLOYMENT
            elif name in self.extra_kwargs:
                values[name] = self.extra_kwargs[name]
            elif (name == "pk" and route.name in ("occupation-detail", "industry-detail")) or (
                name == "pk" and route.model in self.by_model
            ):
                values[name] = self.by_model[route.model].pk
            else:
                pytest.fail(
                    f"{route.name}: no sample for URL argument {name!r} (model {route.model}); add one to Samples"
                )
        return values

    def url(self, route):
        return reverse(route.name, kwargs=self.kwargs(route))


@pytest.fixture
def samples(db):
    return Samples()


# (owner, sibling) pairs: the owner's region holds village A, the sibling's is next to it, and
# both hold the same roles, so a refusal of the sibling can only come from jurisdiction.
PAIRS = [
    ("approver-370102", "approver-370103"),
    (f"coordinator-{VILLAGE_A}", "coordinator-370102001003"),
    ("finance-370102", "finance-370103"),
]


def pair_for(route):
    """The first pair whose owner holds the route's permissions."""
    view = route.view
    needed = []
    if hasattr(view, "get_permission_required") and getattr(view, "permission_required", None):
        needed = (
            [view.permission_required]
            if isinstance(view.permission_required, str)
            else view.permission_required
        )
    elif route.model is not None:
        meta = route.model._meta
        # DRF: POST needs add_, unless the action asks only view_ (its service checks more)
        initkwargs = getattr(route.pattern.callback, "initkwargs", {})
        only_view = ViewPermission in initkwargs.get("permission_classes", ())
        action = "add" if route.is_api and "post" in route.methods and not only_view else "view"
        needed = [f"{meta.app_label}.{action}_{meta.model_name}"]
    for owner, sibling in PAIRS:
        owner = User.objects.get(username=owner)
        if owner.has_perms(needed):
            return owner, User.objects.get(username=sibling)
    pytest.fail(f"{route.name}: no persona holds {needed}")


def text_of(response) -> str:
    """The page, JSON or the cells of an Excel file, as text."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(response.content))
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return response.content.decode()


def route_ids(route):
    return route.name


CHECKED = [route for route in ALL_ROUTES if route.name not in PUBLIC]


def test_the_walk_finds_the_routes_it_should():
    names = {route.name for route in ALL_ROUTES}
    assert {
        "regions:detail",
        "regions:org-detail",
        "staff:detail",
        "region-detail",
        "staff-list",
        "home",
    } <= names


@pytest.mark.parametrize("route", CHECKED, ids=route_ids)
def test_anonymous_users_must_log_in(route, samples, client):
    url = samples.url(route)
    for method in route.methods & {"get", "post"}:
        response = getattr(client, method)(url)
        if route.is_api or route.name.startswith("api-"):
            assert response.status_code == 401, f"{method.upper()} {url}"
        else:
            assert response.status_code == 302, f"{method.upper()} {url}"
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if r.kwargs and r.name not in UNSCOPED], ids=route_ids
)
def test_a_user_of_a_sibling_region_gets_404_for_a_record(route, samples, login):
    _owner, sibling = pair_for(route)
    client = login(sibling)
    url = samples.url(route)
    for method in route.methods & {"get", "post"}:
        response = getattr(client, method)(url)
        expected = 200 if method == "get" and route.name in PUBLISHED else 404
        assert response.status_code == expected, (
            f"{method.upper()} {url} answered {response.status_code}"
        )
    # nothing was deleted or moved
    assert Certificate.objects.filter(pk=samples.certificate.pk).exists()
    assert Person.objects.get(pk=samples.person.pk).household_id == samples.household.pk
    assert Registration.objects.get(pk=samples.registration.pk).is_registered_unemployed


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if r.kwargs and r.name not in UNSCOPED], ids=route_ids
)
def test_a_coordinator_of_the_sibling_village_gets_404_or_is_refused(
    route, samples, login, sibling_coordinator
):
    client = login(sibling_coordinator)
    url = samples.url(route)
    for method in route.methods & {"get", "post"}:
        refused = (200,) if method == "get" and route.name in PUBLISHED else (403, 404)
        assert getattr(client, method)(url).status_code in refused, f"{method.upper()} {url}"


@pytest.mark.parametrize(
    "route",
    [r for r in CHECKED if r.kwargs and "get" in r.methods and r.name not in UNSCOPED],
    ids=route_ids,
)
def test_the_owner_opens_the_same_record(route, samples, login):
    owner, _sibling = pair_for(route)
    response = login(owner).get(samples.url(route))
    assert response.status_code == 200, samples.url(route)


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if not r.kwargs and "get" in r.methods], ids=route_ids
)
def test_pages_without_a_record_show_a_sibling_nothing_of_the_other_region(
    route, samples, login, sibling_approver
):
    response = login(sibling_approver).get(samples.url(route), follow=True)
    assert response.status_code in (200, 403, 405)
    content = text_of(response)
    public = {Vacancy, Employer, Region} if route.name in PUBLISHED_LISTS else set()
    for model, marker in samples.markers.items():
        if model in public:
            continue
        assert marker not in content, (
            f"{route.name} shows {marker!r} to a user of the sibling county"
        )


# Lists of reference data, the same for everyone.
REFERENCE_LISTS = {"occupation-list", "industry-list"}


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if r.is_list and r.name not in REFERENCE_LISTS], ids=route_ids
)
def test_lists_show_the_owner_the_records_of_their_region(route, samples, login):
    owner, _sibling = pair_for(route)
    query = f"?region={VILLAGE_A}" if route.model not in (Region, Household) else "?page_size=1000"
    content = text_of(login(owner).get(samples.url(route) + query))
    assert samples.markers[route.model] in content


def test_admin_is_for_superusers_only(login, approver, superuser, client):
    assert client.get("/admin/").status_code == 302
    assert login(approver).get("/admin/").status_code == 302
    assert login(superuser).get("/admin/").status_code == 200
