"""Writes of the policy library: policies and where they apply (kept in the full-text index),
consultations and the policies they cite, good-practice cases and their publication."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core import history
from jiuye.core.services import check_scope, require, save_new, save_versioned
from jiuye.ledger.models import Person
from jiuye.policies import search
from jiuye.policies.choices import IssuingLevel, Status
from jiuye.policies.models import Citation, Consultation, GoodPractice, Policy, PolicyArea
from jiuye.regions.codes import Level, contains
from jiuye.regions.models import Region, ServiceOrg

POLICY_FIELDS = ("level", "title", "issuer", "number", "issued_on", "effective_from",
                 "effective_until", "status", "text")  # fmt: skip
# The issuing levels a policy kept at a region of each level may have.
LEVELS = {
    Level.PROVINCE: {IssuingLevel.NATIONAL, IssuingLevel.PROVINCE},
    Level.CITY: {IssuingLevel.CITY},
    Level.COUNTY: {IssuingLevel.COUNTY},
}
CONSULTATION_FIELDS = ("asked_on", "topic", "question", "answer", "asker_name", "person")


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def check_policy(policy: Policy, areas) -> None:
    """A policy's level agrees with its region's; its dates are in order; an amended or
    repealed one has an end date; chosen areas are cities or counties inside its region."""
    level = policy.region.level
    if level not in LEVELS:
        raise ValidationError({"region": _("政策由县级及以上制定，请选择省、市或县（市、区）。")})
    if policy.level not in LEVELS[level]:
        raise ValidationError({"level": _("发文层级与制定区划的层级不符。")})
    if policy.effective_until and policy.effective_until < policy.effective_from:
        raise ValidationError({"effective_until": _("有效期至不能早于施行日期。")})
    if policy.status != Status.VALID and policy.effective_until is None:
        raise ValidationError({"effective_until": _("已修订或废止的政策须填写停止执行日期。")})
    if areas and level == Level.COUNTY:
        raise ValidationError({"areas": _("县级政策适用于本县全域，不另选适用地区。")})
    for area in areas:
        if (
            area.level not in (Level.CITY, Level.COUNTY)
            or area.code == policy.region_id
            or not contains(policy.region.prefix, area.code)
        ):
            raise ValidationError(
                {"areas": _("适用地区须为制定区划下的市或县：%(name)s不是。") % {"name": area.name}}
            )


def _set_areas(policy: Policy, areas, actor) -> None:
    wanted = {area.code for area in areas}
    current = {row.region_id: row for row in policy.policy_areas.all()}
    for code, row in current.items():
        if code not in wanted:
            row._history_user = actor
            row.delete()
    for code in sorted(wanted - set(current)):
        save_new(PolicyArea(policy=policy, region_id=code), actor=actor)


@transaction.atomic
def policy_create(
    *, actor, region: Region, level: str, title: str, issuer: str, issued_on: datetime.date,
    effective_from: datetime.date, text: str, number: str = "",
    effective_until: datetime.date | None = None, status: str = Status.VALID, areas=(),
) -> Policy:  # fmt: skip
    """A policy kept by ``region``'s office (a region of the actor's jurisdiction), applying to
    all its subtree or to the chosen ``areas``."""
    require(actor, "policies.add_policy")
    check_scope(Region.objects.editable_by(actor), region, field="region")
    policy = Policy(
        region=region, level=level, title=title.strip(), issuer=issuer.strip(),
        number=number.strip(), issued_on=issued_on, effective_from=effective_from,
        effective_until=effective_until, status=status, text=text.strip(), recorded_by=actor,
    )  # fmt: skip
    areas = list(areas)
    check_policy(policy, areas)
    save_new(policy, actor=actor)
    _set_areas(policy, areas, actor)
    search.index([policy])
    return policy


@transaction.atomic
def policy_update(*, actor, policy: Policy, expected_version: int, areas=None, **fields) -> Policy:
    """Correct a policy, or record that it was amended or repealed (its status and end date);
    ``areas`` (if given) replaces where it applies."""
    require(actor, "policies.change_policy")
    check_scope(Policy.objects.editable_by(actor), policy)
    for name in POLICY_FIELDS:
        if name in fields:
            setattr(policy, name, _clean(fields[name]))
    chosen = list(policy.areas.all()) if areas is None else list(areas)
    check_policy(policy, chosen)
    save_versioned(policy, expected_version=expected_version, actor=actor)
    if areas is not None:
        _set_areas(policy, chosen, actor)
    search.index([policy])
    return policy


def _check_citations(actor, policies) -> list[Policy]:
    policies = list(policies)
    visible = Policy.objects.visible_to(actor)
    for policy in policies:
        check_scope(visible, policy, field="policies")
    return policies


def _set_citations(consultation: Consultation, policies, actor) -> None:
    wanted = {policy.pk for policy in policies}
    current = {row.policy_id: row for row in consultation.citations.all()}
    for pk, row in current.items():
        if pk not in wanted:
            row._history_user = actor
            row.delete()
    for pk in sorted(wanted - set(current)):
        save_new(Citation(consultation=consultation, policy_id=pk), actor=actor)


def _check_consultation(actor, consultation: Consultation) -> None:
    if consultation.asked_on > timezone.localdate():
        raise ValidationError({"asked_on": _("咨询日期不能晚于今天。")})
    if consultation.person_id:
        check_scope(Person.objects.visible_to(actor), consultation.person, field="id_number")


@transaction.atomic
def consultation_record(
    *, actor, asked_on: datetime.date, topic: str, question: str, answer: str,
    person: Person | None = None, asker_name: str = "", policies=(),
) -> Consultation:  # fmt: skip
    """A question answered at the actor's office's window, with the policies cited."""
    require(actor, "policies.add_consultation")
    if actor.org_id is None:
        raise PermissionDenied(_("您的账号没有所属机构，不能登记政策咨询。"))
    consultation = Consultation(
        region_id=actor.org.region_id, org=actor.org, asked_on=asked_on, topic=topic,
        question=question.strip(), answer=answer.strip(), person=person,
        asker_name="" if person else asker_name.strip(), recorded_by=actor,
    )  # fmt: skip
    _check_consultation(actor, consultation)
    policies = _check_citations(actor, policies)
    save_new(consultation, actor=actor)
    _set_citations(consultation, policies, actor)
    return consultation


@transaction.atomic
def consultation_update(
    *, actor, consultation: Consultation, expected_version: int, policies=None, **fields
) -> Consultation:
    """Correct or complete a consultation (an answer given after checking, a policy cited)."""
    require(actor, "policies.change_consultation")
    check_scope(Consultation.objects.editable_by(actor), consultation)
    for name in CONSULTATION_FIELDS:
        if name in fields:
            setattr(consultation, name, _clean(fields[name]))
    if consultation.person_id:
        consultation.asker_name = ""
    _check_consultation(actor, consultation)
    if policies is not None:
        policies = _check_citations(actor, policies)
    save_versioned(consultation, expected_version=expected_version, actor=actor)
    if policies is not None:
        _set_citations(consultation, policies, actor)
    return consultation


def practice_orgs(user):
    """The offices whose good practice ``user`` may write up: active ones of the jurisdiction."""
    return ServiceOrg.objects.visible_to(user).filter(is_active=True)


@transaction.atomic
def practice_create(*, actor, org: ServiceOrg, title: str, text: str) -> GoodPractice:
    require(actor, "policies.add_goodpractice")
    check_scope(practice_orgs(actor), org, field="org")
    practice = GoodPractice(
        region_id=org.region_id, org=org, title=title.strip(), text=text.strip(), recorded_by=actor
    )
    return save_new(practice, actor=actor)


@transaction.atomic
def practice_update(
    *, actor, practice: GoodPractice, expected_version: int, title: str, text: str
) -> GoodPractice:
    require(actor, "policies.change_goodpractice")
    check_scope(GoodPractice.objects.editable_by(actor), practice)
    practice.title, practice.text = title.strip(), text.strip()
    save_versioned(practice, expected_version=expected_version, actor=actor)
    return practice


@transaction.atomic
def practice_publish(*, actor, practice: GoodPractice, published: bool) -> GoodPractice:
    """Publish a case on the public page (or take it back)."""
    require(actor, "policies.publish_goodpractice")
    check_scope(GoodPractice.objects.editable_by(actor), practice)
    if practice.published == published:
        return practice
    return history.change(
        practice, actor=actor, published=published,
        published_on=timezone.localdate() if published else None,
    )  # fmt: skip
