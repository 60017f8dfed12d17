"""Demo and benchmark data of public-welfare posts: two posts in every township (one of the
township, one of a community; the standards of the parameters), and identified hard-to-employ
persons of the township placed on them, with the ledger's labour status changed to match.
Rows are inserted many to a statement at every scale, so the province of ``large`` (about
3,600 posts) takes seconds; at the smaller scales a few placements then end through the
services and a few offices prepare their claims of the last month."""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef

from jiuye.assistance.choices import OPEN_HOUSEHOLD_STATES
from jiuye.assistance.models import Identification, ZeroHousehold
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import Person, StatusRecord, working_age_q
from jiuye.ledger.seeding import TODAY
from jiuye.ledger.selectors import working_age_limits
from jiuye.ledger.services import households_changed
from jiuye.posts.choices import PostKind
from jiuye.posts.models import Placement, Post, months_after
from jiuye.posts.services import placement_create, placement_end, post_create, post_defaults
from jiuye.posts.subsidy import POST_SUBSIDY
from jiuye.regions.codes import Level, ancestor, code_of_prefix, prefix_of
from jiuye.regions.models import Region
from jiuye.registration.services import work_recorded
from jiuye.staff.models import User
from jiuye.staff.roles import RoleCode
from jiuye.staff.services import staff_update
from jiuye.subsidies.services import claim_prepare

TITLES = [
    ("社区保洁员", "负责社区公共区域保洁和垃圾分类引导"),
    ("治安巡逻员", "社区治安巡逻、安全隐患排查"),
    ("公共就业服务协管员", "协助开展人力资源调查、就业登记和政策宣传"),
    ("绿化养护员", "公共绿地浇灌、修剪和养护"),
    ("养老服务助理", "为社区高龄、独居老人提供助餐、陪护等服务"),
    ("停车秩序管理员", "背街小巷停车秩序管理"),
]
POSTS_PER_TOWNSHIP = 2
ENDED_PER_SCALE = {"tiny": 3, "small": 12}
CLAIMING_OFFICES = 3
CONTRACT_MONTHS = (6, 12, 12, 12, 24, 36)  # the agreements of the demo's placements
# coordinators who hold their community's special post (特定公益性岗位), per scale
SPECIAL_POSTS = {"tiny": 4, "small": 12, "large": 40}


def seed(context) -> None:
    if Post.objects.exists():
        return
    creator = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )
    with transaction.atomic():
        posts = _posts(context)
        placed = _placements(context, posts, creator)
    context.log(f"  {len(posts)} public-welfare posts, {placed} placements")
    if context.scale.name in ENDED_PER_SCALE:
        _demo_flow(context)
    context.log(f"  {_special_posts(context)} coordinators on special posts")


def _posts(context) -> list[dict]:
    first = next_id(Post)
    defaults = post_defaults(code_of_prefix(context.scale.prefixes[0]), TODAY)
    rows = []
    for prefix in context.scale.prefixes:
        townships = Region.objects.within(prefix).filter(level=Level.TOWNSHIP).order_by("code")
        villages = {}
        for code in (
            Region.objects.within(prefix)
            .filter(level=Level.VILLAGE)
            .values_list("code", flat=True)
            .order_by("code")
        ):
            # the first community of each township
            villages.setdefault(prefix_of(code, Level.TOWNSHIP), code)
        for township in townships.values_list("code", "name"):
            code, name = township
            for n in range(POSTS_PER_TOWNSHIP):
                rng = context.rng("post", code, n)
                title, duties = rng.choice(TITLES)
                starts = TODAY - datetime.timedelta(days=rng.randint(60, 500))
                region = villages.get(prefix_of(code, Level.TOWNSHIP), code) if n % 2 else code
                rows.append({
                    "id": first + len(rows), "region_id": region, "unit_name": f"{name}办事处" if region == code else f"{name}社区居委会",
                    "title": title, "duties": duties, "posts": rng.randint(2, 5), "starts_on": starts,
                    "ends_on": starts + datetime.timedelta(days=3 * 365 - 1), **defaults,
                })  # fmt: skip
    for start in range(0, len(rows), 5000):
        fast_insert(Post, rows[start : start + 5000])
    reset_sequences(Post)
    return rows


