"""The indicators of job introduction by office (report ``performance``, the offices'
performance): the vacancies gathered in an office's area and how many of them were filled
through referrals, and the hires through the office's own referrals.

A vacancy is counted where it is registered (its region, the place of work: the office of that
area gathers its employers' vacancies) and only in its own jurisdiction, never the published
vacancies of others that every office reads; a hire through referral is counted for the office
that referred, wherever the seeker lives."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped, merge, per_worker
from jiuye.core.registry import Work
from jiuye.core.scoping import jurisdiction_prefix, subtree_q
from jiuye.jobs.models import Referral, Vacancy

REFERRED_BY = "org__region_id"  # the office that referred


def referred_by_offices(query: Query):
    """The referrals of the offices under the query's prefix, in the user's jurisdiction."""
    prefix = jurisdiction_prefix(query.user)
    if prefix is None:
        return Referral.objects.none()
    return Referral.objects.filter(
        subtree_q(REFERRED_BY, prefix), subtree_q(REFERRED_BY, query.prefix)
    )


def collect(query: Query) -> dict[str, dict]:
    period = (query.first, query.last)
    vacancies = Vacancy.objects.editable_by(query.user).within(query.prefix)
    hired = Referral.objects.filter(state="hired", hired_on__range=period)
    hires = referred_by_offices(query).filter(state="hired", hired_on__range=period)
    return merge(
        grouped(vacancies.filter(registered_on__range=period), query.length,
                vacancies_gathered=Count("pk"), vacancy_posts=Sum("posts")),
        grouped(hired.filter(vacancy__in=vacancies), query.length, field="vacancy__region_id",
                vacancies_filled=Count("vacancy", distinct=True)),
        grouped(hires, query.length, field=REFERRED_BY, referral_hires=Count("pk")),
    )  # fmt: skip


SECTION = _("职业介绍")
INDICATORS = (
    Indicator("vacancies_gathered", _("收集岗位数"), SECTION, collect, unit=_("个"), report="performance",
              definition=_("期内在本辖区登记的招聘岗位数（按工作地点）"), at_date=True),
    Indicator("vacancy_posts", _("收集岗位招聘人数"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("期内在本辖区登记的招聘岗位的招聘人数之和"), at_date=True),
    Indicator("vacancies_filled", _("经推荐录用的岗位数"), SECTION, collect, unit=_("个"), report="performance",
              definition=_("本辖区的招聘岗位中，期内有人经职业介绍录用的岗位数"), at_date=True),
    Indicator("referral_hires", _("推荐成功人数"), SECTION, collect, unit=_("人"), report="performance",
              definition=_("期内经本机构推荐（职业介绍）录用的人数"), at_date=True),
)  # fmt: skip

WORK = (
    Work("referral_hires", _("推荐成功"), "referral_hires",
         per_worker(Referral, "referred_by", "hired_on", state="hired")),
    Work("vacancies_registered", _("登记招聘岗位"), "vacancies_gathered",
         per_worker(Vacancy, "registered_by", "registered_on")),
)  # fmt: skip
