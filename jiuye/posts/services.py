"""Writes of public-welfare posts: developing posts, placing assistance targets on them and
ending placements. Every write checks the actor's permission and jurisdiction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import PLACING_STATES
from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.core import history, parameters
from jiuye.core.scoping import subtree_q
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.jobs.models import Employer
from jiuye.ledger.choices import WITH_EMPLOYER, LabourStatus
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import is_of_working_age
from jiuye.ledger.services import status_change
from jiuye.posts import rules
from jiuye.posts.choices import STATUS_AFTER, LeaveReason, PostKind
from jiuye.posts.models import Placement, Post
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User
from jiuye.staff.roles import RoleCode
from jiuye.subsidies.selectors import last_claimed_month

# the post's own standard field: its parameter (the default and the ceiling)
STANDARDS = {"post_subsidy": "posts.post_subsidy", "insurance_subsidy": "posts.insurance_subsidy"}


def post_defaults(region_code: str, day: datetime.date | None = None) -> dict:
    """The subsidy standards a new post of the region starts with (the parameters)."""
    return {field: parameters.value(key, region_code, day) for field, key in STANDARDS.items()}


def _check_post(post: Post) -> None:
    errors = {}
    if post.region.level not in (Level.TOWNSHIP, Level.VILLAGE):
        errors["region"] = _("公益性岗位由街道（乡镇）开发，区划应选到街道（乡镇）或社区（村）。")
    elif post.is_special and post.region.level != Level.VILLAGE:
        errors["region"] = _("特定公益性岗位设在社区（村）劳动保障服务站点，区划应选到社区（村）。")
    if post.starts_on and post.ends_on and post.ends_on < post.starts_on:
        errors["ends_on"] = _("岗位期限的结束日期不能早于开始日期。")
    if not post.posts:
        errors["posts"] = _("岗位数量至少为1个。")
    for field, key in STANDARDS.items():
        value, ceiling = getattr(post, field), parameters.value(key, post.region_id, post.starts_on)
        if value is not None and value > ceiling:
            errors[field] = _("不能高于参数“%(label)s”%(ceiling)s元/月。") % {
                "label": parameters.PARAMETERS[key].label, "ceiling": ceiling}  # fmt: skip
    if errors:
        raise ValidationError(errors)


def _check_employer(actor, employer) -> None:
    if employer is not None:
        check_scope(Employer.objects.visible_to(actor), employer, field="employer")


@transaction.atomic
def post_create(*, actor, region: Region, **fields) -> Post:
    """Develop a post in a township or community of the actor's jurisdiction; the standards
    not given are the parameters' in force on the first day of the post."""
    require(actor, "posts.add_post")
    if fields.get("kind") == PostKind.SPECIAL:
        require(actor, "posts.manage_special_post")
    check_scope(Region.objects.editable_by(actor), region, field="region")
    _check_employer(actor, fields.get("employer"))
    for field, value in post_defaults(region.code, fields.get("starts_on")).items():
        if fields.get(field) is None:
            fields[field] = value
    if not fields.get("unit_name") and fields.get("employer") is not None:
        fields["unit_name"] = fields["employer"].name
    post = Post(region=region, **fields)
    _check_post(post)
    post.full_clean()
    post._history_user = actor
    post.save()
    return post


def post_update(*, actor, post: Post, expected_version: int, **fields) -> Post:
    require(actor, "posts.change_post")
    check_scope(Post.objects.editable_by(actor), post)
    if "region" in fields:
        check_scope(Region.objects.editable_by(actor), fields["region"], field="region")
    _check_employer(actor, fields.get("employer"))
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        old_region, old_kind = post.region_id, post.kind
        if PostKind.SPECIAL in (old_kind, fields.get("kind")):
            require(actor, "posts.manage_special_post")
        for name, value in fields.items():
            if value is not None or name not in STANDARDS:
                setattr(post, name, value)
        if not post.unit_name and post.employer is not None:
            post.unit_name = post.employer.name
        _check_post(post)
        if post.kind != old_kind and post.placements.exists():
            raise ValidationError({"kind": _("该岗位已有人员安置，不能改变岗位类别。")})
        filled = post.placements.open().count()
        if post.posts < filled:
            raise ValidationError(
                {"posts": _("该岗位现有%(n)s人在岗，岗位数量不能更少。") % {"n": filled}}
            )
        first = post.placements.order_by("started_on").values_list("started_on", flat=True).first()
        if first is not None and post.starts_on > first:
            raise ValidationError(
                {
                    "starts_on": _("已有人员于%(date)s上岗，岗位期限不能晚于该日开始。")
                    % {"date": first}
                }
            )
        latest = (
            post.placements.order_by("-started_on").values_list("started_on", flat=True).first()
        )
        if latest is not None and post.ends_on < latest:
            raise ValidationError(
                {
                    "ends_on": _("已有人员于%(date)s上岗，岗位期限不能早于该日结束。")
                    % {"date": latest}
                }
            )
        post.full_clean()
        save_versioned(post, expected_version=expected_version, actor=actor)
        if post.region_id != old_region:
            _move_placements(post, actor)
    return post


