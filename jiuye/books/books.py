"""The prescribed ledger books of a community or street (社区、街道台账), each generated from the
master record for a region and a date, never typed twice: registered in the registry's store
``books`` by this app's ``ready()``.

Every book reads through its model's ``visible_to(user)``, narrowed by ``within(prefix)``, so a
book holds nothing outside the reader's jurisdiction. Identity numbers and phones are masked
as in every export (docs/architecture.md, "Personal data") unless the book is asked in full
by a role that needs them (``Column.personal``, ``Book.rows``)."""

import functools

from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.books.registry import YEAR_TO_DAY, Book, Column
from jiuye.jobs.models import Referral
from jiuye.ledger.models import StatusRecord
from jiuye.posts.models import Placement
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.models import Registration
from jiuye.startups.models import Entrepreneur, Loan
from jiuye.training.models import Enrolment

NUMBER = Column(_("序号"), 6)
REGION = Column(_("社区（村）"), 14)
NAME = Column(_("姓名"), 10)
SEX = Column(_("性别"), 7)  # "Female" in English
ID_NUMBER = Column(_("公民身份号码"), 21, personal="id_number")


def _in_force(queryset, day, start: str, end: str):
    """Records begun on or before ``day`` and not ended by it (the end day is not in)."""
    return queryset.filter(**{f"{start}__lte": day}).filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    )


def _this_year(queryset, field: str, day):
    """Records of ``field`` from the first of ``day``'s year to ``day``."""
    return queryset.filter(**{f"{field}__gte": day.replace(month=1, day=1), f"{field}__lte": day})


def _by(date, day):
    """``date`` if it had come by ``day``, else None (the book shows the record as it was)."""
    return date if date and date <= day else None


@functools.cache
def _labels(field, language) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


def _label(record, name: str) -> str:
    """The label of a choice, as ``get_FOO_display`` but from a table made once per field and
    language: ``get_FOO_display`` rebuilds it on every call, which a book of 100,000 rows
    feels."""
    field = record._meta.get_field(name)
    return _labels(field, get_language()).get(getattr(record, field.attname), "")


def _person(person) -> list:
    return [person.name, _label(person, "sex"), person.id_number]


# 劳动力资源台账: every resident as the status periods say on the day, where they lived then.
def _labour(user, prefix, day):
    return (
        StatusRecord.objects.visible_to(user).within(prefix).on(day)
        .select_related("person", "region").order_by("region_id", "person_id")
    )  # fmt: skip


def _labour_row(record, day):
    person = record.person
    return [
        record.region.name, *_person(person), person.age_on(day), _label(person, "education"),
        _label(person, "hukou_type"), _label(person, "relation"), _label(record, "status"),
        record.employer or _label(record, "transfer_destination"), record.since,
        person.phone,
    ]  # fmt: skip


# 登记失业人员台账: unemployment registrations approved by the day and not ended by it.
def _unemployed(user, prefix, day):
    registrations = Registration.objects.visible_to(user).within(prefix)
    registrations = registrations.filter(kind=RegistrationKind.UNEMPLOYMENT)
    return (
        _in_force(registrations, day, "approved_on", "ended_on")
        .select_related("person", "region", "certificate").order_by("region_id", "approved_on", "id")
    )  # fmt: skip


def _unemployed_row(registration, day):
    return [
        registration.region.name, *_person(registration.person), registration.unemployed_since,
        _label(registration, "cause"), registration.last_employer, registration.approved_on,
        registration.certificate.number if registration.certificate else "",
        registration.last_contact_on,
    ]  # fmt: skip


# 就业困难人员及援助台账: persons identified by the day and not exited by it.
def _hard(user, prefix, day):
    identifications = Identification.objects.visible_to(user).within(prefix)
    return (
        _in_force(identifications, day, "identified_on", "exited_on")
        .select_related("person", "region", "card").prefetch_related("categories")
        .order_by("region_id", "identified_on", "id")
    )  # fmt: skip


def _hard_row(case, day):
    card = getattr(case, "card", None)
    return [
        case.region.name, *_person(case.person), case.category_names, case.identified_on,
        card.number if card else "", _label(case.person, "status"),
    ]  # fmt: skip


# 零就业家庭台账: households identified by the day and not yet out of zero employment then.
def _zero(user, prefix, day):
    cases = ZeroHousehold.objects.visible_to(user).within(prefix)
    return (
        _in_force(cases, day, "identified_on", "ended_on").with_head_name()
        .select_related("household", "region", "responsible").order_by("region_id", "appeared_on", "id")
    )  # fmt: skip


def _zero_row(case, day):
    responsible = case.responsible
    return [
        case.region.name, case.head_name or "", case.household.address, _label(case, "kind"),
        case.appeared_on, case.identified_on, case.placement_due_on,
        (responsible.name or responsible.username) if responsible else "",
    ]  # fmt: skip


# 公益性岗位台账: the persons on a post on the day.
def _posts(user, prefix, day):
    placements = Placement.objects.visible_to(user).within(prefix)
    return (
        _in_force(placements, day, "started_on", "ended_on")
        .select_related("person", "region", "post").order_by("region_id", "started_on", "id")
    )  # fmt: skip


def _posts_row(placement, day):
    post = placement.post
    return [
        placement.region.name, *_person(placement.person), post.unit_name, post.title,
        _label(post, "kind"), placement.started_on, placement.contract_months,
    ]  # fmt: skip


# 求职登记及推荐台账: the referrals of the year up to the day, with their seekers.
def _referrals(user, prefix, day):
    referrals = Referral.objects.visible_to(user).within(prefix)
    return (
        _this_year(referrals, "referred_on", day)
        .select_related("seeker__person", "region", "vacancy__employer")
        .order_by("region_id", "referred_on", "id")
    )  # fmt: skip


