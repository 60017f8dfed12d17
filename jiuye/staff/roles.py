"""Roles, the level each is held at, and what each may do: the one place this is declared.

Permission names follow Django's ``<app>.<action>_<model>`` convention, so
``user.has_perm("staff.change_user")``, ``PermissionRequiredMixin`` and the API's
``RolePermission`` all read this table through ``staff.backends.RoleBackend``. Later
processes add their own names (``registration.approve`` …) here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.regions.codes import Level


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("协管员")
    TOWNSHIP_REVIEWER = "reviewer", _("街道（乡镇）审核员")
    COUNTY_APPROVER = "approver", _("县级审批员")
    COUNTY_FINANCE = "finance", _("县级财政审核员")
    CITY_OFFICER = "city", _("市级业务员")
    PROVINCE_ADMIN = "province", _("省级管理员")
    INSPECTOR = "inspector", _("只读督查员")


# The level of the organisation a role is held at; None: any level.
ROLE_LEVEL: dict[Role, Level | None] = {
    Role.COORDINATOR: Level.VILLAGE,
    Role.TOWNSHIP_REVIEWER: Level.TOWNSHIP,
    Role.COUNTY_APPROVER: Level.COUNTY,
    Role.COUNTY_FINANCE: Level.COUNTY,
    Role.CITY_OFFICER: Level.CITY,
    Role.PROVINCE_ADMIN: Level.PROVINCE,
    Role.INSPECTOR: None,
}

EVERYONE = frozenset(Role)
STAFF_MANAGERS = frozenset({Role.COUNTY_APPROVER, Role.CITY_OFFICER, Role.PROVINCE_ADMIN})
# The community keeps the ledger; the township's service centre keeps it with them.
LEDGER_KEEPERS = frozenset({Role.COORDINATOR, Role.TOWNSHIP_REVIEWER})
# Who handles a case from the community to the county.
CASE_WORKERS = frozenset({Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER})

PERMISSIONS: dict[str, frozenset[Role]] = {
    # Regions and service organisations
    "regions.view_region": EVERYONE,
    "regions.view_serviceorg": EVERYONE,
    "regions.add_serviceorg": STAFF_MANAGERS,
    "regions.change_serviceorg": STAFF_MANAGERS,
    # Staff accounts and their certificates
    "staff.view_user": EVERYONE,
    "staff.add_user": STAFF_MANAGERS,
    "staff.change_user": STAFF_MANAGERS,
    # The resident ledger (人力资源台账)
    "ledger.view_person": EVERYONE,
    "ledger.add_person": LEDGER_KEEPERS,
    "ledger.change_person": LEDGER_KEEPERS,
    "ledger.import_person": LEDGER_KEEPERS,
    "ledger.export_person": EVERYONE,
    "ledger.view_person_identity": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
    "ledger.view_household": EVERYONE,
    # Employment and unemployment registration (就业失业登记)
    "registration.view_registration": EVERYONE,
    "registration.add_registration": frozenset({Role.COORDINATOR}),
    "registration.first_review": frozenset({Role.COORDINATOR}),
    "registration.township_review": frozenset({Role.TOWNSHIP_REVIEWER}),
    "registration.county_approve": frozenset({Role.COUNTY_APPROVER}),
    "registration.add_contact": LEDGER_KEEPERS,
    "registration.deregister_registration": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
    "registration.print_certificate": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
    # Employment assistance (就业援助) and zero-employment households
    "assistance.view_identification": EVERYONE,
    "assistance.add_identification": frozenset({Role.COORDINATOR}),
    "assistance.first_review": frozenset({Role.COORDINATOR}),
    "assistance.record_objection": LEDGER_KEEPERS,
    "assistance.township_review": frozenset({Role.TOWNSHIP_REVIEWER}),
    "assistance.identify": frozenset({Role.COUNTY_APPROVER}),
    "assistance.exit": CASE_WORKERS,
    "assistance.view_attachment": CASE_WORKERS,  # evidence: those who handle the case
    "assistance.view_card": EVERYONE,
    "assistance.print_card": CASE_WORKERS,
    "assistance.view_plan": EVERYONE,
    "assistance.add_plan": LEDGER_KEEPERS,
    "assistance.change_plan": LEDGER_KEEPERS,
    "assistance.view_measure": EVERYONE,
    "assistance.add_measure": LEDGER_KEEPERS,
    "assistance.view_service": EVERYONE,
    "assistance.add_service": CASE_WORKERS,
    "assistance.view_zerohousehold": EVERYONE,
    "assistance.change_zerohousehold": LEDGER_KEEPERS,
    # Job introduction (职业介绍): employers, vacancies, seekers, referrals
    "jobs.view_occupation": EVERYONE,
    "jobs.view_industry": EVERYONE,
    "jobs.view_employer": EVERYONE,
    "jobs.add_employer": LEDGER_KEEPERS,
    "jobs.change_employer": LEDGER_KEEPERS,
    "jobs.view_vacancy": EVERYONE,
    "jobs.add_vacancy": LEDGER_KEEPERS,
    "jobs.change_vacancy": LEDGER_KEEPERS,
    "jobs.view_seeker": EVERYONE,
    "jobs.add_seeker": LEDGER_KEEPERS,
    "jobs.change_seeker": LEDGER_KEEPERS,
    "jobs.view_referral": EVERYONE,
    "jobs.add_referral": LEDGER_KEEPERS,
    "jobs.answer_referral": LEDGER_KEEPERS,
    # Subsidy claims: the office prepares, the county's HR and then finance approve
    "subsidies.view_claim": EVERYONE,
    "subsidies.add_claim": LEDGER_KEEPERS,
    "subsidies.hr_approve": frozenset({Role.COUNTY_APPROVER}),
    "subsidies.finance_approve": frozenset({Role.COUNTY_FINANCE}),
    "subsidies.view_budget": EVERYONE,
    "subsidies.add_budget": frozenset({Role.COUNTY_FINANCE}),
    "subsidies.change_budget": frozenset({Role.COUNTY_FINANCE}),
    "subsidies.view_report": EVERYONE,
    # Public-welfare posts (公益性岗位)
    "posts.view_post": EVERYONE,
    "posts.add_post": LEDGER_KEEPERS,  # the township develops; the community helps (guideline 五, 十五)
    "posts.change_post": LEDGER_KEEPERS,
    "posts.view_placement": EVERYONE,
    "posts.add_placement": LEDGER_KEEPERS,
    "posts.end_placement": LEDGER_KEEPERS,
    # Flexible employment (灵活就业)
    "flexible.view_flexiblejob": EVERYONE,
    "flexible.add_flexiblejob": LEDGER_KEEPERS,
    "flexible.change_flexiblejob": LEDGER_KEEPERS,
    "flexible.view_check": EVERYONE,
    "flexible.add_check": LEDGER_KEEPERS,
    # Training (职业培训)
    "training.view_institution": EVERYONE,
    "training.add_institution": frozenset({Role.COUNTY_APPROVER}),
    "training.change_institution": frozenset({Role.COUNTY_APPROVER}),
    "training.view_course": EVERYONE,
    "training.add_course": frozenset({Role.COUNTY_APPROVER}),
    "training.change_course": frozenset({Role.COUNTY_APPROVER}),
    "training.view_need": EVERYONE,
    "training.add_need": LEDGER_KEEPERS,
    "training.change_need": LEDGER_KEEPERS,
    "training.view_enrolment": EVERYONE,
    "training.add_enrolment": LEDGER_KEEPERS,
    "training.change_enrolment": LEDGER_KEEPERS,
    # Entrepreneurship "1+3" and small guaranteed loans (创业服务)
    "startups.view_entrepreneur": EVERYONE,
    "startups.add_entrepreneur": LEDGER_KEEPERS,
    "startups.change_entrepreneur": LEDGER_KEEPERS,
    "startups.view_service": EVERYONE,
    "startups.add_service": LEDGER_KEEPERS,
    "startups.view_loan": EVERYONE,
    "startups.add_loan": frozenset({Role.COORDINATOR}),
    "startups.change_loan": frozenset({Role.COORDINATOR}),
    "startups.township_review_loan": frozenset({Role.TOWNSHIP_REVIEWER}),
    "startups.county_review_loan": frozenset({Role.COUNTY_APPROVER}),
    "startups.record_bank_decision": frozenset({Role.COUNTY_APPROVER}),
    "startups.extend_loan": frozenset({Role.COUNTY_APPROVER}),
    "startups.repay_loan": CASE_WORKERS,
    "startups.view_recovery": EVERYONE,
    "startups.add_recovery": CASE_WORKERS,
    # Policy parameters
    "core.view_policyparameter": EVERYONE,
    "core.add_policyparameter": frozenset({Role.PROVINCE_ADMIN}),
    # The working-day calendar
    "core.view_calendarday": EVERYONE,
    "core.add_calendarday": frozenset({Role.PROVINCE_ADMIN}),
    "core.change_calendarday": frozenset({Role.PROVINCE_ADMIN}),
    "core.delete_calendarday": frozenset({Role.PROVINCE_ADMIN}),
}


def permissions_of(roles) -> frozenset[str]:
    roles = set(roles)
    return frozenset(name for name, holders in PERMISSIONS.items() if roles & holders)
