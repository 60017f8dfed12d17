"""The left menu, by line of work: each app registers its section (the registry's store
``menu``); the menu shows the items the user's roles may open."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jiuye.core.registry import registry


@dataclass(frozen=True)
class Item:
    label: str
    url_name: str
    permission: str | None = None


@dataclass(frozen=True)
class Section:
    """A line of work's section of the left menu (the registry's store ``menu``); sections
    are shown by ``order``."""

    label: str
    items: tuple[Item, ...]
    order: int


# The sections of core: the work list first, the system last.
WORK = Section(_("工作台"), (Item(_("我的待办"), "home"),), order=0)
SYSTEM = Section(
    _("系统"),
    (
        Item(_("工作日历"), "core:calendar", "core.view_calendarday"),
        Item(_("政策参数"), "core:parameters", "core.view_policyparameter"),
        Item(_("审计日志"), "core:audit", "core.view_accesslog"),
        Item(_("修改密码"), "password_change"),
        Item(_("接口文档"), "api-docs"),
    ),
    order=1000,
)


def menu_for(user, current_path: str) -> list[dict]:
    """The sections and items the user may open; the item with the longest URL that the
    current page lies under is marked active."""
    sections = []
    for section in sorted(registry["menu"], key=lambda section: section.order):
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