def _move_placements(post: Post, actor) -> None:
    """A placement belongs to its post's region (the office that keeps the post keeps its
    placements and claims their subsidies): a post moved to another region takes them along."""
    for placement in post.placements.select_for_update():
        history.change(placement, actor=actor, region_id=post.region_id)


# Placements -----------------------------------------------------------------------------


def is_assistance_target(person: Person) -> bool:
    """A person with a current identification as hard to employ (就业困难人员，已认定), or a
    member of an identified zero-employment household waiting for a placement (托底安置)."""
    return (
        Identification.objects.identified().filter(person=person).exists()
        or ZeroHousehold.objects.filter(
            household_id=person.household_id, state__in=PLACING_STATES
        ).exists()
    )


def coordinator_of(person: Person, post: Post) -> User | None:
    """The active coordinator account of the post's community or village whose own entry in
    the ledger is ``person``: who a special post (特定公益性岗位) is for."""
    accounts = User.objects.filter(person=person, is_active=True, roles__code=RoleCode.COORDINATOR)
    return accounts.filter(subtree_q("org__region_id", prefix_of(post.region_id))).first()


def _check_holder(person: Person, post: Post) -> None:
    """An ordinary post places an assistance target; a special post the station's coordinator."""
    if post.is_special:
        if coordinator_of(person, post) is None:
            raise ValidationError({"person": _(
                "特定公益性岗位由本社区（村）的协管员担任：该人员须关联本社区（村）在岗协管员的账号（在工作人员信息中填写本人公民身份号码）。"
            )})  # fmt: skip
    elif not is_assistance_target(person):
        raise ValidationError({"person": _(
            "公益性岗位只安置就业援助对象：该人员没有有效的就业困难人员认定（须已认定、未退出），也不是已认定零就业家庭的成员。"
        )})  # fmt: skip


def _check_contract(placement: Placement) -> None:
    months, post = placement.contract_months, placement.post
    if months is None:
        raise ValidationError({"contract_months": _("请填写协议（合同）期限。")})
    if not 1 <= months <= 120:
        raise ValidationError({"contract_months": _("协议（合同）期限应为1至120个月。")})
    if placement.contract_ends_on > post.ends_on:
        raise ValidationError({"contract_months": _(
            "协议（合同）期限至%(end)s，超出岗位期限（至%(post_end)s）。"
        ) % {"end": placement.contract_ends_on, "post_end": post.ends_on}})  # fmt: skip


def _check_placement(placement: Placement, earlier: list[Placement], today) -> None:
    person, post, start = placement.person, placement.post, placement.started_on
    _check_holder(person, post)
    if start > today:
        raise ValidationError({"started_on": _("上岗日期不能晚于今天。")})
    if not post.starts_on <= start <= post.ends_on:
        raise ValidationError({"started_on": _("上岗日期应在岗位期限（%(from)s至%(to)s）内。") % {
            "from": post.starts_on, "to": post.ends_on}})  # fmt: skip
    if not is_of_working_age(person, start):
        raise ValidationError({"person": _("该人员上岗时不在法定劳动年龄内。")})
    if any(p.ended_on is None for p in earlier):
        raise ValidationError({"person": _("该人员已在公益性岗位上岗，须先办理离岗才能再安置。")})
    last_end = max((p.ended_on for p in earlier), default=None)
    if last_end is not None and start < last_end:
        raise ValidationError({"started_on": _("上岗日期不能早于该人员上次离岗日期（%(date)s）。") % {
            "date": last_end}})  # fmt: skip
    month, right = rules.first_paid_month(placement, earlier)
    if month is None:
        raise ValidationError({"started_on": _("岗位期限内已没有可计发补贴的整月，不能安置。")})
    if not right.paid:
        # A county refuses: a post paid from the employment fund is for those it may still pay.
        raise ValidationError({"person": _("该人员已不能享受公益性岗位补贴，不能安置：%(why)s。") % {
            "why": right.words}})  # fmt: skip
    _check_contract(placement)


