"""The typical categories of hard-to-employ persons (domain.md: Shaanxi, Guangdong and a Hubei
system's code table), seeded for Shandong (37) with the rule each is checked by
(``eligibility``); a province keeps its own list as data. The ledger has no graduation date,
so graduates are identified by evidence (the diploma and the date of leaving school)."""

CATEGORIES = [  # (code, name, conditions, rule)
    ("older", "大龄就业困难人员（女40周岁、男50周岁以上）", "女性年满40周岁、男性年满50周岁的登记失业人员（“4050”人员）。", "older"),
    ("near_retirement", "距法定退休年龄不足10年的登记失业人员", "", "near_retirement"),
    ("long_term", "连续失业一年以上的登记失业人员", "", "long_term"),
    ("disabled", "残疾人", "持有残疾人证、有劳动能力和就业要求的人员。", "disability"),
    ("dibao", "城乡最低生活保障家庭成员", "", "dibao"),
    ("zero_urban", "城镇零就业家庭成员", "", "zero_urban"),
    ("zero_rural", "农村零转移就业贫困家庭成员", "", "zero_rural"),
    ("landless", "失去全部土地的农民", "", "evidence"),
    ("graduate", "离校6个月以上未就业的高校毕业生", "凭毕业证书及离校日期证明认定（台账无毕业日期）。", "evidence"),
    ("veteran", "城镇退役军人中的就业困难人员", "", "evidence"),
    ("single_parent", "抚养未成年子女的单亲家庭成员", "", "evidence"),
    ("orphan", "成年孤儿", "", "evidence"),
    ("other", "其他就业困难人员", "经县级公共就业服务机构认定的其他人员。", "evidence"),
]  # fmt: skip


def ensure_categories(category_model, province: str = "37") -> None:
    # an early migration's model has no rule yet: the migration that adds it sets the rules
    has_rule = any(field.name == "rule" for field in category_model._meta.fields)
    for order, (code, name, description, rule) in enumerate(CATEGORIES, start=1):
        defaults = {"name": name, "description": description, "order": order}
        category_model.objects.get_or_create(
            province=province, code=code, defaults=defaults | ({"rule": rule} if has_rule else {})
        )
