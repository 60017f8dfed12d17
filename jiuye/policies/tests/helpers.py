import datetime

from jiuye.policies.choices import IssuingLevel
from jiuye.policies.services import policy_create
from jiuye.regions.models import Region

PROVINCE = "370000000000"
JINAN = "370100000000"
QINGDAO = "370200000000"
COUNTY = "370102000000"
SIBLING_COUNTY = "370103000000"
LEVEL_OF = {PROVINCE: IssuingLevel.PROVINCE, JINAN: IssuingLevel.CITY, COUNTY: IssuingLevel.COUNTY,
            SIBLING_COUNTY: IssuingLevel.COUNTY}  # fmt: skip


def make(actor, *, region=PROVINCE, title="测试政策", text="测试政策全文。", areas=(), **fields):
    values = {
        "level": LEVEL_OF.get(region, "county"),
        "issuer": "测试发文机关",
        "number": "",
        "issued_on": datetime.date(2025, 1, 10),
        "effective_from": datetime.date(2025, 2, 1),
        **fields,
    }
    return policy_create(
        actor=actor, region=Region.objects.get(code=region), title=title, text=text,
        areas=Region.objects.filter(code__in=areas), **values,
    )  # fmt: skip
