"""The indicators of the resident ledger that measure a community (充分就业社区): the labour
force and how many of it work, those unemployed longer than six months, and how current the
ledger is. Taken on ``query.last`` from the status periods, so any past day can be asked."""

import datetime

from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, breakdown, counts, grouped, merge
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import (
    EMPLOYED,
    Education,
    HukouType,
    LabourStatus,
    Sex,
    TransferDestination,
)
from jiuye.ledger.models import Person, StatusRecord, years_before

LONG_UNEMPLOYED_MONTHS = 6  # the national criterion: nobody unemployed more than six months

EMPLOYED_Q = Q(status__in=EMPLOYED)
SEEKING_Q = Q(status=LabourStatus.UNEMPLOYED, person__willing_to_work=True)


def long_since(day: datetime.date) -> datetime.date:
    """The last day an unemployment that is still going on ``day`` may have begun to count as
    longer than six months."""
    return months_before(day, LONG_UNEMPLOYED_MONTHS) - datetime.timedelta(days=1)


def labour(query: Query) -> dict[str, dict]:
    day = query.last
    periods = StatusRecord.objects.visible_to(query.user).within(query.prefix).on(day)
    return grouped(
        periods.filter(EMPLOYED_Q | SEEKING_Q),
        query.length,
        labour_force=Count("pk"),
        labour_employed=Count("pk", filter=EMPLOYED_Q),
        long_unemployed=Count("pk", filter=SEEKING_Q & Q(since__lte=long_since(day))),
    )


def freshness(query: Query) -> dict[str, dict]:
    """Days from the ledger's last change in each region (a status recorded, a resident's
    record changed) to ``query.last``."""
    day = query.last
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    statuses = StatusRecord.objects.visible_to(query.user).within(query.prefix)
    people = Person.history.filter(region_id__in=_regions(query.user, query.prefix))
    found = merge(
        grouped(statuses.filter(recorded_at__lt=end), query.length, status_at=Max("recorded_at")),
        grouped(people.filter(history_date__lt=end), query.length, person_at=Max("history_date")),
    )
    for row in found.values():
        latest = max(filter(None, (row.pop("status_at", None), row.pop("person_at", None))))
        row["ledger_days"] = (day - timezone.localdate(latest)).days
    return found


def _regions(user, prefix):
    """The codes ``user`` may see under ``prefix``, as a subquery (a resident's past records
    are read where they were kept)."""
    from jiuye.regions.models import Region

    return Region.objects.visible_to(user).within(prefix).values("code")


def seeking(user, prefix, first, last):
    return (
        Person.objects.visible_to(user)
        .within(prefix)
        .filter(pk__in=_periods(user, prefix, last).filter(SEEKING_Q).values("person_id"))
    )


def long_unemployed(user, prefix, first, last):
    periods = _periods(user, prefix, last).filter(SEEKING_Q, since__lte=long_since(last))
    return Person.objects.visible_to(user).within(prefix).filter(pk__in=periods.values("person_id"))


def _periods(user, prefix, day):
    return StatusRecord.objects.visible_to(user).within(prefix).on(day)


SECTION = _("充分就业社区")
INDICATORS = (
    Indicator("labour_force", _("有劳动能力和就业意愿的劳动力"), SECTION, labour, unit=_("人"),
              definition=_("当日就业的人员，加上失业且有就业意愿的人员"), report="community",
              at_date=True),
    Indicator("labour_employed", _("其中就业"), SECTION, labour, unit=_("人"),
              definition=_("当日处于就业状态（含务农、转移就业）的人员"), report="community",
              at_date=True),
    Indicator("labour_rate", _("劳动力就业率"), SECTION, labour, unit="%", ratio=("labour_employed", "labour_force"),
              definition=_("就业人数占有劳动能力和就业意愿的劳动力的比例"), report="community",
              at_date=True, persons=seeking),
    Indicator("long_unemployed", _("失业超过6个月的人员"), SECTION, labour, unit=_("人"),
              definition=_("当日失业且有就业意愿、本次失业已超过6个月的人员"), report="community",
              at_date=True, persons=long_unemployed),
    Indicator("ledger_days", _("台账最近更新距今天数"), SECTION, freshness, unit=_("天"), total="max",
              definition=_("台账最近一次变动（就业状态记录或人员信息修改）至当日的天数；汇总取最久未更新的地区"),
              report="community", at_date=True),
)  # fmt: skip


