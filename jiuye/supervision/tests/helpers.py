"""Inspections the tests build on: the county (历下区) or the township (解放路街道) inspects
village A's office (解放桥社区) or the township's."""

from django.utils import timezone

from jiuye.conftest import TOWNSHIP, VILLAGE_A
from jiuye.regions.models import ServiceOrg
from jiuye.supervision.choices import Area
from jiuye.supervision.services import inspection_record


def office(code=VILLAGE_A):
    return ServiceOrg.objects.get(region_id=code)


def township_office():
    return office(TOWNSHIP)


def inspect(actor, org=None, *, problems=("测试问题",), **fields):
    """An inspection of ``org`` (village A's office) today by ``actor``, a finding of area
    "work" for each of ``problems``."""
    values = {"inspected_on": timezone.localdate(), "inspectors": "测试督查员", "scope": "测试督查范围",
              **fields}  # fmt: skip
    findings = [{"area": Area.WORK, "problem": problem, "requirement": "测试整改要求"}
                for problem in problems]  # fmt: skip
    return inspection_record(actor=actor, org=org or office(), findings=findings, **values)
