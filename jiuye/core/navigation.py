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
            Item(_("修改密码"), "password_change"),
            Item(_("接口文档"), "api-docs"),
        ),
    ),
)


def menu_for(user, current_path: str) -> list[dict]:
    sections = []
    for section in MENU:
        items = []
        for item in section.items:
            if item.permission and not user.has_perm(item.permission):
                continue
            url = reverse(item.url_name)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            items.append({"label": item.label, "url": url, "active": active})
        if items:
            sections.append({"label": section.label, "items": items})
    return sections
