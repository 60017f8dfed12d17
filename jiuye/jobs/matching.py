"""Explainable matching of seekers and vacancies.

The database scores every candidate with one query and returns the best; the words that
explain a score are made from the same parts it computed. A score out of 100 is the sum of

* occupation: 10 points per level of the classification the two codes share (4 levels:
  the same occupation 40, the same small class 30, middle class 20, major group 10);
* place: 5 points per level of the region tree shared with where the seeker lives (the same
  community 25, township 20, county 15, city 10, province 5); a vacancy inside a place the
  seeker wishes to work counts as the same county;
* wage: 15 when the wage's upper end reaches the seeker's expectation (or none was given),
  5 when it falls short by at most a fifth;
* education: 10 when the seeker's education meets the vacancy's requirement (or it has none);
* priority: 10 for hard-to-employ persons and members of zero-employment households.

Sex, ethnicity and age never enter a score. Age only bounds who is matched at all: persons
outside the legal working age (policy parameters of the ledger) are not matched.
"""

import functools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.core import parameters
from jiuye.core.scoping import subtree_q
from jiuye.jobs.models import Occupation, Seeker, Vacancy
from jiuye.ledger.choices import Education
from jiuye.ledger.models import working_age_q
from jiuye.ledger.selectors import is_of_working_age, working_age_limits
from jiuye.regions.codes import Level, code_of_prefix, contains, county, prefix_of
from jiuye.regions.models import Region

OCCUPATION_POINTS = 10  # per shared level
PLACE_POINTS = 5  # per shared level
WAGE_FULL, WAGE_CLOSE = 15, 5
WAGE_CLOSE_SHARE = Decimal("0.8")
EDUCATION_POINTS = 10
PRIORITY_POINTS = 10


@dataclass
class Match:
    item: object  # a Vacancy or a Seeker
    score: int
    reasons: list[tuple[int, str]] = field(default_factory=list)


def _levels(when_by_level: dict[int, Q]) -> Case:
    return Case(
        *[When(q, then=Value(level)) for level, q in sorted(when_by_level.items(), reverse=True)],
        default=Value(0),
        output_field=IntegerField(),
    )


def _flag(q: Q) -> Case:
    return Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField())


PARTS = ("occupation_level", "place_level", "wage_points", "education_fit", "score")


def _best(queryset, *, priority, limit: int, related: tuple[str, ...]) -> list:
    """The ``limit`` best of ``queryset`` (annotated with the parts of the score), best first.

    The database ranks narrow rows (ids and the parts) and only the best are then read whole
    with their related records: joining every candidate's employer or person first would
    cost more than the ranking itself."""
    ranked = list(
        queryset.annotate(
            score=F("occupation_level") * OCCUPATION_POINTS
            + F("place_level") * PLACE_POINTS
            + F("wage_points")
            + F("education_fit") * EDUCATION_POINTS
            + priority * PRIORITY_POINTS
        )
        .order_by("-score", "pk")
        .values("pk", *PARTS)[:limit]
    )
    records = queryset.model.objects.select_related(*related).in_bulk([row["pk"] for row in ranked])
    best = []
    for row in ranked:
        record = records[row["pk"]]
        for part in PARTS:
            setattr(record, part, row[part])
        best.append(record)
    return best


# Vacancies for a seeker -----------------------------------------------------------------


