"""The rural labour transferred out by industry (report ``statistics``): the residents in the
status 转移就业 on the day asked for, by the section of GB/T 4754-2017 their industry is in.

The ledger keeps a resident's industry as the text the community wrote; it counts in a section
when it is the name or code of the section or of one of its divisions (jobs' reference table
``industries-gbt4754-2017.csv``), and as 其他或未填 otherwise."""

import csv

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, breakdown, counts, grouped
from jiuye.jobs.reference import INDUSTRIES
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import StatusRecord
from jiuye.statistics.choices import IndustrySection


def names_by_section() -> dict[str, list[str]]:
    """The names and codes that stand for each section: its own and its divisions'."""
    found: dict[str, list[str]] = {section: [] for section in IndustrySection.values}
    with INDUSTRIES.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            found[row["section"] or row["code"]] += [row["code"], row["name"]]
    return found


NAMES = names_by_section()
KNOWN = [name for names in NAMES.values() for name in names]


def by_industry(query: Query) -> dict[str, dict]:
    periods = StatusRecord.objects.visible_to(query.user).within(query.prefix).on(query.last)
    conditions = {section: Q(industry__in=names) for section, names in NAMES.items()}
    return grouped(
        periods.filter(status=LabourStatus.TRANSFERRED),
        query.length,
        transferred=Count("pk"),
        **counts("transfer_industry", {**conditions, "": ~Q(industry__in=KNOWN)}),
    )


BY_INDUSTRY = _("农村劳动力转移就业：按行业")
COUNTED = {"unit": _("人"), "report": "statistics", "at_date": True}
INDICATORS = (
    Indicator("transferred", _("转移就业人员合计"), BY_INDUSTRY, by_industry, **COUNTED,
              definition=_("当日处于转移就业状态的人员")),
    *breakdown("transfer_industry", [*IndustrySection.choices, ("", _("其他或未填"))], BY_INDUSTRY,
               by_industry, definition=_("当日处于转移就业状态的人员，按其行业所属国民经济行业门类"),
               **COUNTED),
)  # fmt: skip