# The ledger's statistics (report ``statistics``): the residents with a status period on the
# day asked for, counted where they lived that day, by labour status, sex, age band, education
# and household type, and the rural labour transferred out by destination. Sex and birth date
# never change; education and household type are read as the ledger has them now.
NOT_FILLED = ("", _("未填"))
AGE_BANDS = (
    ("0_15", _("16岁以下"), 0, 16), ("16_24", _("16–24岁"), 16, 25), ("25_34", _("25–34岁"), 25, 35),
    ("35_44", _("35–44岁"), 35, 45), ("45_54", _("45–54岁"), 45, 55), ("55_59", _("55–59岁"), 55, 60),
    ("60_over", _("60岁及以上"), 60, None),
)  # fmt: skip


def aged(day: datetime.date, low: int, high: int | None) -> Q:
    """Persons (of a status period) at least ``low`` and less than ``high`` years old on ``day``."""
    found = Q(person__birth_date__lte=years_before(day, low))
    return found & Q(person__birth_date__gt=years_before(day, high)) if high else found


def resources(query: Query) -> dict[str, dict]:
    """The ledger's residents on ``query.last``: one grouped query of the status periods of
    that day (with their residents), whatever the number of sub-regions."""
    day = query.last
    periods = StatusRecord.objects.visible_to(query.user).within(query.prefix).on(day)
    transferred = Q(status=LabourStatus.TRANSFERRED)
    return grouped(
        periods,
        query.length,
        ledger_persons=Count("pk"),
        **counts("labour_status", {value: Q(status=value) for value in LabourStatus.values}),
        **counts("labour_sex", {value: Q(person__sex=value) for value in Sex.values}),
        **counts("labour_age", {key: aged(day, low, high) for key, _label, low, high in AGE_BANDS}),
        **counts("labour_education", {value: Q(person__education=value)
                                      for value in [*Education.values, ""]}),
        **counts("labour_hukou", {value: Q(person__hukou_type=value)
                                  for value in [*HukouType.values, ""]}),
        **counts("transfer_destination", {value: Q(transfer_destination=value)
                                          for value in [*TransferDestination.values, ""]},
                 only=transferred),
    )  # fmt: skip


BY_STATUS = _("劳动力资源：按就业状态")
BY_SEX = _("劳动力资源：按性别")
BY_AGE = _("劳动力资源：按年龄段")
BY_EDUCATION = _("劳动力资源：按文化程度")
BY_HUKOU = _("劳动力资源：按户籍性质")
BY_DESTINATION = _("农村劳动力转移就业：按转移去向")
COUNTED = {"unit": _("人"), "report": "statistics", "at_date": True}
INDICATORS += (
    Indicator("ledger_persons", _("台账人员合计"), BY_STATUS, resources,
              definition=_("当日在本地区有就业状态记录的台账人员"), **COUNTED),
    *breakdown("labour_status", LabourStatus.choices, BY_STATUS, resources, **COUNTED,
               definition=_("台账人员按当日的就业状态")),
    *breakdown("labour_sex", Sex.choices, BY_SEX, resources, definition=_("台账人员按性别"), **COUNTED),
    *breakdown("labour_age", [(key, label) for key, label, _low, _high in AGE_BANDS], BY_AGE,
               resources, definition=_("台账人员按当日的周岁年龄"), **COUNTED),
    *breakdown("labour_education", [*Education.choices, NOT_FILLED], BY_EDUCATION, resources,
               definition=_("台账人员按文化程度（台账现有记录）"), **COUNTED),
    *breakdown("labour_hukou", [*HukouType.choices, NOT_FILLED], BY_HUKOU, resources,
               definition=_("台账人员按户籍性质（台账现有记录）"), **COUNTED),
    *breakdown("transfer_destination", [*TransferDestination.choices, NOT_FILLED], BY_DESTINATION,
               resources, definition=_("当日处于转移就业状态的人员，按转移去向"), **COUNTED),
)  # fmt: skip
