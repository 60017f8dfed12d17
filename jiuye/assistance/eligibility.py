"""The categories of hard-to-employ persons checked against the ledger (就业困难人员类别核验).

Each category carries its rule (``Category.rule``) and the rule reads policy parameters: age
and sex for the "4050" persons, years to the retirement age, months of unemployment, the 低保
household, disability, membership of an identified zero-employment household. What the ledger
cannot show (a graduate's leaving date, a lost plot of land, a single parent) is proved by
evidence attached to the case and marked with the category it proves. Identification refuses a
category the data contradicts, at application and again at the county's identification.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.assistance.choices import PLACING_STATES, CategoryRule, HouseholdKind
from jiuye.core import parameters
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import Sex
from jiuye.ledger.models import years_before
from jiuye.ledger.selectors import working_age_limits

ZERO_KINDS = {
    CategoryRule.ZERO_URBAN: HouseholdKind.URBAN,
    CategoryRule.ZERO_RURAL: HouseholdKind.RURAL,
}


@dataclass(frozen=True)
class Facts:
    """What the ledger shows of a person on a day, as the rules of the categories read it."""

    on: datetime.date
    sex: str
    age: int
    retirement_age: int
    retires_on: datetime.date
    unemployed_since: datetime.date | None  # of the open unemployment registration; None: none
    dibao: bool
    disabled: bool
    zero_kinds: frozenset  # kinds of the identified zero-employment household they belong to
    evidence: frozenset | None  # ids of the categories proved by evidence; None: not yet asked


def make_facts(person, on, *, limits, since, dibao, zero_kinds=(), evidence=None) -> Facts:
    """``Facts`` of ``person`` from what the caller read (``limits``: ``working_age_limits``)."""
    retirement_age = limits["female_max" if person.sex == Sex.FEMALE else "male_max"]
    return Facts(
        on=on, sex=person.sex, age=person.age_on(on), retirement_age=retirement_age,
        retires_on=years_before(person.birth_date, -retirement_age), unemployed_since=since,
        dibao=dibao, disabled=bool(person.disability), zero_kinds=frozenset(zero_kinds),
        evidence=None if evidence is None else frozenset(evidence),
    )  # fmt: skip


def facts_of(person, on: datetime.date, identification=None) -> Facts:
    """The person's ``Facts`` on ``on``; with ``identification``, the evidence attached to it."""
    from jiuye.assistance.models import ZeroHousehold

    registration = (
        person.registrations.filter(kind="unemployment", ended_on__isnull=True)
        .exclude(state="rejected").order_by("-applied_on").first()
    )  # fmt: skip
    since = registration and (
        registration.unemployed_since or registration.approved_on or registration.applied_on
    )
    household = person.household
    zero_kinds = ZeroHousehold.objects.filter(
        household_id=person.household_id, state__in=PLACING_STATES  # identified, not yet settled
    ).values_list("kind", flat=True) if household else ()  # fmt: skip
    evidence = None
    if identification is not None:
        evidence = identification.attachments.filter(category__isnull=False).values_list(
            "category_id", flat=True
        )
    return make_facts(person, on, limits=working_age_limits(person.region_id, on), since=since,
                      dibao=bool(household and household.has_dibao), zero_kinds=zero_kinds,
                      evidence=evidence)  # fmt: skip


def refusal(category, facts: Facts, region_code: str, value: Callable = parameters.value):
    """Why the data contradicts ``category`` for the person of ``facts`` (a sentence), or None.
    ``value`` reads a parameter (``parameters.value``, or a ``Reader`` over many persons)."""

    def param(key):
        return value(f"assistance.{key}", region_code, facts.on)

    rule = category.rule
    if rule == CategoryRule.OLDER:
        female = facts.sex == Sex.FEMALE
        need = param("older_female_age" if female else "older_male_age")
        if facts.age < need:
            sex = _("女性") if female else _("男性")
            return _(
                "该人员为%(sex)s，现年%(age)d岁，不符合“4050”人员条件（%(sex)s须年满%(need)d岁）。"
            ) % {"sex": sex, "age": facts.age, "need": need}
    elif rule in (CategoryRule.NEAR_RETIREMENT, CategoryRule.LONG_TERM):
        if facts.unemployed_since is None:
            return _("该人员没有办理中或有效的失业登记，不符合“%(category)s”的条件。") % {
                "category": category.name
            }
        if rule == CategoryRule.NEAR_RETIREMENT:
            years = param("near_retirement_years")
            if years_before(facts.retires_on, years) >= facts.on:
                return _(
                    "该人员将于%(date)s达到法定退休年龄（%(age)d岁），距今不少于%(years)d年，"
                    "不符合“距法定退休年龄不足%(years)d年”的条件。"
                ) % {"date": facts.retires_on, "age": facts.retirement_age, "years": years}
        else:
            months = param("long_term_months")
            if facts.unemployed_since > months_before(facts.on, months):
                return _(
                    "该人员自%(since)s失业，至今不满%(months)d个月，不符合“连续失业%(months)d个月以上”的条件。"
                ) % {"since": facts.unemployed_since, "months": months}
    elif rule in ZERO_KINDS:
        if ZERO_KINDS[rule] not in facts.zero_kinds:
            return _("该人员所在家庭不是已认定的%(kind)s（已认定或扶持中）。") % {
                "kind": ZERO_KINDS[rule].label
            }
    elif rule == CategoryRule.DIBAO:
        if not facts.dibao:
            return _("台账中该人员所在家庭未享受最低生活保障，不符合“%(category)s”的条件。") % {
                "category": category.name
            }
    elif rule == CategoryRule.DISABILITY:
        if not facts.disabled:
            return _("台账中该人员没有残疾等级（残疾人证）记录，不符合“%(category)s”的条件。") % {
                "category": category.name
            }
    elif facts.evidence is not None and category.pk not in facts.evidence:
        return _("“%(category)s”须凭证明材料认定：请上传材料并注明其证明的类别。") % {
            "category": category.name
        }
    return None


def check_categories(categories, person, *, identification=None, on=None) -> None:
    """Refuse, at the field ``categories``, each category the person's data contradicts. At
    application (no ``identification``) evidence is not asked yet; at identification it is."""
    categories = list(categories)
    if not categories:
        raise ValidationError({"categories": _("请至少选择一个援助对象类别。")})
    facts = facts_of(person, on or timezone.localdate(), identification)
    reasons = [
        reason for category in categories if (reason := refusal(category, facts, person.region_id))
    ]
    if reasons:
        raise ValidationError({"categories": reasons})
