"""Every URL pattern and API route, walked generically: a user of a sibling region gets 404
(or a list without the other region's records) and an anonymous user is sent to log in (401
in the API); the owner gets an answer, never a 404 or a server error. Pages are walked with
the methods their view accepts, API routes with GET, POST, PUT, PATCH and DELETE; a 403 or
405 met on the way must be named below with its reason. A new view is covered without
writing a test for it; if it takes a URL argument this test does not know yet, the test
fails and says which sample to add to ``Samples``.

Every list page (a ``ScopedListView``) has an export (``core.exporting``), found from the URL
patterns: a list without one fails the walk. Each export is walked too: the list page links to
it, the owner's file holds the record of village A, a sibling's none of it, and the file reads
as many queries for one village as for the whole county (no query per row)."""

import datetime
import io
from dataclasses import dataclass

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.generic.list import MultipleObjectMixin
from openpyxl import load_workbook

from jiuye.assessment.tests import samples as assessment_samples
from jiuye.assistance.models import (
    AssistanceService,
    Attachment,
    Card,
    Category,
    HouseholdAttachment,
    Identification,
    Measure,
    Plan,
    ZeroHousehold,
)
from jiuye.assistance.services import (
    attachment_add,
    household_attachment_add,
    identification_apply,
    identification_update,
    measure_add,
    plan_create,
    service_record,
)
from jiuye.books.tests import samples as books_samples
from jiuye.communities.models import (
    Application as CommunityApplication,
)
from jiuye.communities.models import (
    CommunityMonth,
    Criterion,
    Recheck,
    Round,
    Standard,
    Title,
)
from jiuye.communities.tests import samples as communities_samples
from jiuye.complaints.tests import samples as complaints_samples
from jiuye.conftest import COUNTY, VILLAGE_A
from jiuye.core import workflow
from jiuye.core.drf import ViewPermission
from jiuye.core.exporting import ExportMixin, exports
from jiuye.core.models import CalendarDay, Export, ExportState
from jiuye.core.tests import samples as core_samples
from jiuye.core.views import ScopedListView
from jiuye.flexible.tests import samples as flexible_samples
from jiuye.funds.tests import samples as funds_samples
from jiuye.jobs.models import Employer, Industry, Occupation, Referral, Seeker, Vacancy
from jiuye.jobs.services import employer_create, referral_create, seeker_register, vacancy_create
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Household, ImportState, LedgerImport, Person
from jiuye.ledger.services import household_create, person_create
from jiuye.notices.tests import samples as notices_samples
from jiuye.performance.tests import samples as performance_samples
from jiuye.policies.models import Policy
from jiuye.policies.tests import samples as policies_samples
from jiuye.posts.tests import samples as posts_samples
from jiuye.regions.models import Region, ServiceOrg
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.models import Registration
from jiuye.registration.services import registration_apply
from jiuye.staff.models import StaffCertificate, User
from jiuye.staff.tests import samples as staff_samples
from jiuye.startups.tests import samples as startups_samples
from jiuye.subsidies.models import Budget, Claim
from jiuye.subsidies.services import budget_create, claim_prepare
from jiuye.supervision.tests import samples as supervision_samples
from jiuye.training.models import Course, Institution
from jiuye.training.tests import samples as training_samples
from jiuye.visits.tests import samples as visits_samples

# Routes anyone may open, and why.
PUBLIC = {
    "login": "the login page",
    "manifest": "the web app manifest: the app's name and icons",
    "service-worker": "the service worker's script: code, no data",
    "set_language": "switching the language needs no account (POST only)",
    "api-token": "exchanges a password for a token (POST only)",
    "assistance:verify": "the assistance card's QR code: validity and category only, no personal data",
    "api-card-verify": "the same for programs",
    "jobs:board": "the public job board: published vacancies, no personal data",
    "jobs:board-detail": "one vacancy of the public job board",
    "public-vacancy-list": "the job board for programs",
    "public-vacancy-detail": "the same, one vacancy",
    "policies:public": "the policies in force and published good practice: public documents, nothing personal",
    "policies:public-policy": "one policy in force, as published",
    "policies:public-practice": "one published good-practice case (its office, no staff named)",
    "complaints:public-submit": "the public complaint form (rate-limited, honeypot, signed fill time)",
    "complaints:public-done": "the receipt code of the complaint just made, once, from the session",
    "complaints:public-progress": "a complaint's state, dates and answer by its receipt code, nothing personal",
    "complaints:public-regions": "the official division names and codes for the public form's region picker",
    "status": "the status for monitoring: only from the configured addresses or with its token, nothing personal",
}
# Routes over data that belongs to no region, and why.
CALENDAR = "the working-day calendar is national, edited by the province administrator"
UNSCOPED = {
    "core:calendar-add": CALENDAR,
    "core:calendar-delete": CALENDAR,
    "occupation-detail": "the national occupation classification is reference data",
    "industry-detail": "the national industry classification is reference data",
}
# Routes over what the province sets for every region below it, changed by the province
# administrator only (the walk's owner for them), and why.
PROVINCE_SETS = {
    "communities:criterion-add": "the criteria of a standard are the province's (guideline 十二)",
    "communities:criterion-edit": "the criteria of a standard are the province's (guideline 十二)",
    "communities:round-add": "the province opens recognition rounds (guideline 十一)",
    "communities:recheck-add": "the province starts re-checks (guideline 十三)",
    "policies:edit": "the sample policy is the province's (a county's own are walked in policies/tests)",
    "policy-detail": "the same, for programs",
}
# Pages of the province administrator alone (the walk's owner for them), which anyone else
# gets as 404, and why.
PROVINCE_ONLY = {
    "core:audit": "the audit log (等保): the province administrator reads and exports it",
    "core:audit-export": "the audit log's export, the same",
}
# Records the province sets for every region below it (core.scoping.DownwardQuerySet): every
# level reads them, so their texts show on a sibling's pages too.
DOWNWARD = {Standard, Criterion, Round, Recheck, Policy}
# Records a list shows by their community's name, which the job board shows too (a vacancy's
# place): on the published lists, their marker is not theirs alone.
NAMED_BY_COMMUNITY = {CommunityApplication, Title, CommunityMonth}
# Routes a user of another region may read (but not change), and why: published vacancies
# are readable across jurisdictions (guideline 二十一). Their pages list the reader's own
# seekers and referrals only (see jobs/tests/test_pages.py).
PUBLISHED = {
    "communities:standard": "a standard of the province, read by every level below it",
    "community-standard-detail": "the same, for programs",
    "communities:round": "a round of the province; its page lists the reader's own applications",
    "communities:recheck": "a re-check of the province; its page lists the reader's own titles",
    "policies:detail": "a policy of the province, read by every level it applies to",
    "community-recheck-detail": "the same, for programs",
    "jobs:vacancy": "a published vacancy",
    "vacancy-detail": "a published vacancy",
    "vacancy-matches": "the reader's own seekers ranked for a published vacancy",
}
# Lists that show the published vacancies of every region: their employers and places.
PUBLISHED_LISTS = {"jobs:vacancies", "jobs:vacancies-export", "vacancy-list"}
SKIPPED_NAMESPACES = {
    "admin"
}  # Django's admin: superusers only, see test_admin_is_for_superusers_only

