"""Demo data of complaints: in the first county of each of the scale's regions (历下区 and
市中区 at tiny), through the real services, a complaint in every state — one just made online,
one being handled with a note, one past its deadline, one escalated to the county, one the
county answered after the escalation, one answered and waiting for the call-back, one closed
after the call-back and one closed by the complainant's own rating."""

import datetime

from django.utils import timezone

from jiuye.complaints import services
from jiuye.complaints.choices import About, Channel, Satisfaction
from jiuye.complaints.models import Complaint
from jiuye.core import workflow
from jiuye.core.scoping import subtree_q
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User


def seed(context) -> None:
    if Complaint.objects.exists():
        return
    counties = Region.objects.filter(level=Level.COUNTY).order_by("code")
    for prefix in context.scale.prefixes:
        county = counties.filter(subtree_q("code", prefix)).first()
        if county is not None:
            _county(county)
    context.log(f"  {Complaint.objects.count()} complaints")


def _ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _county(county: Region) -> None:
    township = (
        ServiceOrg.objects.within(county.prefix)
        .filter(kind=OrgKind.TOWNSHIP_CENTRE, is_active=True)
        .order_by("region_id")
        .first()
    )
    if township is None:
        return
    villages = list(Region.objects.filter(parent_id=township.region_id).order_by("code")[:3]) or [
        township.region
    ]
    reviewer = User.objects.get(
        username=f"reviewer-{prefix_of(township.region_id, Level.TOWNSHIP)}"
    )
    approver = User.objects.get(username=f"approver-{county.prefix}")

    def record(days_ago, village, channel, about, name, phone, content, **extra):
        return services.complaint_record(
            actor=reviewer, channel=channel, about=about, region=village, name=name, phone=phone,
            content=content, received_on=_ago(days_ago), **extra,
        )  # fmt: skip

    services.complaint_submit(
        about=About.WORKER, region=villages[0], name="王秀兰", phone="13805310101",
        worker_name="窗口工作人员", content="办理失业登记时工作人员态度生硬，未一次性告知所需材料。",
    )  # fmt: skip
    handling = record(3, villages[-1], Channel.WINDOW, About.CASE, "李建国", "13905310102",
                      "申请灵活就业社保补贴两个月未见结果。", case_ref="灵活就业社保补贴申请")  # fmt: skip
    workflow.fire(handling, "handle", actor=reviewer, comment="已转社区核实")
    services.complaint_note(actor=reviewer, complaint=handling,
                            text="已电话联系社区，材料齐全，正在审核。")  # fmt: skip
    record(30, villages[0], Channel.PHONE, About.OFFICE, "赵淑芬", "0531-86012345",
           "社区服务站工作时间经常无人值守。")  # fmt: skip
    escalated = record(45, villages[-1], Channel.PHONE, About.CASE, "孙志强", "13705310104",
                       "公益性岗位补贴发放延迟。", case_ref="公益性岗位补贴")  # fmt: skip
    services.complaint_escalate(escalated, today=_ago(5))
    answered_late = record(50, villages[0], Channel.WINDOW, About.WORKER, "周玉梅", "13605310105",
                           "就业援助联系不及时。", worker_name="协管员")  # fmt: skip
    services.complaint_escalate(answered_late, today=_ago(25))
    services.complaint_answer(actor=approver, complaint=answered_late,
                              answer="经县就业服务中心督办，已安排专人每月联系并提供岗位信息。")  # fmt: skip
    answered = record(8, villages[0], Channel.WINDOW, About.OFFICE, "吴海燕", "13505310106",
                      "服务大厅缺少政策宣传资料。")  # fmt: skip
    services.complaint_answer(actor=reviewer, complaint=answered,
                              answer="已在服务大厅补充政策宣传资料和办事指南。")  # fmt: skip
    called_back = record(12, villages[-1], Channel.PHONE, About.CASE, "郑国华", "13405310107",
                         "求职登记信息有误。", case_ref="求职登记")  # fmt: skip
    services.complaint_answer(actor=reviewer, complaint=called_back, answer="已更正求职登记信息。")
    services.complaint_close(actor=reviewer, complaint=called_back,
                             satisfaction=Satisfaction.SATISFIED, note="电话回访，投诉人满意。")  # fmt: skip
    rated = services.complaint_submit(
        about=About.OFFICE, region=villages[0], name="冯丽娟", phone="13305310108",
        content="希望延长周六服务时间。",
    )  # fmt: skip
    services.complaint_answer(
        actor=reviewer, complaint=rated, answer="自下月起周六上午开放服务窗口。"
    )
    services.complaint_rate(complaint=rated, satisfaction=Satisfaction.BASIC)
