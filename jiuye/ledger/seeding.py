"""Demo data: residents and households with realistic ages, statuses and family shapes.

Per village a deterministic number of households of 1–6 members: a head and spouse, children,
sometimes parents. Statuses follow age: students under 18 (and most to 22), retirees above
the retirement age, and among the working-age about 7 % unemployed (some 3–4 % of all residents), the rest mostly employed
(farming and work away from home in rural villages, employment and flexible work in urban
communities). About a third of the residents have an earlier status period too.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.ledger.choices import Education, HukouType, LabourStatus, Relation, TransferDestination
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import Household, Person, StatusRecord
from jiuye.ledger.pinyin import name_initials
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.regions.seeding import short_name

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤单"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉志海燕宏晓东立新文博涵欣浩然思远佳怡鹏飞雪琳慧颖"
RARE = ["𠮷", "堃", "喆", "昇", "淼", "犇"]
LARGEST_FAMILY = 6  # members of a household
TODAY = datetime.date(
    2026, 11, 1
)  # the data set's "now": fixed, so the same seed gives the same data
URBAN_WORK = [
    (LabourStatus.EMPLOYED_UNIT, 55), (LabourStatus.FLEXIBLE, 15), (LabourStatus.SELF_EMPLOYED, 10),
    (LabourStatus.PUBLIC_WELFARE_POST, 2), (LabourStatus.HOMEMAKER, 4), (LabourStatus.UNABLE, 1),
]  # fmt: skip
RURAL_WORK = [
    (LabourStatus.FARMING, 38), (LabourStatus.TRANSFERRED, 30), (LabourStatus.EMPLOYED_UNIT, 12),
    (LabourStatus.SELF_EMPLOYED, 6), (LabourStatus.FLEXIBLE, 4), (LabourStatus.HOMEMAKER, 4),
    (LabourStatus.UNABLE, 1),
]  # fmt: skip
EMPLOYERS = ["济南某机械制造有限公司", "山东某商贸有限公司", "某物流有限公司", "某餐饮管理有限公司", "某建筑工程有限公司",
             "某电子科技有限公司", "某物业服务有限公司", "某超市连锁有限公司", "某纺织有限公司", "某医院"]  # fmt: skip
OCCUPATIONS = [
    "生产操作工",
    "营业员",
    "快递员",
    "厨师",
    "建筑工",
    "电工",
    "保安员",
    "保洁员",
    "会计",
    "护理员",
    "司机",
]


class Numbers:
    """Unique, checksum-correct identity numbers: county code, birth date, sequence by sex."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.next = {}

    def issue(self, county: str, birth: datetime.date, sex: str) -> str:
        key = (county, birth)
        sequence = self.next.get(key, 0)
        while True:
            sequence += 1
            odd = sequence * 2 - (1 if sex == "1" else 0)  # odd for men, even for women
            body = f"{county}{birth:%Y%m%d}{odd % 1000:03d}"
            number = body + check_character(body)
            if number not in self.taken:
                self.next[key] = sequence
                self.taken.add(number)
                return number


def _name(rng) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    if rng.random() < 0.002:
        given = rng.choice(RARE) + given[:1]
    return rng.choice(SURNAMES) + given


def _birth(rng, age: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=age * 365 + rng.randint(0, 364))


def _pick(rng, weighted):
    return rng.choices([status for status, _ in weighted], [weight for _, weight in weighted])[0]


def _status(rng, age: int, sex: str, urban: bool) -> str:
    retirement = 60 if sex == "1" else 55
    if age < 16:
        return LabourStatus.STUDENT
    if age < 22 and rng.random() < (0.9 if age < 18 else 0.55):
        return LabourStatus.STUDENT
    if age >= retirement:
        return LabourStatus.RETIRED if urban or rng.random() < 0.4 else LabourStatus.FARMING
    if rng.random() < 0.07:
        return LabourStatus.UNEMPLOYED
    return _pick(rng, URBAN_WORK if urban else RURAL_WORK)


