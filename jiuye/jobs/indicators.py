"""The indicators of job introduction by office (report ``performance``, the offices'
performance): the vacancies gathered in an office's area and how many of them were filled
through referrals, and the hires through the office's own referrals.

A vacancy is counted where it is registered (its region, the place of work: the office of that
area gathers its employers' vacancies) and only in its own jurisdiction, never the published
vacancies of others that every office reads; a hire through referral is counted for the office
that referred, wherever the seeker lives."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, breakdown, counts, grouped, merge, per_worker
from jiuye.core.registry import Work
from jiuye.core.scoping import jurisdiction_prefix, subtree_q
from jiuye.jobs.choices import OccupationGroup
from jiuye.jobs.models import Referral, Seeker, Vacancy

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


# The ledger's statistics (report ``statistics``): seekers registered, vacancies registered,
# referrals made and hires through referral in the period (from the first of the month to the
# day asked for), by the major group of the occupation (a seeker's wished occupations, the
# vacancy's). Seekers and referrals are counted where the seeker lives, vacancies where the
# work is; a seeker who wishes occupations of several groups counts in each.
def of_group(field: str, group: str) -> Q:
    """An occupation code of major group ``group``: the group itself or a code below it
    ("2-02-…": from "2-" up to, not including, "2.", the next character after "-")."""
    return Q(**{field: group}) | Q(**{f"{field}__gte": f"{group}-", f"{field}__lt": f"{group}."})


def by_occupation(query: Query) -> dict[str, dict]:
    user, prefix, length, period = query.user, query.prefix, query.length, (query.first, query.last)
    seekers = Seeker.objects.visible_to(user).within(prefix).filter(registered_on__range=period)
    vacancies = Vacancy.objects.editable_by(user).within(prefix).filter(registered_on__range=period)
    referred, hired = Q(referred_on__range=period), Q(state="hired", hired_on__range=period)
    referrals = Referral.objects.visible_to(user).within(prefix).filter(referred | hired)
    groups = OccupationGroup.values
    return merge(
        grouped(seekers, length, job_seekers=Count("pk", distinct=True),
                **counts("job_seekers", {group: of_group("occupations__code", group) for group in groups},
                         distinct=True)),
        grouped(vacancies, length, job_vacancies=Count("pk"),
                **counts("job_vacancies", {group: of_group("occupation__code", group) for group in groups})),
        grouped(referrals, length, job_referrals=Count("pk", filter=referred),
                job_hires=Count("pk", filter=hired),
                **counts("job_referrals", {group: of_group("vacancy__occupation__code", group) for group in groups},
                         only=referred),
                **counts("job_hires", {group: of_group("vacancy__occupation__code", group) for group in groups},
                         only=hired)),
    )  # fmt: skip


SEEKERS = _("求职登记：按职业大类")
VACANCIES = _("招聘岗位：按职业大类")
REFERRALS = _("职业介绍：按职业大类")
HIRES = _("推荐录用：按职业大类")
IN_PERIOD = {"report": "statistics", "at_date": True}
INDICATORS += (
    Indicator("job_seekers", _("求职登记人数"), SEEKERS, by_occupation, unit=_("人"), **IN_PERIOD,
              definition=_("期内（当月1日至所选日期）登记求职的人数，按求职者居住地")),
    *breakdown("job_seekers", OccupationGroup.choices, SEEKERS, by_occupation, unit=_("人"), **IN_PERIOD,
               definition=_("求职意向职业属于该大类的求职者（意向多个大类的各计一次）")),
    Indicator("job_vacancies", _("招聘岗位数"), VACANCIES, by_occupation, unit=_("个"), **IN_PERIOD,
              definition=_("期内在本地区登记的招聘岗位数（按工作地点）")),
    *breakdown("job_vacancies", OccupationGroup.choices, VACANCIES, by_occupation, unit=_("个"),
               definition=_("期内登记的招聘岗位，按岗位职业所属大类"), **IN_PERIOD),
    Indicator("job_referrals", _("推荐人次"), REFERRALS, by_occupation, unit=_("人次"), **IN_PERIOD,
              definition=_("期内推荐求职者到岗位的次数，按求职者居住地")),
    *breakdown("job_referrals", OccupationGroup.choices, REFERRALS, by_occupation, unit=_("人次"),
               definition=_("期内的推荐，按岗位职业所属大类"), **IN_PERIOD),
    Indicator("job_hires", _("推荐录用人数"), HIRES, by_occupation, unit=_("人"), **IN_PERIOD,
              definition=_("期内经推荐录用的人数，按求职者居住地")),
    *breakdown("job_hires", OccupationGroup.choices, HIRES, by_occupation, unit=_("人"),
               definition=_("期内经推荐录用的人员，按岗位职业所属大类"), **IN_PERIOD),
)  # fmt: skip