@transaction.atomic
def placement_create(*, actor, post: Post, person: Person, started_on: datetime.date,
                     contract_months: int | None) -> Placement:  # fmt: skip
    """Place an assistance target (on a special post: the community's coordinator) on a post
    of the actor's jurisdiction, with an agreement of ``contract_months`` from the first day:
    the ledger records the person as employed on a public-welfare post from that day."""
    require(actor, "posts.add_placement")
    if post.is_special:
        require(actor, "posts.manage_special_post")
    check_scope(Post.objects.editable_by(actor), post, field="post")
    check_scope(Person.objects.visible_to(actor), person, field="person")
    post = Post.objects.select_for_update().select_related("region").get(pk=post.pk)
    person = Person.objects.select_for_update().get(pk=person.pk)
    filled = post.placements.open().count()
    if filled >= post.posts:
        raise ValidationError(
            {"post": _("该岗位%(n)s个岗位已满，不能再安置。") % {"n": post.posts}}
        )
    earlier = list(Placement.objects.filter(person=person).select_related("post"))
    placement = Placement(post=post, person=person, region_id=post.region_id,
                          started_on=started_on, contract_months=contract_months)  # fmt: skip
    _check_placement(placement, earlier, timezone.localdate())
    placement.full_clean(exclude=["person", "post"])
    placement._history_user = actor
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError:  # placed elsewhere a moment ago
        raise ValidationError({"person": _("该人员已在公益性岗位上岗。")}) from None
    try:
        status_change(
            actor=actor, person=person, status=LabourStatus.PUBLIC_WELFARE_POST, since=started_on,
            employer=post.unit_name, occupation=post.title,
            note=_("公益性岗位安置（%(post)s）") % {"post": post},
        )  # fmt: skip
    except ValidationError as error:
        raise ValidationError({"started_on": error.messages}) from None
    return placement


def _check_not_claimed_after(placement: Placement, ended_on: datetime.date) -> None:
    """A leaving dated back before a month already claimed for the placement would leave a
    subsidy paid for a month the person was no longer on the post: refused."""
    month = last_claimed_month(placement)
    if month is None:
        return
    day = rules.count_day(month, placement.region_id)
    if ended_on <= day:
        raise ValidationError({"ended_on": _(
            "该安置%(period)s的补贴已提交申报，离岗日期应晚于该月计月基准日（%(day)s）；如确需更正，请先将该月的申报退回修改。"
        ) % {"period": f"{month:%Y-%m}", "day": day}})  # fmt: skip


@transaction.atomic
def placement_end(*, actor, placement: Placement, ended_on: datetime.date, reason: str,
                  note: str = "", employer: str = "") -> Placement:  # fmt: skip
    """The person leaves the post on ``ended_on`` (no longer on it that day). If the ledger
    still shows them on the public-welfare post, it records the status that follows from the
    reason from that day: out of work, employed elsewhere (the new employer) or retired."""
    require(actor, "posts.end_placement")
    check_scope(Placement.objects.editable_by(actor), placement)
    placement = Placement.objects.select_for_update().select_related("post").get(pk=placement.pk)
    if placement.post.is_special:
        require(actor, "posts.manage_special_post")
    if placement.ended_on is not None:
        raise ValidationError(_("该安置已于%(date)s离岗。") % {"date": placement.ended_on})
    if reason not in LeaveReason.values:
        raise ValidationError({"reason": _("请选择离岗原因。")})
    if ended_on <= placement.started_on:
        raise ValidationError({"ended_on": _("离岗日期应晚于上岗日期（%(date)s）。") % {
            "date": placement.started_on}})  # fmt: skip
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("离岗日期不能晚于今天。")})
    _check_not_claimed_after(placement, ended_on)
    status = STATUS_AFTER[LeaveReason(reason)]
    if status in WITH_EMPLOYER and not employer.strip():
        raise ValidationError({"employer": _("实现其他就业的，请填写新的就业单位。")})
    history.change(placement, actor=actor, ended_on=ended_on, leave_reason=reason, leave_note=note)
    person = Person.objects.select_for_update().get(pk=placement.person_id)
    if person.status == LabourStatus.PUBLIC_WELFARE_POST and person.status_since <= ended_on:
        try:
            status_change(
                actor=actor, person=person, status=status, since=ended_on, employer=employer,
                note=_("公益性岗位离岗（%(reason)s）") % {"reason": LeaveReason(reason).label},
            )  # fmt: skip
        except ValidationError as error:
            raise ValidationError({"ended_on": error.messages}) from None
    return placement