def _placements(context, posts: list[dict], creator) -> int:
    """Identified persons of working age, out of work, in the township of each post, placed
    from a day after their current status began (and not before the post)."""
    limits = working_age_limits(code_of_prefix(context.scale.prefixes[0]), TODAY)
    # members of open zero-employment cases are left to the assistance demo's own story
    zero = ZeroHousehold.objects.filter(
        state__in=OPEN_HOUSEHOLD_STATES, household_id=OuterRef("household_id")
    )
    by_township: dict[str, list] = {}
    for prefix in context.scale.prefixes:
        # from the identifications (thousands), not the residents (a million at ``large``)
        ids = sorted(
            Identification.objects.identified().within(prefix).values_list("person_id", flat=True)
        )
        for start in range(0, len(ids), 2000):
            people = (
                Person.objects.filter(pk__in=ids[start : start + 2000]).filter(
                    ~Exists(zero), working_age_q(TODAY, **limits), status=LabourStatus.UNEMPLOYED,
                    status_since__lt=TODAY)
                .values_list("pk", "region_id", "status_since", "household_id")
            )  # fmt: skip
            for row in people:
                by_township.setdefault(prefix_of(row[1], Level.TOWNSHIP), []).append(row)
    for waiting in by_township.values():
        waiting.sort(key=lambda row: (row[1], row[0]))
    first, first_record = next_id(Placement), next_id(StatusRecord)
    placements, records, people, households = [], [], {}, set()
    for post in posts:
        waiting = by_township.get(prefix_of(post["region_id"], Level.TOWNSHIP), [])
        rng = context.rng("placement", post["id"])
        for _n in range(min(rng.randint(1, post["posts"]), len(waiting))):
            person_id, region_id, since, household = waiting.pop(0)
            start = max(since + datetime.timedelta(days=1), post["starts_on"])
            if start > TODAY:
                continue
            placements.append({"id": first + len(placements), "person_id": person_id, "post_id": post["id"],
                               "region_id": post["region_id"], "started_on": start,
                               "contract_months": _contract(rng, start, post["ends_on"])})  # fmt: skip
            records.append({"id": first_record + len(records), "person_id": person_id, "region_id": region_id,
                            "status": LabourStatus.PUBLIC_WELFARE_POST, "since": start, "employer": post["unit_name"],
                            "occupation": post["title"], "note": "公益性岗位安置", "recorded_by_id": creator.pk})  # fmt: skip
            people[person_id] = (start, post)
            households.add(household)
    open_records = StatusRecord.objects.filter(person_id__in=list(people), until__isnull=True)
    closing = list(open_records.only("pk", "person_id"))
    for record in closing:
        record.until = people[record.person_id][0]
    StatusRecord.objects.bulk_update(closing, ["until"], batch_size=2000)
    fast_insert(StatusRecord, records)
    fast_insert(Placement, placements)
    persons = list(Person.objects.filter(pk__in=list(people)).only("pk"))
    for person in persons:
        start, post = people[person.pk]
        person.status, person.status_since = LabourStatus.PUBLIC_WELFARE_POST, start
        person.employer, person.occupation, person.industry = post["unit_name"], post["title"], ""
    Person.objects.bulk_update(persons, ["status", "status_since", "employer", "occupation", "industry"],
                               batch_size=2000)  # fmt: skip
    reset_sequences(Placement, StatusRecord)
    work_recorded(
        people, creator
    )  # as each status change would: their unemployment registration ends
    households_changed(households, creator)
    return len(placements)


def _contract(rng, start: datetime.date, post_ends: datetime.date) -> int:
    """An agreement's months, within the post's period."""
    months = rng.choice(CONTRACT_MONTHS)
    while months > 1 and months_after(start, months) - datetime.timedelta(days=1) > post_ends:
        months -= 1
    return months