def vacancies_for(seeker: Seeker, *, limit: int | None = None, today=None) -> list[Match]:
    """The published vacancies of every jurisdiction, best for ``seeker`` first."""
    today = today or timezone.localdate()
    limit = limit or parameters.value("jobs.matches_shown", seeker.region_id, today)
    person = seeker.person
    if not is_of_working_age(person, today):
        return []
    occupation = {}
    for code in seeker.wish_codes.split():
        for level, ancestor in enumerate(Occupation.ancestors_of(code), start=1):
            occupation[level] = occupation.get(level, Q()) | Q(
                occupation__code__startswith=ancestor
            )
    home = seeker.region_id
    # A place level is the region level shared: community 5, township 4 … province 1.
    place = {level: subtree_q("region_id", prefix_of(home, level)) for level in reversed(Level)}
    for prefix in seeker.place_codes.split():  # wished places, as region prefixes
        place[Level.COUNTY] |= subtree_q("region_id", prefix)
    expected = seeker.wage_expected
    wage = (
        Value(WAGE_FULL)
        if expected is None
        else Case(
            When(wage_max__gte=expected, then=Value(WAGE_FULL)),
            When(wage_max__gte=expected * WAGE_CLOSE_SHARE, then=Value(WAGE_CLOSE)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    education = Q(education="")
    if person.education:
        education |= Q(education__gte=person.education)
    queryset = (
        Vacancy.objects.published(today)
        .filter(hired__lt=F("posts"))
        .annotate(
            occupation_level=_levels(occupation),
            place_level=_levels(place),
            wage_points=wage,
            education_fit=_flag(education),
        )
    )
    rows = _best(queryset, priority=Value(int(seeker.is_priority)), limit=limit,
                 related=("employer", "occupation", "region"))  # fmt: skip
    return _explain_all([(row, seeker, row) for row in rows])


# Seekers for a vacancy ------------------------------------------------------------------


def seekers_for(vacancy: Vacancy, user, *, limit: int | None = None, today=None) -> list[Match]:
    """The active seekers of ``user``'s jurisdiction of working age, best for ``vacancy`` first."""
    today = today or timezone.localdate()
    limit = limit or parameters.value("jobs.matches_shown", vacancy.region_id, today)
    ancestors = Occupation.ancestors_of(vacancy.occupation_id)
    occupation = {
        level: Q(wish_codes__contains=f" {code} " if level == 4 else f" {code}")
        for level, code in enumerate(ancestors, start=1)
    }
    work_place = vacancy.region_id
    place = {
        level: subtree_q("region_id", prefix_of(work_place, level)) for level in reversed(Level)
    }
    place[Level.VILLAGE] = Q(region_id=work_place)
    for level in reversed(Level):
        place[Level.COUNTY] |= Q(place_codes__contains=f" {prefix_of(work_place, level)} ")
    wage = Case(
        When(wage_expected__isnull=True, then=Value(WAGE_FULL)),
        When(wage_expected__lte=vacancy.wage_max, then=Value(WAGE_FULL)),
        When(wage_expected__lte=vacancy.wage_max / WAGE_CLOSE_SHARE, then=Value(WAGE_CLOSE)),
        default=Value(0),
        output_field=IntegerField(),
    )
    education = Value(1)  # no requirement: everybody fits
    if vacancy.education:
        education = _flag(~Q(person__education="") & Q(person__education__lte=vacancy.education))
    limits = working_age_limits(vacancy.region_id, today)
    queryset = (
        Seeker.objects.visible_to(user)
        .active()
        .filter(working_age_q(today, **limits, field="person__"))
        .annotate(
            occupation_level=_levels(occupation),
            place_level=_levels(place),
            wage_points=wage,
            education_fit=education,
            priority=_flag(Q(hard_to_employ=True) | Q(zero_household=True)),
        )
    )
    rows = _best(queryset, priority=F("priority"), limit=limit, related=("person", "region"))
    return _explain_all([(vacancy, row, row) for row in rows])


# Words ----------------------------------------------------------------------------------


@functools.cache
def occupation_names() -> dict[str, str]:
    """The classification's names by code: reference data, read once per process."""
    return dict(Occupation.objects.values_list("code", "name"))


def _explain_all(pairs) -> list[Match]:
    """``_explain`` for each (vacancy, seeker, row), with the names of all the places wished
    read in one query."""
    wished = {
        code_of_prefix(code)
        for _vacancy, seeker, _row in pairs
        for code in seeker.place_codes.split()
    }
    regions = (
        dict(Region.objects.filter(code__in=wished).values_list("code", "name")) if wished else {}
    )
    return [_explain(vacancy, seeker, row, regions) for vacancy, seeker, row in pairs]


def _explain(vacancy: Vacancy, seeker: Seeker, row, regions: dict[str, str]) -> Match:
    """The score of ``row`` (the annotated vacancy or seeker) in points and words."""
    level = row.occupation_level
    reasons = []
    if level:
        shared = Occupation.ancestors_of(vacancy.occupation_id)[level - 1]
        name = occupation_names().get(shared, "")
        words = {
            4: _("职业相同：%(name)s"),
            3: _("同属职业小类：%(name)s"),
            2: _("同属职业中类：%(name)s"),
            1: _("同属职业大类：%(name)s"),
        }[level]
        reasons.append((level * OCCUPATION_POINTS, words % {"name": f"{shared} {name}"}))
    else:
        reasons.append((0, _("岗位职业与求职意向不相符")))
    reasons.append(_place_reason(vacancy, seeker, row.place_level, regions))
    reasons.append(_wage_reason(vacancy, seeker, row.wage_points))
    reasons.append(_education_reason(vacancy, seeker, row.education_fit))
    if seeker.hard_to_employ:
        reasons.append((PRIORITY_POINTS, _("就业困难人员，优先推荐")))
    elif seeker.zero_household:
        reasons.append((PRIORITY_POINTS, _("零就业家庭成员，优先推荐")))
    return Match(item=row, score=row.score, reasons=reasons)


def _place_reason(vacancy, seeker, level: int, regions: dict[str, str]) -> tuple[int, str]:
    points = level * PLACE_POINTS
    home, work = seeker.region_id, vacancy.region_id
    if level == 3 and county(home) != county(work):
        wished = [code for code in seeker.place_codes.split() if contains(code, work)]
        place = _("、").join(regions.get(code_of_prefix(code), code) for code in wished)
        return points, _("工作地点在期望工作地点（%(place)s）内") % {"place": place}
    words = {
        5: _("工作地点与居住地在同一社区（村）"),
        4: _("工作地点与居住地在同一街道（乡镇）"),
        3: _("工作地点与居住地在同一县（市、区）"),
        2: _("工作地点与居住地在同一市"),
        1: _("工作地点在本省其他市"),
        0: _("工作地点在省外"),
    }[level]
    return points, words


def _yuan(amount: Decimal) -> str:
    """An amount of yuan as people write it: no decimals when there are no fen."""
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


def _wage_reason(vacancy, seeker, points: int) -> tuple[int, str]:
    offered = _("月薪%(low)s–%(high)s元") % {
        "low": _yuan(vacancy.wage_min),
        "high": _yuan(vacancy.wage_max),
    }
    expected = seeker.wage_expected
    if expected is None:
        return points, _("%(offered)s；求职者未填期望薪酬") % {"offered": offered}
    words = {
        WAGE_FULL: _("%(offered)s，达到期望的%(expected)s元"),
        WAGE_CLOSE: _("%(offered)s，略低于期望的%(expected)s元（差距在两成以内）"),
        0: _("%(offered)s，低于期望的%(expected)s元"),
    }[points]
    return points, words % {"offered": offered, "expected": _yuan(expected)}


def _education_reason(vacancy, seeker, fit: int) -> tuple[int, str]:
    if not vacancy.education:
        return EDUCATION_POINTS, _("岗位不限学历")
    required = Education(vacancy.education).label
    own = seeker.person.education
    if not own:
        return 0, _("岗位要求%(required)s，求职者学历未登记") % {"required": required}
    words = _("岗位要求%(required)s，求职者为%(own)s") % {
        "required": required,
        "own": Education(own).label,
    }
    return fit * EDUCATION_POINTS, words
