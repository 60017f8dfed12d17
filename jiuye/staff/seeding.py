"""Demo data: staff accounts named ``<role>-<region prefix>`` at every seeded organisation."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.regions.seeding import scale_regions
from jiuye.staff.models import StaffCertificate, User
from jiuye.staff.roles import RoleCode

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉志海燕宏晓东立新文博涵欣浩然思远佳怡鹏飞雪琳慧颖"

# (role, username suffix, post, duties) of the staff each kind of organisation gets.
STAFF_PLAN = {
    OrgKind.VILLAGE_STATION: [
        (
            RoleCode.COORDINATOR,
            "",
            "劳动保障协管员",
            "人力资源调查统计与基础台账动态管理；受理就业失业登记并初审；就业援助对象上门服务。",
        ),
    ],
    OrgKind.TOWNSHIP_CENTRE: [
        (
            RoleCode.TOWNSHIP_REVIEWER,
            "",
            "就业服务窗口负责人",
            "审核、上报就业失业登记与就业困难人员认定资料；组织辖区就业援助。",
        ),
        (
            RoleCode.TOWNSHIP_REVIEWER,
            "-2",
            "就业服务窗口经办人",
            "职业指导、职业介绍、岗位开发与培训组织。",
        ),
        # the township's finance office (财政所), which pays the township's own subsidies
        (
            RoleCode.TOWNSHIP_FINANCE,
            "",
            "财政所会计",
            "复核由街道（乡镇）本级财政拨付的就业补贴。",
        ),
    ],
    OrgKind.COUNTY_AGENCY: [
        (
            RoleCode.COUNTY_APPROVER,
            "",
            "就业促进科科长",
            "审批登记认定，核发证卡，审核补贴，指导监督基层平台。",
        ),
        (RoleCode.INSPECTOR, "", "督查专员", "督查基层就业工作，查阅台账与统计。"),
    ],
    OrgKind.COUNTY_FINANCE: [
        (RoleCode.COUNTY_FINANCE, "", "社会保障科科员", "复核就业补贴资金拨付。")
    ],
    OrgKind.CITY_AGENCY: [
        (RoleCode.CITY_OFFICER, "", "就业援助科科员", "全市就业援助信息统一管理与统计分析。"),
        (RoleCode.INSPECTOR, "", "督查专员", "督查各县（市、区）就业工作。"),
    ],
    OrgKind.PROVINCE_DEPARTMENT: [
        (
            RoleCode.PROVINCE_ADMIN,
            "",
            "就业促进处系统管理员",
            "制定政策参数与补贴标准，管理全省账号与日历。",
        ),
        (RoleCode.INSPECTOR, "", "督查专员", "督查全省基层就业工作。"),
    ],
}

CERTIFICATE_ROLES = {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER}


def person_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def certificate_for(user: User, role: RoleCode, rng) -> StaffCertificate:
    issued = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 10))
    if (issued.month, issued.day) == (2, 29):
        issued -= datetime.timedelta(days=1)
    if role == RoleCode.COORDINATOR:
        name, expires = "劳动保障协理员职业资格证书", None
    else:
        name, expires = "基层公共就业服务人员培训合格证书", issued.replace(year=issued.year + 5)
    return StaffCertificate(
        user=user,
        name=name,
        number=f"{user.username.split('-', 1)[1].replace('-', '')}{issued:%Y}",
        issuer="山东省人力资源和社会保障厅",
        issued_on=issued,
        expires_on=expires,
    )


@transaction.atomic
def seed(context) -> None:
    password = make_password(settings.JIUYE_DEMO_PASSWORD)
    codes = {region.code for region in scale_regions(context.scale)}
    orgs = [org for org in ServiceOrg.objects.order_by("region_id", "pk") if org.region_id in codes]
    existing = set(User.objects.values_list("username", flat=True))
    planned = []  # (user, role)
    for org in orgs:
        prefix = prefix_of(org.region_id)
        for role, suffix, post, duties in STAFF_PLAN[OrgKind(org.kind)]:
            username = f"{role.value}-{prefix}{suffix}"
            if username in existing:
                continue
            rng = context.rng("staff", username)
            user = User(
                username=username,
                name=person_name(rng),
                org=org,
                post=post,
                duties=duties,
                phone=mobile(rng),
                password=password,
            )
            planned.append((user, role, rng))
    User.objects.bulk_create([user for user, _, _ in planned], batch_size=2000)
    Through = User.roles.through
    Through.objects.bulk_create(
        [Through(user_id=user.pk, role_id=role.value) for user, role, _ in planned], batch_size=5000
    )
    StaffCertificate.objects.bulk_create(
        [
            certificate_for(user, role, rng)
            for user, role, rng in planned
            if role in CERTIFICATE_ROLES
        ],
        batch_size=5000,
    )
    if "admin" not in existing:
        User.objects.create_superuser("admin", password=None, name="系统管理员")
        User.objects.filter(username="admin").update(password=password)
    context.log(f"Created {len(planned)} staff accounts.")
