"""The indicators of job introduction by office (report ``performance``, the offices'
performance): vacancies an office gathered, how many of them its referrals filled, and the
hires through its referrals. Each counts the work of the office (the worker who registered a
vacancy, the office that referred), grouped by the office's region, not by the place of work
or the seeker's home: a vacancy of another county an office filled is the office's work."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped, merge
from jiuye.core.scoping import jurisdiction_prefix, subtree_q
from jiuye.jobs.models import Referral, Vacancy

GATHERED_BY = "registered_by__org__region_id"  # the office whose worker registered a vacancy
REFERRED_BY = "org__region_id"  # the office that referred


def of_offices(queryset, query: Query, field: str):
    """The records of ``queryset`` whose office (``field``) lies under the query's prefix and
    in the user's jurisdiction: an office's own work, wherever the vacancy or the seeker is."""
    prefix = jurisdiction_prefix(query.user)
    if prefix is None:
        return queryset.none()
    return queryset.filter(subtree_q(field, prefix), subtree_q(field, query.prefix))


def collect(query: Query) -> dict[str, dict]:
    period = (query.first, query.last)
    gathered = of_offices(Vacancy.objects.all(), query, GATHERED_BY).filter(
        registered_on__range=period
    )
    hires = of_offices(Referral.objects.all(), query, REFERRED_BY).filter(
        state="hired", hired_on__range=period
    )
    filled = Referral.objects.filter(state="hired", hired_on__range=period)
    return merge(
        grouped(gathered, query.length, field=GATHERED_BY, vacancies_gathered=Count("pk"),
                vacancy_posts=Sum("posts")),
        grouped(hires, query.length, field=REFERRED_BY, referral_hires=Count("pk")),
        grouped(of_offices(filled, query, f"vacancy__{GATHERED_BY}"), query.length,
                field=f"vacancy__{GATHERED_BY}", vacancies_filled=Count("vacancy", distinct=True)),
    )  # fmt: skip


SECTION = _("职业介绍")
INDICATORS = (
    Indicator("vacancies_gathered", _("收集岗位数"), SECTION, collect, unit=_("个"), report="performance",
              definition=_("期内本机构工作人员登记的招聘岗位数"), at_date=True),
    Indicator("vacancy_posts", _("收集岗位招聘人数"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("期内本机构登记的招聘岗位的招聘人数之和"), at_date=True),
    Indicator("vacancies_filled", _("经推荐录用的岗位数"), SECTION, collect, unit=_("个"), report="performance",
              definition=_("本机构登记的岗位中，期内有人经职业介绍录用的岗位数"), at_date=True),
    Indicator("referral_hires", _("推荐成功人数"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("期内经本机构推荐（职业介绍）录用的人数"), at_date=True),
)  # fmt: skip