def _education(rng, age: int) -> str:
    if age < 7:
        return ""
    if age < 16:
        return Education.PRIMARY if age < 13 else Education.JUNIOR
    pool = (
        [Education.JUNIOR] * 4 + [Education.HIGH_SCHOOL] * 3 + [Education.SECONDARY_VOCATIONAL] * 2
    )
    pool += [Education.COLLEGE] * 2 + [Education.BACHELOR] * 2 + [Education.PRIMARY]
    if age < 40:
        pool += [Education.BACHELOR, Education.COLLEGE, Education.POSTGRADUATE]
    return rng.choice(pool)


def _family(rng) -> list[tuple[str, int]]:
    """(relation, age) of a household's members, the head first."""
    head_age = rng.randint(24, 78)
    members = [(Relation.HEAD, head_age)]
    if rng.random() < 0.8:
        members.append((Relation.SPOUSE, max(20, head_age + rng.randint(-5, 3))))
    if head_age < 70:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            child_age = head_age - rng.randint(22, 34)
            if child_age >= 0:
                members.append((rng.choice((Relation.SON, Relation.DAUGHTER)), child_age))
    if head_age < 50 and rng.random() < 0.25:
        members.append((Relation.PARENT, head_age + rng.randint(24, 32)))
    return members[:LARGEST_FAMILY]


class Ids:
    """The next free ids of the tables the seeder fills (rows are inserted with their ids)."""

    def __init__(self):
        self.household, self.person, self.record = (
            next_id(m) for m in (Household, Person, StatusRecord)
        )

    def take(self, table: str) -> int:
        value = getattr(self, table)
        setattr(self, table, value + 1)
        return value


def _means(rng, urban: bool) -> dict:
    """A household's 低保, operating or investment income and per-capita monthly income (yuan;
    None for one in ten, not surveyed): rural households are poorer."""
    dibao = rng.random() < (0.025 if urban else 0.06)
    if rng.random() < 0.1:
        income = None
    elif dibao:
        income = rng.randint(200, 700 if urban else 450)
    else:
        income = rng.randint(900, 6000) if urban else rng.randint(350, 2500)
    return {"has_dibao": dibao, "has_business_income": rng.random() < (0.15 if urban else 0.2),
            "income_per_capita": None if income is None else Decimal(income)}  # fmt: skip


def _willing(rng, status: str, urban: bool) -> bool:
    """Willing to work (urban) or to transfer to non-farm work (rural): most unemployed are; some
    farmers want to transfer."""
    if status == LabourStatus.UNEMPLOYED:
        return rng.random() < 0.9
    if status == LabourStatus.FARMING and not urban:
        return rng.random() < 0.35
    return status not in (LabourStatus.HOMEMAKER, LabourStatus.OTHER)


