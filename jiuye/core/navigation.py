"""The left menu, by line of work. Each later line of work adds its section here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    permission: str | None = None


@dataclass(frozen=True)
class Section:
    label: str
    items: tuple[Item, ...]


MENU = (
    Section(_("工作台"), (Item(_("我的待办"), "home"),)),
    Section(
        _("台账"),
        (
            Item(_("人员台账"), "ledger:list", "ledger.view_person"),
            Item(_("导入台账"), "ledger:import", "ledger.import_person"),
        ),
    ),
    Section(
        _("登记"),
        (
            Item(_("就业失业登记"), "registration:list", "registration.view_registration"),
            Item(_("登记失业人员"), "registration:unemployed", "registration.view_registration"),
        ),
    ),
    Section(
        _("就业援助"),
        (
            Item(_("就业困难人员认定"), "assistance:list", "assistance.view_identification"),
            Item(_("公示名单"), "assistance:notice", "assistance.view_identification"),
            Item(_("零就业家庭"), "assistance:households", "assistance.view_zerohousehold"),
            Item(_("援助统计"), "assistance:dashboard", "assistance.view_identification"),
        ),
    ),
    Section(
        _("职业介绍"),
        (
            Item(_("招聘岗位"), "jobs:vacancies", "jobs.view_vacancy"),
            Item(_("用人单位"), "jobs:employers", "jobs.view_employer"),
            Item(_("求职登记"), "jobs:seekers", "jobs.view_seeker"),
            Item(_("推荐记录"), "jobs:referrals", "jobs.view_referral"),
            Item(_("公开招聘信息"), "jobs:board"),
        ),
    ),
    Section(
        _("公益性岗位"),
        (
            Item(_("公益性岗位"), "posts:posts", "posts.view_post"),
            Item(_("在岗人员"), "posts:placements", "posts.view_placement"),
            Item(_("吸纳援助对象的单位"), "posts:employers", "jobs.view_referral"),
        ),
    ),
    Section(
        _("灵活就业"),
        (
            Item(_("灵活就业登记"), "flexible:list", "flexible.view_flexiblejob"),
            Item(_("核实到期"), "flexible:due", "flexible.view_flexiblejob"),
        ),
    ),
    Section(
        _("职业培训"),
        (
            Item(_("可推荐的培训班"), "training:catalogue", "training.add_enrolment"),
            Item(_("培训需求"), "training:needs", "training.view_need"),
            Item(_("培训需求摸底"), "training:candidates", "training.add_need"),
            Item(_("参训记录"), "training:enrolments", "training.view_enrolment"),
            Item(_("培训班"), "training:courses", "training.view_course"),
            Item(_("定点培训机构"), "training:institutions", "training.view_institution"),
        ),
    ),
    Section(
        _("创业服务"),
        (
            Item(_("创业意愿登记"), "startups:entrepreneurs", "startups.view_entrepreneur"),
            Item(_("小额担保贷款"), "startups:loans", "startups.view_loan"),
            Item(_("逾期贷款"), "startups:overdue", "startups.view_loan"),
            Item(_("信用社区"), "startups:credit", "startups.view_loan"),
        ),
    ),
    Section(
        _("补贴"),
        (
            Item(_("补贴申报"), "subsidies:claims", "subsidies.view_claim"),
            Item(_("补贴预算"), "subsidies:budgets", "subsidies.view_budget"),
            Item(_("项目与补贴统计"), "subsidies:report", "subsidies.view_report"),
        ),
    ),
    Section(
        _("区划与机构"),
        (
            Item(_("区划浏览"), "regions:browse", "regions.view_region"),
            Item(_("服务机构"), "regions:org-list", "regions.view_serviceorg"),
        ),
    ),
    Section(_("工作人员"), (Item(_("人员名册"), "staff:list", "staff.view_user"),)),
    Section(
        _("系统"),
        (
            Item(_("工作日历"), "core:calendar", "core.view_calendarday"),
            Item(_("政策参数"), "core:parameters", "core.view_policyparameter"),
            Item(_("修改密码"), "password_change"),
            Item(_("接口文档"), "api-docs"),
        ),
    ),
)


# Panels of the home page beside the work list. Each line of work appends a function
# ``panel(user, today)`` that returns ``(template_name, context)``, or None when it has nothing
# to show the user.
HOME_PANELS: list = []


def menu_for(user, current_path: str) -> list[dict]:
    """The sections and items the user may open; the item with the longest URL that the
    current page lies under is marked active."""
    sections = []
    for section in MENU:
        items = [
            {"label": item.label, "url": reverse(item.url_name), "active": False}
            for item in section.items
            if item.permission is None or user.has_perm(item.permission)
        ]
        if items:
            sections.append({"label": section.label, "items": items})
    matches = [
        item
        for section in sections
        for item in section["items"]
        if current_path == item["url"]
        or (item["url"] != "/" and current_path.startswith(item["url"]))
    ]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return sections
