"""Demo data of supervision: in the first county of each of the scale's regions (历下区 and
市中区 at tiny), through the real services, the county inspects a township's office (findings
closed, replied, sent back and open), the township inspects one of its communities (a finding
past its deadline, one open; criticised), and the county commends another community."""

import datetime

from django.utils import timezone

from jiuye.core.scoping import subtree_q
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User
from jiuye.supervision.choices import Area, Conclusion
from jiuye.supervision.models import Inspection
from jiuye.supervision.services import finding_follow_up, finding_reply, inspection_record


def seed(context) -> None:
    if Inspection.objects.exists():
        return
    counties = Region.objects.filter(level=Level.COUNTY).order_by("code")
    for prefix in context.scale.prefixes:
        _county(counties.filter(subtree_q("code", prefix)).first())
    context.log(f"  {Inspection.objects.count()} inspections")


def _user(role: str, code: str, level: Level) -> User:
    return User.objects.get(username=f"{role}-{prefix_of(code, level)}")


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _county(county: Region) -> None:
    offices = ServiceOrg.objects.within(county.prefix).filter(is_active=True).order_by("region_id")
    township = offices.filter(kind=OrgKind.TOWNSHIP_CENTRE).first()
    villages = list(
        offices.filter(kind=OrgKind.VILLAGE_STATION).within(prefix_of(township.region_id))
    )
    approver = _user("approver", county.code, Level.COUNTY)
    reviewer = _user("reviewer", township.region_id, Level.TOWNSHIP)

    inspection = inspection_record(
        actor=approver, org=township, inspected_on=_ago(60), inspectors=f"{approver.name}、李督查",
        scope="基层劳动保障平台载体建设、队伍建设、资金落实、基础管理和工作开展情况",
        summary="平台建设基本到位，台账管理和资金使用存在不足。", findings=[
            {"area": Area.PLATFORM, "problem": "服务窗口无明显标识", "requirement": "设置统一标识牌"},
            {"area": Area.STAFF, "problem": "两名工作人员未取得上岗证书", "requirement": "组织参加培训考试"},
            {"area": Area.FUNDS, "problem": "工作经费未单独列支", "requirement": "建立经费专账"},
            {"area": Area.MANAGEMENT, "problem": "失业人员台账未及时更新", "requirement": "每月更新台账",
             "fix_by": _ago(-25)},
        ],
    )  # fmt: skip
    closed, replied, sent_back, _open = inspection.findings.order_by("pk")
    finding_reply(actor=reviewer, finding=closed, reply="已在服务大厅设置统一标识牌。")
    finding_follow_up(actor=approver, finding=closed, accepted=True, note="现场核实，整改到位。")
    finding_reply(actor=reviewer, finding=replied, reply="两人已参加11月培训，待发证。")
    finding_reply(actor=reviewer, finding=sent_back, reply="已与财政所沟通。")
    finding_follow_up(actor=approver, finding=sent_back, accepted=False,
                      note="未见专账，请建立后附账页。", fix_by=_ago(-15))  # fmt: skip

    inspection_record(
        actor=reviewer, org=villages[0], inspected_on=_ago(40), inspectors=reviewer.name,
        scope="社区就业服务站日常工作", conclusion=Conclusion.CRITICISED,
        summary="入户走访记录缺失，就业困难人员援助不及时。", findings=[
            {"area": Area.WORK, "problem": "就业困难人员每月联系记录缺失", "requirement": "补齐联系记录",
             "fix_by": _ago(30)},
            {"area": Area.MANAGEMENT, "problem": "零就业家庭档案不全", "requirement": "补齐家庭档案",
             "fix_by": _ago(-20)},
        ],
    )  # fmt: skip
    if len(villages) > 1:
        inspection_record(
            actor=approver, org=villages[1], inspected_on=_ago(20), inspectors=approver.name,
            scope="社区就业服务站工作开展情况", conclusion=Conclusion.COMMENDED,
            summary="服务规范，群众满意，充分就业工作成效显著。",
        )  # fmt: skip
