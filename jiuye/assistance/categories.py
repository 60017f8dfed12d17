"""The typical categories of hard-to-employ persons (domain.md: Shaanxi, Guangdong and a Hubei
system's code table), seeded for Shandong (37); a province keeps its own list as data."""

CATEGORIES = [
    ("older", "大龄就业困难人员（女40周岁、男50周岁以上）", "女性年满40周岁、男性年满50周岁的登记失业人员（“4050”人员）。"),
    ("near_retirement", "距法定退休年龄不足10年的登记失业人员", ""),
    ("long_term", "连续失业一年以上的登记失业人员", ""),
    ("disabled", "残疾人", "持有残疾人证、有劳动能力和就业要求的人员。"),
    ("dibao", "城乡最低生活保障家庭成员", ""),
    ("zero_urban", "城镇零就业家庭成员", ""),
    ("zero_rural", "农村零转移就业贫困家庭成员", ""),
    ("landless", "失去全部土地的农民", ""),
    ("graduate", "离校6个月以上未就业的高校毕业生", ""),
    ("veteran", "城镇退役军人中的就业困难人员", ""),
    ("single_parent", "抚养未成年子女的单亲家庭成员", ""),
    ("orphan", "成年孤儿", ""),
    ("other", "其他就业困难人员", "经县级公共就业服务机构认定的其他人员。"),
]  # fmt: skip


def ensure_categories(category_model, province: str = "37") -> None:
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        category_model.objects.get_or_create(
            province=province,
            code=code,
            defaults={"name": name, "description": description, "order": order},
        )