def _referrals_row(referral, day):
    vacancy = referral.vacancy
    return [
        referral.region.name, *_person(referral.seeker.person), referral.seeker.registered_on,
        vacancy.employer.name, vacancy.title, referral.referred_on,
        _by(referral.interviewed_on, day), _by(referral.hired_on, day),
    ]  # fmt: skip


# 职业培训台账: the residents referred to a course in the year up to the day.
def _training(user, prefix, day):
    enrolments = Enrolment.objects.visible_to(user).within(prefix)
    return (
        _this_year(enrolments, "referred_on", day)
        .select_related("person", "region", "course__institution")
        .order_by("region_id", "referred_on", "id")
    )  # fmt: skip


def _training_row(enrolment, day):
    course = enrolment.course
    return [
        enrolment.region.name, *_person(enrolment.person), _label(course, "kind"), course.title,
        course.institution.name, course.starts_on, _by(enrolment.completed_on, day), enrolment.certificate_number,
    ]  # fmt: skip


# 创业及创业担保贷款台账: would-be and actual entrepreneurs registered by the day, with their
# latest loan disbursed by then.
def _startups(user, prefix, day):
    loans = Loan.objects.filter(entrepreneur=OuterRef("pk"), disbursed_on__lte=day)
    loans = loans.order_by("-disbursed_on", "-id")
    return (
        Entrepreneur.objects.visible_to(user).within(prefix).filter(registered_on__lte=day)
        .annotate(loan_amount=Subquery(loans.values("amount")[:1]),
                  loan_on=Subquery(loans.values("disbursed_on")[:1]),
                  loan_ends=Subquery(loans.values("ends_on")[:1]))
        .select_related("person", "region").order_by("region_id", "registered_on", "id")
    )  # fmt: skip


def _startups_row(entrepreneur, day):
    return [
        entrepreneur.region.name, *_person(entrepreneur.person), entrepreneur.trade,
        entrepreneur.registered_on, _by(entrepreneur.started_on, day), entrepreneur.jobs_created, entrepreneur.loan_amount,
        entrepreneur.loan_on, entrepreneur.loan_ends,
    ]  # fmt: skip


BOOKS = (
    Book("labour", _("劳动力资源台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("年龄"), 5), Column(_("文化程度"), 10),
        Column(_("户籍性质"), 10), Column(_("与户主关系"), 8), Column(_("就业状态"), 10),
        Column(_("就业单位（转移去向）"), 20), Column(_("状态起始日期"), 11), Column(_("联系电话"), 13, personal="phone"),
    ), _labour, _labour_row, "ledger.view_person", order=10),
    Book("unemployed", _("登记失业人员台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("失业日期"), 11), Column(_("失业原因"), 16),
        Column(_("原工作单位"), 20), Column(_("登记日期"), 11), Column(_("证书编号"), 18),
        Column(_("最近联系日期"), 11),
    ), _unemployed, _unemployed_row, "registration.view_registration", order=20),
    Book("hard", _("就业困难人员援助台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("援助对象类别"), 24), Column(_("认定日期"), 11),
        Column(_("援助卡号"), 18), Column(_("现就业状态"), 10),
    ), _hard, _hard_row, "assistance.view_identification", order=30),
    Book("zero", _("零就业家庭台账"), (
        NUMBER, REGION, Column(_("户主"), 10), Column(_("住址"), 24), Column(_("类别"), 8),
        Column(_("出现日期"), 11), Column(_("认定日期"), 11), Column(_("安置时限"), 11),
        Column(_("责任人"), 10),
    ), _zero, _zero_row, "assistance.view_zerohousehold", order=40),
    Book("posts", _("公益性岗位安置台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("用岗单位"), 20), Column(_("岗位名称"), 14),
        Column(_("岗位类别"), 10), Column(_("上岗日期"), 11), Column(_("协议期限（月）"), 8),
    ), _posts, _posts_row, "posts.view_placement", order=50),
    Book("referrals", _("求职登记及推荐就业台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("求职登记日期"), 11), Column(_("推荐单位"), 20),
        Column(_("推荐岗位"), 14), Column(_("推荐日期"), 11), Column(_("面试日期"), 11),
        Column(_("入职日期"), 11),
    ), _referrals, _referrals_row, "jobs.view_referral", period=YEAR_TO_DAY, order=60,
       person_path="seeker__person"),
    Book("training", _("职业培训台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("培训类别"), 12), Column(_("培训班"), 20),
        Column(_("培训机构"), 20), Column(_("开班日期"), 11), Column(_("结业日期"), 11),
        Column(_("证书编号"), 16),
    ), _training, _training_row, "training.view_enrolment", period=YEAR_TO_DAY, order=70),
    Book("startups", _("创业及创业担保贷款台账"), (
        NUMBER, REGION, NAME, SEX, ID_NUMBER, Column(_("创业项目（行业）"), 16), Column(_("登记日期"), 11),
        Column(_("开业日期"), 11), Column(_("带动就业人数"), 8), Column(_("贷款金额（元）"), 11),
        Column(_("放款日期"), 11), Column(_("到期日"), 11),
    ), _startups, _startups_row, "startups.view_entrepreneur", order=80),
)  # fmt: skip


def ordered(user) -> list[Book]:
    """The registered books ``user`` may read, in their order."""
    from jiuye.core.registry import registry

    books = sorted(registry["books"].values(), key=lambda book: book.order)
    return [book for book in books if user.has_perm(book.permission)]
