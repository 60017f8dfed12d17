"""Writes of complaints: receiving one (from staff, or from the public form), the office's
handling notes and answer, the call-back or the complainant's own rating, and the nightly
escalation of overdue complaints to the level above.

Assignment (decided here, documented in docs/architecture.md): a complaint goes to the
street's or township's service centre of the region complained about — the region itself when
it is a street or township, its street or township when it is a community or village. The
community is not asked to handle a complaint about itself: its coordinators are managed by
the street or township (guideline 六), which also keeps the community's ledger with it. Where
the township has no active service centre, the county's agency takes it. Overdue, a complaint
goes up one level: street or township → county agency → city agency; the city is the top."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from jiuye.complaints.choices import About, Channel, Satisfaction
from jiuye.complaints.models import Complaint, ComplaintNote
from jiuye.complaints.workflow import ANSWERED, CLOSED
from jiuye.core import parameters, workflow
from jiuye.core.services import require
from jiuye.core.workdays import add_working_days
from jiuye.ledger.identity import clean_phone
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, city, county, prefix_of, township
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User

# A receipt code: 12 characters without those read alike (0/O, 1/I/L): 31**12 ≈ 8 × 10**17.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 12
COMPLAINED_LEVELS = (Level.TOWNSHIP, Level.VILLAGE)
# The office of each level that answers a complaint, from the street or township up.
OFFICE_KINDS = (
    (OrgKind.TOWNSHIP_CENTRE, township),
    (OrgKind.COUNTY_AGENCY, county),
    (OrgKind.CITY_AGENCY, city),
)


def new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def _office(kind: str, code: str) -> ServiceOrg | None:
    return ServiceOrg.objects.filter(kind=kind, region_id=code, is_active=True).first()


def responsible_office(region_code: str) -> ServiceOrg | None:
    """The office a complaint about ``region_code`` is assigned to: the street's or township's
    service centre, else the county's agency, else the city's."""
    for kind, level_code in OFFICE_KINDS:
        office = _office(kind, level_code(region_code))
        if office is not None:
            return office
    return None


def office_above(handler: ServiceOrg) -> ServiceOrg | None:
    """The office a complaint goes to when ``handler`` lets it pass its deadline: the county's
    agency above a street or township, the city's above a county; None above a city."""
    kinds = [kind for kind, _level in OFFICE_KINDS]
    if handler.kind not in kinds:
        return None
    for kind, level_code in OFFICE_KINDS[kinds.index(handler.kind) + 1 :]:
        office = _office(kind, level_code(handler.region_id))
        if office is not None:
            return office
    return None


def office_of_region(region: Region) -> ServiceOrg | None:
    """The office at the region complained about (its community's station, its street's centre)."""
    kind = OrgKind.VILLAGE_STATION if region.level == Level.VILLAGE else OrgKind.TOWNSHIP_CENTRE
    return _office(kind, region.code)


def check_region(region: Region) -> ServiceOrg:
    """The office responsible for a complaint about ``region``, or the error at the field."""
    if region.level not in COMPLAINED_LEVELS:
        raise ValidationError({"region": _("请选择到街道（乡镇）或社区（村）。")})
    handler = responsible_office(region.code)
    if handler is None:
        raise ValidationError(
            {"region": _("该地区尚无受理投诉的服务机构，请拨打当地人社服务热线。")}
        )
    return handler