# The methods of the walk, in the order it sends them: reading first, deleting last.
METHODS = ("get", "put", "patch", "post", "delete")

# What the API does not offer, and why. A router gives a list GET and POST, a record GET,
# PUT, PATCH and DELETE, and an action the methods it declares; other methods are not routed.
# DRF refuses a method with 405, or with 403 when the user lacks the model permission the
# method would need (it checks that first); the owner and the sibling get the same answer,
# which says nothing about the record.
NOT_ROUTED = {
    "list": "PUT, PATCH or DELETE of a whole list: records are changed one at a time",
    "detail": "POST to a record: records are created on their list, acted on at an action's URL",
    "action": "an action answers only the methods it declares",
}
# Plain API views (no viewset, no router) and what each answers: every other method is refused.
API_VIEWS = {
    "api-token": "POST exchanges a password for a token",
    "api-card-verify": "GET: a card's validity and category, from its QR code",
    "api-status-count": "GET: a count of the ledger by labour status",
    "api-assistance-dashboard": "GET: the figures of employment assistance",
    "api-programmes-report": "GET: the report of the programmes",
    "api-performance-ranking": "GET: the offices of a region ranked by their performance score",
    "api-performance-office": "GET: an office's performance score, item by item",
    "api-root": "GET: the index of the API",
    "api-schema": "GET: the API's OpenAPI schema",
    "api-docs": "GET: the API's documentation page",
}
# What a resource (a viewset's basename) leaves out of what its router would give it, and why.
READ_ONLY = {  # no POST, PUT, PATCH or DELETE
    "region": "the national division codes, loaded from the official list",
    "organisation": "service organisations are set up on their pages by the staff managers",
    "staff": "accounts and their certificates are managed on the staff pages",
    "staff-position": "an office's posts are set on its page of posts and targets",
    "staff-target": "targets are set and broken down to posts on the office's page",
    "staff-training": "training records are kept on the staff member's page",
    "staff-pairing": "pairings are arranged on the grassroots office's page",
    "card": "the assistance card is issued when the county identifies the person",
    "occupation": "the national occupation classification is reference data",
    "industry": "the national industry classification is reference data",
    "public-vacancy": "the job board's view of published vacancies, which change at their own",
    "performance-scheme": "schemes are made and their items added on the scheme pages",
    "commendation": "commendations are recorded on the office's performance page",
    "community-standard": "the province administrator sets the criteria on the standard's page",
    "community-month": "computed from the ledger every night, never entered",
    "community-title": "granted by the province's decision, revoked by a re-check",
    "community-recheck": "started by the province administrator on the re-checks page",
    "notices-receipt": "made when a notice is sent; read (…/read/) and replied (…/reply/) by its office",
    "assessment-round": "a county opens its round on the rounds page; it moves by its transitions",
    "assessment-assessment": "made by the round for each worker; changed by its actions (self, score…)",
}
NOT_CREATED = {  # no POST to the list
    "community-application": "a community applies on its own page, in an open round",
    "household": "a household is formed on its head's ledger page and left on its members'",
    "zerohousehold": "found by the ledger: a household whose members able to work are unemployed",
    "claim": "claims are prepared by the month-end batch (POST …/prepare/)",
    "supervision-finding": "a finding is recorded with its inspection, or added to it (…/findings/)",
}
NOT_EDITED = {  # no PUT or PATCH of a record
    "community-application": "the self-assessment is edited on its page; once submitted it is frozen",
    "zerohousehold": "investigated (…/investigation/), moved by its transitions and supported (…/support/)",
    "claim": "its lines are computed by the batch; it moves by its transitions",
    "measure": "a measure is marked done (…/done/); what was agreed is not rewritten",
    "service": "a service is recorded once, as it was given",
    "referral": "a referral moves by its transitions and ends hired or not hired",
    "placement": "a placement is ended (…/end/); the post subsidy is computed from it",
    "training-need": "a need is recorded once and closed on its page when met",
    "training-enrolment": "it moves by its transitions, attendance, completion and certificate",
    "supervision-finding": "what was found is kept as found; it moves by its reply and follow-up",
    "complaint": "what the complainant said is kept as said; it moves by its actions",
    "notices-notice": "a notice sent is kept as sent (公文): its receipts record what followed",
    "notices-report": "a report sent is kept as sent; the office above acknowledges it (…/acknowledge/)",
}
NEVER_DELETED = {  # no DELETE of a record
    "community-application": "an application is withdrawn by its transition, never deleted",
    "household": "a household is left by its members, never deleted",
    "person": "the ledger never deletes a person: a move or a status change instead",
    "registration": "a registration is deregistered (…/deregister/), never deleted",
    "identification": "an identification ends by its exit (…/exit/), never deleted",
    "plan": "an assistance plan is rewritten (PUT/PATCH with its version), never deleted",
    "measure": "a measure is marked done, never deleted",
    "service": "a service given stays on the person's assistance record",
    "zerohousehold": "a household case is cleared, lapses or is closed, never deleted",
    "employer": "an employer is corrected (PUT/PATCH), never deleted: vacancies name it",
    "vacancy": "a vacancy is withdrawn (…/withdraw/), never deleted",
    "seeker": "a seeker's search is closed on its page, never deleted",
    "referral": "a referral ends hired or not hired, never deleted",
    "claim": "a claim moves by its transitions, never deleted",
    "budget": "a budget is corrected (PUT/PATCH with its version), never deleted",
    "post": "a post runs to its end date, never deleted: placements and subsidies name it",
    "placement": "a placement is ended (…/end/), never deleted: subsidies were paid on it",
    "flexiblejob": "flexible employment is ended (…/end/), never deleted",
    "training-institution": "an institution is made inactive (PUT/PATCH), never deleted",
    "training-course": "a course is corrected or unpublished (PUT/PATCH), never deleted",
    "training-need": "a need is closed, never deleted",
    "training-enrolment": "an enrolment moves by its transitions, never deleted",
    "startup-entrepreneur": "the services given to an entrepreneur are kept; PUT/PATCH corrects",
    "startup-loan": "a loan is repaid, extended or recovered by its actions, never deleted",
    "supervision-inspection": "an inspection is corrected (PUT/PATCH with its version), never deleted",
    "supervision-finding": "a finding is closed by the inspectors' follow-up, never deleted",
    "funds-budget": "a platform's budget is corrected (PUT/PATCH with its version), never deleted",
    "funds-line": "a budget line is corrected or set to another amount, never deleted",
    "funds-spending": "a spending record is corrected (PUT/PATCH), never deleted: the audit trail",
    "policy": "a policy is amended or repealed (its status and end date), never deleted",
    "consultation": "a consultation answered is kept; PUT/PATCH corrects it",
    "practice": "a case is withdrawn from publication (…/publish/), never deleted",
    "complaint": "a complaint is answered and closed, never deleted",
    "notices-notice": "a notice sent stays on record with its receipts, never deleted",
    "notices-report": "a report sent stays on record with its acknowledgement, never deleted",
}
# What a role may not do in any region, and why: refused (403) before the record is looked up,
# or by the service that checks the finer permission, so the record's own region gets the
# same answer, which says nothing about the record. By role, then route.
KEEPERS = "the community and the township, who keep the ledger"
MANAGERS = "the staff managers (county, city, province)"
FINANCE = "the county finance office"
PROVINCE = "the province administrator"
ASSESSED = (
    "offices are assessed from the county up: a score compares an office with its siblings, "
    "whose figures a community does not see (performance.view_score)"
)
INSPECTORS = "the levels above the office (township, county, city, province)"
COMPLAINT_READERS = (
    "complaints are read and handled from the street or township up: one about a community is "
    "often about its coordinator (complaints.view_complaint)"
)
COUNTY_FUNDS = "the county's finance office and approver (funds.change_platformbudget)"
TOWNSHIP_FUNDS = "the township's service centre and finance office (funds.add_spending)"
ROUNDS = "a county's assessment round is run and read from the county up (assessment.view_round)"
NOT_THEIR_TASK = {
    "approver": {
        "ledger:add": f"residents are added by {KEEPERS} (ledger.add_person)",
        "ledger:import": f"the ledger is imported by {KEEPERS} (ledger.import_person)",
        "ledger:import-template": "the import's template goes with the import",
        "jobs:employer-add": f"employers are registered by {KEEPERS} (jobs.add_employer)",
        "subsidies:budget-add": f"budgets are set by {FINANCE} (subsidies.add_budget)",
        "posts:post-add": f"posts are developed by {KEEPERS} (posts.add_post)",
        "flexible:add": f"flexible employment is registered by {KEEPERS}",
        "visits:person": f"visits of the round are recorded by {KEEPERS} (visits.add_visit)",
        "visits:send": f"visits of the round are recorded by {KEEPERS} (visits.add_visit)",
        "training:catalogue": f"the catalogue is for enrolling, by {KEEPERS}",
        "training:catalogue-export": f"the catalogue is for enrolling, by {KEEPERS}",
        "training:candidates": f"the candidates page records needs, by {KEEPERS}",
        "training:candidates-export": f"the candidates page records needs, by {KEEPERS}",
        "startups:find": f"it opens the form of an entrepreneur or a loan, added by {KEEPERS}",
        "core:parameters": f"POST sets a policy parameter: by {PROVINCE}",
        "core:calendar-add": CALENDAR,
        "communities:round-add": PROVINCE_SETS["communities:round-add"],
        "communities:recheck-add": PROVINCE_SETS["communities:recheck-add"],
        "communities:submit": f"an application is submitted by {KEEPERS} (communities.add_application)",
        "community-application-submit": f"an application is submitted by {KEEPERS}",
        "household-detail": f"a household's means are corrected by {KEEPERS} (ledger.change_household)",
        "vacancy-withdraw": f"a vacancy is withdrawn by {KEEPERS} (jobs.change_vacancy)",
        "training-enrolment-certificate": f"a trainee's certificate is recorded by {KEEPERS}",
    },
    "coordinator": {
        "subsidies:budget-edit": f"budgets are set by {FINANCE} (subsidies.change_budget)",
        "budget-detail": f"budgets are set by {FINANCE} (subsidies.change_budget)",
        "training:institution-edit": "the county approves institutions",
        "training-institution-detail": "the county approves institutions",
        "training:course-edit": "the county approves courses",
        "training-course-detail": "the county approves courses",
        "startups:loan-bank": "the county records the bank's decision",
        "startups:loan-extend": "the county extends a loan (startups.extend_loan)",
        "regions:org-edit": f"service organisations are managed by {MANAGERS}",
        "staff:add": f"accounts are managed by {MANAGERS} (staff.add_user)",
        "staff:edit": f"accounts are managed by {MANAGERS} (staff.change_user)",
        "staff:set-password": f"another's password is set by {MANAGERS}",
        "staff:end-sessions": f"an account's sessions are ended by {MANAGERS}",
        "staff:certificate-add": f"work certificates are managed by {MANAGERS}",
        "staff:certificate-edit": f"work certificates are managed by {MANAGERS}",
        "staff:certificate-delete": f"work certificates are managed by {MANAGERS}",
        **{
            name: f"an office's posts and targets are kept by {MANAGERS}"
            for name in (
                "staff:position-add",
                "staff:position-edit",
                "staff:target-add",
                "staff:target-edit",
                "staff:target-delete",
                "staff:share-add",
                "staff:share-edit",
                "staff:share-delete",
            )
        },
        **{
            name: f"training records are kept by {MANAGERS}"
            for name in ("staff:training-add", "staff:training-edit", "staff:training-delete")
        },
        **{
            name: "the city and county arrange pairings (staff.change_pairing)"
            for name in ("staff:pairing-add", "staff:pairing-edit")
        },
        **{
            name: ASSESSED
            for name in (
                "performance:office",
                "performance:commend",
                "performance:scheme",
                "performance:item-add",
                "performance:item-remove",
                "performance-scheme-detail",
                "commendation-detail",
                "api-performance-office",
            )
        },
        "supervision:edit": f"inspections are recorded by {INSPECTORS}",
        "supervision:finding-add": f"findings are recorded by {INSPECTORS}",
        "supervision:finding-follow-up": f"the inspectors follow a finding up: {INSPECTORS}",
        "supervision-inspection-detail": f"inspections are corrected by {INSPECTORS}",
        "funds:edit": f"platforms' budgets are set by {COUNTY_FUNDS}",
        "funds:line-add": f"platforms' budgets are set by {COUNTY_FUNDS}",
        "funds:line-edit": f"platforms' budgets are set by {COUNTY_FUNDS}",
        "funds-budget-detail": f"platforms' budgets are set by {COUNTY_FUNDS}",
        "funds-line-detail": f"platforms' budgets are set by {COUNTY_FUNDS}",
        "funds:spending-add": f"a platform's spending is recorded by {TOWNSHIP_FUNDS}",
        "funds:spending-edit": f"a platform's spending is recorded by {TOWNSHIP_FUNDS}",
        "funds-spending-detail": f"a platform's spending is recorded by {TOWNSHIP_FUNDS}",
        "policies:practice-publish": "good practice is published by the county and above",
        **{
            name: COMPLAINT_READERS
            for name in (
                "complaints:list",
                "complaints:export",
                "complaints:add",
                "complaints:detail",
                "complaints:fire",
                "complaints:note-add",
                "complaints:answer",
                "complaints:close",
                "complaint-list",
                "complaint-detail",
                "complaint-notes",
                "complaint-answer",
                "complaint-close",
                "complaint-transitions",
            )
        },
        "notices:report-acknowledge": "a report is acknowledged by the office above it (notices.acknowledge_report)",
        **{
            name: ROUNDS
            for name in (
                "assessment:round",
                "assessment:round-fire",
                "assessment:round-prefill",
                "assessment:round-export",
                "assessment-round-detail",
                "assessment-round-transitions",
            )
        },
        "assessment:decide": "the county decides on a worker 不称职 two years running",
        "assessment-assessment-decide": "the county decides on a worker 不称职 two years running",
    },
}
# Where the owner is sent to the login page, and why.
ENDS_AT_LOGIN = {"logout": "logging out ends at the login page"}


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
        """The methods the route offers: a viewset's actions, or the handlers of its view."""
        actions = getattr(self.pattern.callback, "actions", None)
        if actions:
            return set(actions)
        allowed = getattr(self.view, "http_method_names", METHODS)
        return {method for method in METHODS if hasattr(self.view, method) and method in allowed}

    @property
    def walked_methods(self):
        """Every method in the API; on a page, the methods its view accepts."""
        return [method for method in METHODS if self.is_api or method in self.methods]

    @property
    def basename(self):
        """The resource of an API route: its viewset's basename, or the route's name."""
        return getattr(self.pattern.callback, "initkwargs", {}).get("basename") or self.name

    @property
    def kind(self):
        """An API route is a ``list``, a ``detail`` (one record), an ``action`` of a viewset, or
        a plain ``view``."""
        actions = set((getattr(self.pattern.callback, "actions", None) or {}).values())
        if not actions:
            return "view"
        if actions <= {"list", "create"}:
            return "list"
        if actions <= {"retrieve", "update", "partial_update", "destroy"}:
            return "detail"
        return "action"

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
        self.certificate = StaffCertificate.objects.filter(user=self.user).first()
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
            kind=RegistrationKind.UNEMPLOYMENT,
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
        self.export = Export.objects.create(
            region_id=COUNTY,
            requested_by=User.objects.get(username="approver-370102"),
            expires_at=timezone.now() + datetime.timedelta(hours=1),
            title="甲县样本导出",
            filename="sample",
            path=reverse("ledger:export"),
            state=ExportState.DONE,
            content=b"PK",
        )
        self.by_model = {
            Export: self.export,
            Region: self.region,
            ServiceOrg: self.org,
            User: self.user,
            StaffCertificate: self.certificate,
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
            AssistanceService: self.service,
            ZeroHousehold: self.zero_household,
            HouseholdAttachment: self.household_attachment,
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
            Export: self.export.title,
            Region: VILLAGE_A,
            ServiceOrg: self.org.name,
            User: self.user.username,
            StaffCertificate: self.certificate.number,
            Person: self.person.name,
            Household: self.person.name,
            LedgerImport: self.ledger_import.filename,
            Registration: self.person.name,
            Identification: self.person.name,
            Attachment: self.attachment.title,
            Card: self.card.number,
            Plan: self.plan.goals,
            Measure: self.measure.description,
            AssistanceService: self.service.content,
            ZeroHousehold: self.person.name,
            HouseholdAttachment: self.household_attachment.title,
            Employer: self.employer.name,
            Vacancy: self.vacancy.title,
            Seeker: self.person.name,
            Referral: self.person.name,
            Claim: self.org.name,
            Budget: self.budget.note,
        }
        self.extra_kwargs = {}
        for line_of_work in (core_samples, posts_samples, flexible_samples, training_samples, startups_samples,
                             communities_samples, supervision_samples, funds_samples,
                             performance_samples, staff_samples, policies_samples,
                             complaints_samples, notices_samples, assessment_samples,
                             books_samples, visits_samples):  # fmt: skip
            records, kwargs = line_of_work.build(self)
            for model, (record, marker) in records.items():
                self.by_model[model] = record
                self.markers[model] = marker
            self.extra_kwargs.update(kwargs)

    def _assistance(self, reviewer, approver):
        """An identified hard-to-employ person with card, plan, measure and service; the
        household, whose only member is unemployed, is a zero-employment household."""
        category = Category.objects.get(province="37", code="other")  # by evidence
        with time_machine.travel(timezone.localdate() - datetime.timedelta(days=21), tick=False):
            case = identification_apply(
                actor=self.user, person=self.person, categories=[category], origin="application"
            )
            identification_update(actor=self.user, identification=case, expected_version=case.version,
                                  investigation="甲村样本调查")  # fmt: skip
            self.attachment = attachment_add(actor=self.user, identification=case, title="甲村样本材料", category=category,
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
        self.household_attachment = household_attachment_add(
            actor=self.user, case=self.zero_household, title="甲村样本户材料",
            file=SimpleUploadedFile("household.pdf", b"%PDF-1.4 sample"),
        )  # fmt: skip

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
            elif name == "indicator":
                values[name] = "long_unemployed"
            elif name == "kind":
                values[name] = RegistrationKind.EMPLOYMENT
            elif name == "token":
                values[name] = self.card.token
            elif name == "pk" and route.name == "public-vacancy-detail":
                values[name] = self.vacancy.pk
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

    def rows(self):
        """Every sample as its row in the database: equal before and after a walk that must
        change nothing."""
        return {
            model: model._base_manager.filter(pk=record.pk).values().first()
            for model, record in self.by_model.items()
        }


@pytest.fixture(scope="module")
def village_a(django_db_setup, django_db_blocker):
    """The samples, built once for the module in a transaction rolled back at its end. Each
    test runs in a savepoint inside it, so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield Samples()
        transaction.set_rollback(True)


@pytest.fixture
def samples(village_a, db):
    return village_a


# (owner, sibling) pairs: the owner's region holds village A, the sibling's is next to it, and
# both hold the same roles, so a refusal of the sibling can only come from jurisdiction.
PAIRS = [
    ("approver-370102", "approver-370103"),
    (f"coordinator-{VILLAGE_A}", "coordinator-370102001003"),
    ("finance-370102", "finance-370103"),
    # the township's own tasks (a platform's spending): 解放路街道 and its sibling street
    ("reviewer-370102001", "reviewer-370102002"),
]
# What DRF's RolePermission asks of the methods that change or delete a record.
ACTION_OF = {"put": "change", "patch": "change", "delete": "delete"}


def permissions_for(route, method="get"):
    """The permissions a route asks of ``method``: a page's ``permission_required``; in the
    API the model permission of the method (GET and POST: ``add_`` if the route creates)."""
    view = route.view
    if hasattr(view, "get_permission_required") and getattr(view, "permission_required", None):
        return (
            [view.permission_required]
            if isinstance(view.permission_required, str)
            else view.permission_required
        )
    if route.model is None:
        return []
    meta = route.model._meta
    # DRF: POST needs add_, unless the action asks only view_ (its service checks more)
    initkwargs = getattr(route.pattern.callback, "initkwargs", {})
    only_view = ViewPermission in initkwargs.get("permission_classes", ())
    if route.is_api and method in ACTION_OF and not only_view:
        action = ACTION_OF[method]
    else:
        action = "add" if route.is_api and "post" in route.methods and not only_view else "view"
    return [f"{meta.app_label}.{action}_{meta.model_name}"]


def pair_for(route, method="get"):
    """The first pair whose owner holds what the route asks of ``method``. When no pair holds
    it (nobody may delete through the API), the pair of GET: the walk then meets a refusal,
    which must be named."""
    if route.name in PROVINCE_ONLY:
        return User.objects.get(username="province-37"), User.objects.get(
            username="approver-370103"
        )
    for needed in (permissions_for(route, method), permissions_for(route)):
        for owner, sibling in PAIRS:
            owner = User.objects.get(username=owner)
            if owner.has_perms(needed):
                return owner, User.objects.get(username=sibling)
    pytest.fail(f"{route.name}: no persona holds {permissions_for(route)}")


def owner_for(route, method):
    """The owner of the pair; for national data, the province administrator who edits it."""
    if route.name in UNSCOPED or route.name in PROVINCE_SETS or route.name in PROVINCE_ONLY:
        return User.objects.get(username="province-37")
    return pair_for(route, method)[0]


def send(client, method, url):
    """One request of the walk, with an empty body: PUT and PATCH send ``{}`` as JSON."""
    if method in ("put", "patch"):
        return getattr(client, method)(url, {}, content_type="application/json")
    return getattr(client, method)(url)


# The methods a router gives a list and a record; an action has its own, a plain view its handlers.
ROUTER_GIVES = {"list": {"get", "post"}, "detail": {"get", "put", "patch", "delete"}}
# Where a method is named that a resource leaves out of what its router gives it.
LEFT_OUT = {
    "post": ("NOT_CREATED", NOT_CREATED),
    "put": ("NOT_EDITED", NOT_EDITED),
    "patch": ("NOT_EDITED", NOT_EDITED),
    "delete": ("NEVER_DELETED", NEVER_DELETED),
}


def why_not_offered(route, method):
    """Why an API route does not offer ``method``, or None if that is not named."""
    if route.kind == "view":
        return API_VIEWS.get(route.name)
    if route.kind == "action" or method not in ROUTER_GIVES[route.kind]:
        return NOT_ROUTED[route.kind]
    _label, names = LEFT_OUT[method]
    return READ_ONLY.get(route.basename) or names.get(route.basename)


def why_refused(route, method, user):
    """Why ``user`` gets 403 or 405 for ``method`` on ``route``, or None if that is not named."""
    if route.is_api and method not in route.methods:
        return why_not_offered(route, method)
    for role in getattr(user, "role_codes", ()):
        if route.name in NOT_THEIR_TASK.get(role, {}):
            return NOT_THEIR_TASK[role][route.name]
    return None


def assert_refusal_is_named(route, method, user, response):
    """A 403 or 405 fails the walk unless it is named, and the failure says where to name it."""
    if why_refused(route, method, user):
        return
    if route.is_api and route.kind == "view":
        hint = f"name {route.name!r} in API_VIEWS"
    elif route.is_api and method not in route.methods:
        hint = f"name {route.basename!r} in {LEFT_OUT[method][0]} or READ_ONLY"
    else:
        role = min(getattr(user, "role_codes", ()), default="")
        hint = f"name {route.name!r} in NOT_THEIR_TASK[{role!r}]"
    pytest.fail(
        f"{method.upper()} {route.name} answered {response.status_code} to "
        f"{user.username or 'an anonymous user'}: {hint} with the reason"
    )


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
PUBLIC_API = [route for route in ALL_ROUTES if route.is_api and route.name in PUBLIC]
RECORDS = [route for route in CHECKED
           if route.kwargs and route.name not in UNSCOPED and route.name not in PROVINCE_SETS]  # fmt: skip


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


def walked_cases(every_method=True):
    """The (route, method, persona) cases of the walk, one request each. ``every_method=False``
    counts the walk as it was before it tried PUT, PATCH and DELETE: GET and POST only, and no
    walk of the owner through the methods."""

    def methods(route):
        if every_method:
            return route.walked_methods
        return [method for method in ("get", "post") if method in route.methods]

    cases = set()
    for route in CHECKED:
        cases |= {(route.name, method, "anonymous") for method in methods(route)}
        if every_method:
            cases |= {(route.name, method, "owner") for method in methods(route)}
        if route in RECORDS:
            for persona in ("sibling", "coordinator of village B"):
                cases |= {(route.name, method, persona) for method in methods(route)}
            if "get" in route.methods:
                cases.add((route.name, "get", "owner"))
        elif not route.kwargs and "get" in route.methods:
            cases.add((route.name, "get", "sibling approver"))
        if route.is_list and route.name not in REFERENCE_LISTS:
            cases.add((route.name, "get", "owner"))
    if every_method:
        for route in PUBLIC_API:
            cases |= {(route.name, method, "anonymous") for method in set(METHODS) - route.methods}
    return cases


def test_the_walk_tries_every_method_of_every_api_route():
    before, after = walked_cases(every_method=False), walked_cases()
    print(f"\nThe URL walk: {len(after)} (route, method, persona) cases; before PUT, PATCH and")
    print(f"DELETE were walked, with GET and POST only: {len(before)}")
    assert before < after
    for route in CHECKED:
        tried = {method for name, method, persona in after if name == route.name}
        assert tried == (set(METHODS) if route.is_api else route.methods), route.name


def test_every_named_refusal_is_of_a_method_a_route_leaves_out():
    api = [route for route in ALL_ROUTES if route.is_api]
    assert set(API_VIEWS) == {route.name for route in api if route.kind == "view"}
    for names, methods in (
        (READ_ONLY, {"post", "put", "patch", "delete"}),
        (NOT_CREATED, {"post"}),
        (NOT_EDITED, {"put", "patch"}),
        (NEVER_DELETED, {"delete"}),
    ):
        for basename in names:
            resource = [route for route in api if route.basename == basename]
            assert resource, f"{basename!r} is not the basename of a viewset"
            for route in resource:
                if route.kind in ("list", "detail"):
                    offered = methods & route.methods
                    assert not offered, f"{route.name} offers {offered}: {basename!r} is named"
    names = {route.name for route in ALL_ROUTES}
    for role, tasks in NOT_THEIR_TASK.items():
        assert set(tasks) <= names, f"NOT_THEIR_TASK[{role!r}] names a route that is gone"


@pytest.mark.parametrize("route", CHECKED, ids=route_ids)
def test_anonymous_users_must_log_in(route, samples, client):
    url = samples.url(route)
    for method in route.walked_methods:
        response = send(client, method, url)
        if route.is_api or route.name.startswith("api-"):
            assert response.status_code == 401, f"{method.upper()} {url}"
        else:
            assert response.status_code == 302, f"{method.upper()} {url}"
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("route", PUBLIC_API, ids=route_ids)
def test_the_public_api_offers_anonymous_users_nothing_more(route, samples, client):
    url = samples.url(route)
    for method in route.walked_methods:
        if method not in route.methods:
            response = send(client, method, url)
            assert response.status_code == 405, f"{method.upper()} {url}"
            assert_refusal_is_named(route, method, response.wsgi_request.user, response)


@pytest.mark.parametrize("route", RECORDS, ids=route_ids)
def test_a_user_of_a_sibling_region_gets_404_for_a_record(route, samples, login):
    url = samples.url(route)
    before = samples.rows()
    refused = {}
    for method in route.walked_methods:
        owner, sibling = pair_for(route, method)
        response = send(login(sibling), method, url)
        if method in route.methods:
            expected = 200 if method == "get" and route.name in PUBLISHED else 404
            assert response.status_code == expected, (
                f"{method.upper()} {url} answered {response.status_code}"
            )
        else:  # not offered: refused before any record is looked up
            assert response.status_code in (403, 405), f"{method.upper()} {url}"
            assert_refusal_is_named(route, method, sibling, response)
            refused[method] = owner, response.status_code
    # nothing was changed, deleted or moved
    assert samples.rows() == before
    assert StaffCertificate.objects.filter(pk=samples.certificate.pk).exists()
    assert Person.objects.get(pk=samples.person.pk).household_id == samples.household.pk
    assert Registration.objects.get(pk=samples.registration.pk).is_registered_unemployed
    # a refusal says nothing about the record: the owner gets the same
    for method, (owner, status_code) in refused.items():
        assert send(login(owner), method, url).status_code == status_code, (
            f"{method.upper()} {url}: the owner is refused otherwise than the sibling"
        )


@pytest.mark.parametrize("route", RECORDS, ids=route_ids)
def test_a_coordinator_of_the_sibling_village_gets_404_or_is_refused(
    route, samples, login, coordinator, sibling_coordinator
):
    url = samples.url(route)
    before = samples.rows()
    refused = {}
    for method in route.walked_methods:
        response = send(login(sibling_coordinator), method, url)
        if method == "get" and route.name in PUBLISHED:
            assert response.status_code == 200, f"{method.upper()} {url}"
        elif response.status_code != 404:
            assert response.status_code in (403, 405), f"{method.upper()} {url}"
            assert_refusal_is_named(route, method, sibling_coordinator, response)
            refused[method] = response.status_code
    assert samples.rows() == before
    # a refusal says nothing about the record: village A's own coordinator gets the same
    for method, status_code in refused.items():
        assert send(login(coordinator), method, url).status_code == status_code, (
            f"{method.upper()} {url}: village A's coordinator is refused otherwise"
        )


@pytest.mark.parametrize("route", [r for r in RECORDS if "get" in r.methods], ids=route_ids)
def test_the_owner_opens_the_same_record(route, samples, login):
    owner, _sibling = pair_for(route)
    response = login(owner).get(samples.url(route))
    assert response.status_code == 200, samples.url(route)


@pytest.mark.parametrize("route", CHECKED, ids=route_ids)
def test_the_owner_gets_an_answer_to_every_method(route, samples, login):
    """Never a 404 or a server error: a 2xx, a page's redirect, a 400 for the empty body, or
    a named refusal. Every answer, pages and files alike (exports, PDFs, evidence), tells
    browsers and proxies to keep no copy: they carry personal data."""
    url = samples.url(route)
    for method in route.walked_methods:  # reading first, deleting last
        owner = owner_for(route, method)
        response = send(login(owner), method, url)
        where = f"{method.upper()} {url} answered {response.status_code} to {owner.username}"
        assert "no-store" in response.get("Cache-Control", ""), f"{where} and may be cached"
        if response.status_code in (403, 405):
            assert_refusal_is_named(route, method, owner, response)
        elif 300 <= response.status_code < 400 and not route.is_api:
            to_login = response["Location"].startswith("/accounts/login/")
            assert not to_login or route.name in ENDS_AT_LOGIN, where
        else:
            assert response.status_code < 300 or response.status_code == 400, where


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if not r.kwargs and "get" in r.methods], ids=route_ids
)
def test_pages_without_a_record_show_a_sibling_nothing_of_the_other_region(
    route, samples, login, sibling_approver
):
    response = login(sibling_approver).get(samples.url(route), follow=True)
    if route.name in PROVINCE_ONLY:
        assert response.status_code == 404, route.name
    else:
        assert response.status_code in (200, 403, 405)
    if response.status_code in (403, 405):
        assert_refusal_is_named(route, "get", sibling_approver, response)
    content = text_of(response)
    published = {Vacancy, Employer, Region, *NAMED_BY_COMMUNITY}
    public = DOWNWARD | (published if route.name in PUBLISHED_LISTS else set())
    for model, marker in samples.markers.items():
        if model in public:
            continue
        assert marker not in content, (
            f"{route.name} shows {marker!r} to a user of the sibling county"
        )


# Lists of reference data, the same for everyone.
REFERENCE_LISTS = {"occupation-list", "industry-list"}
# Lists the samples of village A leave empty, and why: the walk checks that the owner gets
# them and that a sibling's file holds nothing of village A; the app's tests fill them and
# check that the page and the file hold the same rows.
EMPTY_FOR_THE_SAMPLES = {
    "training:candidates": "the sample person has a training need and an enrolment, so is no "
    "candidate for one (training/tests/test_exports.py)",
    "posts:employers": "the sample referral has not ended in a hire (posts/tests/test_exports.py)",
}
EMPTY_FOR_THE_SAMPLES |= {f"{name}-export": why for name, why in EMPTY_FOR_THE_SAMPLES.items()}


@pytest.mark.parametrize(
    "route", [r for r in CHECKED if r.is_list and r.name not in REFERENCE_LISTS], ids=route_ids
)
def test_lists_show_the_owner_the_records_of_their_region(route, samples, login):
    owner, _sibling = pair_for(route)
    query = f"?region={VILLAGE_A}" if route.model not in (Region, Household) else "?page_size=1000"
    response = login(owner).get(samples.url(route) + query)
    assert response.status_code == 200
    if route.name not in EMPTY_FOR_THE_SAMPLES:
        assert samples.markers[route.model] in text_of(response)


def test_admin_is_for_superusers_only(login, approver, superuser, client):
    assert client.get("/admin/").status_code == 302
    assert login(approver).get("/admin/").status_code == 302
    assert login(superuser).get("/admin/").status_code == 200


# Every list page, and its export.
LIST_PAGES = [
    route
    for route in CHECKED
    if route.view
    and issubclass(route.view, ScopedListView)
    and not issubclass(route.view, ExportMixin)
    and not route.kwargs
]
ROUTE_NAMED = {route.name: route for route in ALL_ROUTES}
# Lists that show every community of a county what the county offers them, and why.
COUNTY_WIDE = {
    "training:catalogue": "the published courses of the county's designated institutions, "
    "offered to every community of the county to refer its residents to",
}


def test_every_list_page_has_an_export():
    assert len(LIST_PAGES) > 40 and set(COUNTY_WIDE) | set(EMPTY_FOR_THE_SAMPLES) <= set(
        ROUTE_NAMED
    )
    missing = [route.name for route in LIST_PAGES if route.view not in exports()]
    assert not missing, f"list pages without an export (see core.exporting.view): {missing}"


def rows_of(response) -> int:
    book = load_workbook(io.BytesIO(response.content))
    return sum(1 for sheet in book for _row in sheet.iter_rows())


@pytest.mark.parametrize("route", LIST_PAGES, ids=route_ids)
def test_each_list_exports_its_records_and_a_sibling_gets_none_of_the_other_region(
    route, samples, login
):
    name, _view = exports()[route.view]
    export = ROUTE_NAMED[name]
    owner, sibling = pair_for(export)
    owner_client = login(owner)
    query = f"?region={VILLAGE_A}" if route.model not in (Region, Household) else ""
    page = owner_client.get(samples.url(route) + query)
    assert f'href="{reverse(name)}?' in page.content.decode(), f"{route.name} shows no export link"
    mine = owner_client.get(reverse(name) + query)
    assert mine["Content-Type"].startswith("application/vnd.openxmlformats"), name
    assert "no-store" in mine.get("Cache-Control", ""), f"{name} may be cached"
    if route.name not in EMPTY_FOR_THE_SAMPLES:
        assert samples.markers[route.model] in text_of(mine), (
            f"{name}: the record is not in the file"
        )
    # the sibling's file (the whole of their jurisdiction, numbers in full) has nothing of ours:
    # no cell that is a marker, and no cell that holds one of six characters or more (a
    # shorter one, such as a short number, may be part of a phone number by chance)
    cells = text_of(login(sibling).get(reverse(name) + "?full=1")).split("\n")
    public = DOWNWARD | (
        {Vacancy, Employer, Region, *NAMED_BY_COMMUNITY} if route.name in PUBLISHED_LISTS else set()
    )
    if route.name in COUNTY_WIDE:
        public |= {Course, Institution, Region}
    for model, marker in samples.markers.items():
        if model not in public:
            leaked = [
                cell for cell in cells if cell == marker or (len(marker) >= 6 and marker in cell)
            ]
            assert not leaked, f"{name} gives {marker!r} ({model.__name__}) to {sibling.username}"
    # as many queries for a village as for the county: none per row (as the owner again: the
    # fixture's one client was logged in as the sibling above)
    owner_client = login(owner)
    counts = {}
    for where in (VILLAGE_A, COUNTY):
        with CaptureQueriesContext(connection) as queries:
            response = owner_client.get(f"{reverse(name)}?region={where}")
        counts[where] = (len(queries), rows_of(response))
    (few, few_rows), (many, many_rows) = counts[VILLAGE_A], counts[COUNTY]
    if many_rows > few_rows > 2:
        assert many == few, f"{name}: {few} queries for {few_rows} rows, {many} for {many_rows}"