def _special_posts(context) -> int:
    """In the last communities with a coordinator account, the township links the account to
    the coordinator's own entry in the ledger (a working-age resident of the community out of
    work, who is no assistance target: the account takes that resident's name), sets up the
    station's special post and places the coordinator on it, through the services."""
    limits = working_age_limits(code_of_prefix(context.scale.prefixes[0]), TODAY)
    reviewers = _reviewers()
    identified = Identification.objects.identified().filter(person_id=OuterRef("pk"))
    zero = ZeroHousehold.objects.filter(
        state__in=OPEN_HOUSEHOLD_STATES, household_id=OuterRef("household_id")
    )
    on_post = Placement.objects.open().filter(person_id=OuterRef("pk"))
    starts = TODAY - datetime.timedelta(days=300)  # the special posts' first day
    coordinators = (
        User.objects.filter(roles__code=RoleCode.COORDINATOR, is_active=True, person__isnull=True)
        .select_related("org__region").prefetch_related("roles").order_by("-org__region_id", "pk")
    )  # fmt: skip
    placed = 0
    for prefix in reversed(context.scale.prefixes):
        for user in coordinators.within(prefix):
            reviewer = reviewers.get(ancestor(user.org.region_id, Level.TOWNSHIP))
            if placed >= SPECIAL_POSTS[context.scale.name] or reviewer is None:
                continue
            person = (
                Person.objects.filter(working_age_q(TODAY, **limits), working_age_q(starts, **limits),
                                      region_id=user.org.region_id, status=LabourStatus.UNEMPLOYED,
                                      status_since__lt=TODAY)
                .exclude(Exists(identified)).exclude(Exists(zero)).exclude(Exists(on_post))
                .order_by("pk").first()
            )  # fmt: skip
            if person is None:
                continue
            staff_update(actor=reviewer, user=user, expected_version=user.version,
                         roles=list(user.roles.all()), name=person.name, person=person)  # fmt: skip
            region = user.org.region
            post = post_create(
                actor=reviewer, region=region, kind=PostKind.SPECIAL, unit_name=f"{region.name}劳动保障服务站",
                title="就业和社会保障协管员", duties="人力资源调查与台账管理、就业失业登记初审、就业援助上门服务",
                posts=1, starts_on=starts, ends_on=starts + datetime.timedelta(days=3 * 365 - 1),
            )  # fmt: skip
            placement_create(actor=reviewer, post=post, person=person, contract_months=24,
                             started_on=max(person.status_since + datetime.timedelta(days=1), starts))  # fmt: skip
            placed += 1
    return placed


def _reviewers() -> dict:
    """The township reviewer of each township (by its code)."""
    return {
        user.org.region_id: user
        for user in User.objects.filter(roles__code="reviewer", is_active=True, org__isnull=False).select_related("org")
    }  # fmt: skip


def _demo_flow(context) -> None:
    """A few placements end (the ledger follows) and a few township offices prepare their
    public-welfare post subsidy claim of the month before the data set's today."""
    reviewers = _reviewers()
    ending = (
        Placement.objects.open().filter(started_on__lt=TODAY - datetime.timedelta(days=60))
        .select_related("post").order_by("pk")[: ENDED_PER_SCALE[context.scale.name]]
    )  # fmt: skip
    for n, placement in enumerate(ending):
        actor = reviewers.get(ancestor(placement.region_id, Level.TOWNSHIP))
        if actor is not None:
            reason = ["contract_ended", "resigned", "other_work"][n % 3]
            placement_end(actor=actor, placement=placement, ended_on=TODAY - datetime.timedelta(days=10),
                          reason=reason, employer="泉城家政服务有限公司" if reason == "other_work" else "")  # fmt: skip
    last_month = (TODAY.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    placed = sorted(
        {
            ancestor(code, Level.TOWNSHIP)
            for code in Placement.objects.open().values_list("region_id", flat=True)
        }
    )
    for region in [code for code in placed if code in reviewers][:CLAIMING_OFFICES]:
        claim_prepare(actor=reviewers[region], kind=POST_SUBSIDY, month=last_month)