def _receive(complaint: Complaint, *, actor) -> Complaint:
    """Assign the complaint, set its deadline and start it."""
    complaint.name, complaint.content = complaint.name.strip(), complaint.content.strip()
    complaint.worker_name, complaint.case_ref = (
        complaint.worker_name.strip(),
        complaint.case_ref.strip(),
    )
    if not complaint.name:
        raise ValidationError({"name": _("请填写投诉人姓名。")})
    if not complaint.content:
        raise ValidationError({"content": _("请填写投诉内容。")})
    try:
        complaint.phone = clean_phone(complaint.phone)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None
    if not complaint.phone:
        raise ValidationError({"phone": _("请填写联系电话，以便答复和回访。")})
    complaint.handler = check_region(complaint.region)
    complaint.org = office_of_region(complaint.region)
    about_handler = (
        complaint.about in (About.OFFICE, About.WORKER) and complaint.handler.pk == complaint.org_id
    )
    if about_handler or (
        complaint.worker is not None and complaint.worker.org_id == complaint.handler.pk
    ):
        # nobody handles a complaint about their own office or one of its workers
        complaint.handler = office_above(complaint.handler) or complaint.handler
    days = parameters.value("complaints.answer_days", complaint.region_id, complaint.received_on)
    complaint.first_answer_by = complaint.answer_by = add_working_days(complaint.received_on, days)
    # 31**12 codes: a clash is as good as impossible, and the unique index would refuse one
    complaint.receipt = new_receipt()
    workflow.start(complaint, actor=actor, by_system=actor is None,
                   comment=complaint.get_channel_display())  # fmt: skip
    return complaint


def check_worker(actor, region: Region, username: str) -> User | None:
    """The account of the worker complained about, named by its user name (工号): an active
    account of the street or township of ``region`` or of one of its communities, inside the
    actor's jurisdiction; None when not named."""
    username = (username or "").strip()
    if not username:
        return None
    office_area = prefix_of(region.code, Level.TOWNSHIP)
    worker = (
        User.objects.visible_to(actor).within(office_area)
        .filter(username=username, is_active=True).first()
    )  # fmt: skip
    if worker is None:
        raise ValidationError(
            {"worker": _("被投诉地区所在街道（乡镇）及其社区（村）没有这个工作人员账号。")}
        )
    return worker


@transaction.atomic
def complaint_record(
    *, actor, channel: str, about: str, region: Region, name: str, phone: str, content: str,
    worker_name: str = "", worker: str = "", case_ref: str = "",
    received_on: datetime.date | None = None,
) -> Complaint:  # fmt: skip
    """A complaint received by staff at a window or by telephone, about ``region`` (a street or
    township, a community or village of the actor's jurisdiction); ``worker`` the user name of
    the worker complained about, if the complainant could say."""
    require(actor, "complaints.add_complaint")
    account = check_worker(actor, region, worker)
    if account is not None and not worker_name.strip():
        worker_name = account.name
    if channel not in (Channel.WINDOW, Channel.PHONE):
        raise ValidationError({"channel": _("工作人员登记的投诉来自窗口或电话。")})
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("受理日期不能晚于今天。")})
    complaint = Complaint(
        channel=channel, about=about, region=region, name=name, phone=phone, content=content,
        worker_name=worker_name, worker=account, case_ref=case_ref, received_on=received_on,
        recorded_by=actor,
    )  # fmt: skip
    return _receive(complaint, actor=actor)


@transaction.atomic
def complaint_submit(
    *, about: str, region: Region, name: str, phone: str, content: str, worker_name: str = "",
    case_ref: str = "",
) -> Complaint:  # fmt: skip
    """A complaint made on the public form: nobody logged in, received today."""
    complaint = Complaint(
        channel=Channel.ONLINE, about=about, region=region, name=name, phone=phone,
        content=content, worker_name=worker_name, case_ref=case_ref,
        received_on=timezone.localdate(),
    )  # fmt: skip
    return _receive(complaint, actor=None)


def _check_handler(actor, complaint: Complaint) -> None:
    require(actor, "complaints.handle_complaint")
    if not Complaint.objects.editable_by(actor).filter(pk=complaint.pk).exists():
        raise PermissionDenied
    if not complaint.workflow.may_fire(None, complaint, actor):
        raise PermissionDenied(_("只有承办机构可以办理该投诉。"))