def _people_of_village(
    village: Region, count: int, rng, numbers: Numbers, recorder_id: int, ids: Ids, means
):
    """Plain rows of households, persons and status periods for one village. ``means`` is the
    random source of the households' means and the persons' willingness (apart, so the
    residents themselves stay as they were)."""
    urban = village.is_urban
    county = prefix_of(village.code, Level.COUNTY)
    place = short_name(village)
    households, persons, records = [], [], []
    while len(persons) < count:
        household = {"id": ids.take("household"), "region_id": village.code,
                     "address": f"{place}{rng.randint(1, 60)}号", **_means(means, urban)}  # fmt: skip
        households.append(household)
        surname = rng.choice(SURNAMES)
        head_sex = None
        for relation, age in _family(rng):
            if relation == Relation.SON:
                sex = "1"
            elif relation == Relation.DAUGHTER:
                sex = "2"
            elif relation == Relation.SPOUSE:
                sex = "2" if head_sex == "1" else "1"
            else:
                sex = rng.choice("12")
            head_sex = head_sex or sex
            birth = _birth(rng, age)
            name = _name(rng)
            if relation in (Relation.HEAD, Relation.SON, Relation.DAUGHTER):
                name = surname + name[1:]
            status = _status(rng, age, sex, urban)
            since = min(TODAY, max(birth + datetime.timedelta(days=16 * 365),
                                   TODAY - datetime.timedelta(days=rng.randint(30, 3000))))  # fmt: skip
            employer = ""
            if status in (LabourStatus.EMPLOYED_UNIT, LabourStatus.PUBLIC_WELFARE_POST):
                employer = rng.choice(EMPLOYERS)
            elif status == LabourStatus.TRANSFERRED:
                employer = rng.choice(
                    ["济南市", "青岛市", "江苏省苏州市", "北京市", "浙江省宁波市"]
                )
            destination = (
                rng.choice(TransferDestination.values) if status == LabourStatus.TRANSFERRED else ""
            )
            occupation = rng.choice(OCCUPATIONS) if employer else ""
            person = {
                "id": ids.take("person"), "region_id": village.code, "id_number": numbers.issue(county, birth, sex),
                "name": name, "name_initials": name_initials(name), "sex": sex, "birth_date": birth,
                "education": _education(rng, age),
                "hukou_type": HukouType.NON_AGRICULTURAL if urban else HukouType.AGRICULTURAL,
                "address": household["address"],
                "phone": f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}" if age >= 16 else "",
                "household_id": household["id"], "relation": relation, "status": status, "status_since": since,
                "employer": employer, "occupation": occupation, "transfer_destination": destination,
                "willing_to_work": _willing(means, status, urban),
            }  # fmt: skip
            persons.append(person)
            earlier = since - datetime.timedelta(days=rng.randint(90, 900))
            if rng.random() < 0.3 and earlier - birth > datetime.timedelta(days=16 * 365):
                previous = (
                    LabourStatus.UNEMPLOYED
                    if status != LabourStatus.UNEMPLOYED
                    else LabourStatus.FLEXIBLE
                )
                records.append({"id": ids.take("record"), "person_id": person["id"], "region_id": village.code,
                                "status": previous, "since": earlier, "until": since, "recorded_by_id": recorder_id,
                                "recorded_at": recorded_on(earlier)})  # fmt: skip
            records.append({"id": ids.take("record"), "person_id": person["id"], "region_id": village.code,
                            "status": status, "since": since, "employer": employer, "occupation": occupation,
                            "transfer_destination": destination, "recorded_by_id": recorder_id,
                            "recorded_at": recorded_on(since)})  # fmt: skip
    return households, persons, records


def recorded_on(day: datetime.date) -> datetime.datetime:
    """When the demo's coordinator recorded a status: on the day it began, in office hours
    (the ledger's freshness and its history at a past date read it)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def seed(context) -> None:
    villages = [r for prefix in context.scale.prefixes
                for r in Region.objects.within(prefix).filter(level=Level.VILLAGE).order_by("code")]  # fmt: skip
    if not villages:
        return
    seeded = set(Person.objects.values_list("region_id", flat=True).distinct())
    numbers = Numbers(set(Person.objects.values_list("id_number", flat=True)) if seeded else set())
    recorder = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    ids = Ids()
    per_village = context.scale.residents / len(villages)
    created, batch = 0, []
    for village in villages:
        if village.code in seeded:
            continue
        rng = context.rng("residents", village.code)
        count = max(1, round(per_village * rng.uniform(0.6, 1.4)))
        means = context.rng("means", village.code)
        batch.append(_people_of_village(village, count, rng, numbers, recorder.pk, ids, means))
        if sum(len(people) for _, people, _ in batch) >= 50_000:
            created += _save(batch)
            batch = []
    created += _save(batch)
    reset_sequences(Household, Person, StatusRecord)
    context.log(f"Created {created} residents.")


@transaction.atomic
def _save(batch) -> int:
    fast_insert(Household, [row for households, _, _ in batch for row in households])
    persons = [row for _, people, _ in batch for row in people]
    fast_insert(Person, persons)
    fast_insert(StatusRecord, [row for _, _, records in batch for row in records])
    return len(persons)