@transaction.atomic
def complaint_note(*, actor, complaint: Complaint, text: str) -> ComplaintNote:
    """A note of what the office did to handle the complaint."""
    _check_handler(actor, complaint)
    if complaint.state == CLOSED:
        raise ValidationError(_("该投诉已办结。"))
    if not text.strip():
        raise ValidationError({"text": _("请填写办理情况。")})
    note = ComplaintNote(complaint=complaint, region_id=complaint.region_id, text=text.strip(),
                         by=actor)  # fmt: skip
    note.full_clean()
    note._history_user = actor
    note.save()
    return note


@transaction.atomic
def complaint_answer(*, actor, complaint: Complaint, answer: str) -> Complaint:
    """The office's answer to the complainant (答复): the complaint waits for the call-back."""
    if not answer.strip():
        raise ValidationError({"answer": _("请填写答复内容。")})
    workflow.fire(
        complaint, "answer", actor=actor, comment=answer.strip(), by_service=True,
        values={"answer": answer.strip(), "answered_on": timezone.localdate(), "answered_by": actor},
    )  # fmt: skip
    return complaint


@transaction.atomic
def complaint_close(
    *, actor, complaint: Complaint, satisfaction: str = "", note: str = ""
) -> Complaint:
    """The call-back (回访): the complainant's satisfaction as told, and the complaint closed.
    Without a satisfaction (the complainant could not be reached) a note says why."""
    if satisfaction and satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("请选择满意度。")})
    if not satisfaction and not note.strip():
        raise ValidationError({"note": _("未记录满意度的，请写明原因（如多次联系未接通）。")})
    values = {}
    if satisfaction:
        values = {"satisfaction": satisfaction, "satisfaction_on": timezone.localdate(),
                  "satisfaction_by": actor}  # fmt: skip
    comment = note.strip() or Satisfaction(satisfaction).label
    workflow.fire(complaint, "close", actor=actor, comment=str(comment), by_service=True,
                  values=values)  # fmt: skip
    return complaint


@transaction.atomic
def complaint_rate(*, complaint: Complaint, satisfaction: str) -> Complaint:
    """The complainant's own rating on the public page, once answered: it closes the complaint."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("请选择满意度。")})
    if complaint.state != ANSWERED:
        raise ValidationError(_("该投诉尚未答复或已评价。"))
    workflow.fire_automatic(
        complaint, "rate", comment=_t("投诉人网上评价：%(value)s") % {
            "value": Satisfaction(satisfaction).label},
        values={"satisfaction": satisfaction, "satisfaction_on": timezone.localdate(),
                "satisfaction_by": None},
    )  # fmt: skip
    return complaint


@transaction.atomic
def complaint_escalate(complaint: Complaint, *, today: datetime.date) -> bool:
    """Send a complaint past its deadline to the office of the level above, with a new
    deadline (``complaints.escalated_days`` working days from ``today``), as a workflow event
    of nobody (a rule). False when there is no office above (a city's)."""
    above = office_above(complaint.handler)
    if above is None:
        return False
    days = parameters.value("complaints.escalated_days", complaint.region_id, today)
    comment = _t("超过答复时限%(date)s未答复，由%(from)s升级至%(to)s办理") % {
        "date": complaint.answer_by.isoformat(), "from": complaint.handler.name, "to": above.name,
    }  # fmt: skip
    workflow.fire_automatic(complaint, "escalate", comment=comment, values={
        "handler": above, "escalations": complaint.escalations + 1,
        "answer_by": add_working_days(today, days),
    })  # fmt: skip
    return True


def escalate_overdue(today: datetime.date | None = None) -> int:
    """The nightly check: each complaint still waiting for its answer past the deadline goes
    up one level (``complaint_escalate``), one transaction each; a complaint answered
    meanwhile is left alone. Returns how many were escalated."""
    today = today or timezone.localdate()
    escalated = 0
    late = Complaint.objects.late(today).select_related("handler").order_by("answer_by", "pk")
    for complaint in late:
        try:
            escalated += complaint_escalate(complaint, today=today)
        except ValidationError:  # moved meanwhile (answered): the refusal of a stale state
            continue
    return escalated
