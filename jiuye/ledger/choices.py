from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):  # GB/T 2261.1
    MALE = "1", _("男")
    FEMALE = "2", _("女")


class Education(models.TextChoices):  # after GB/T 4658
    POSTGRADUATE = "10", _("研究生")
    BACHELOR = "20", _("大学本科")
    COLLEGE = "30", _("大学专科")
    SECONDARY_VOCATIONAL = "40", _("中专、中技、职高")
    HIGH_SCHOOL = "60", _("普通高中")
    JUNIOR = "70", _("初中")
    PRIMARY = "80", _("小学")
    NONE = "90", _("文盲或半文盲")


class HukouType(models.TextChoices):
    AGRICULTURAL = "agricultural", _("农业户口")
    NON_AGRICULTURAL = "non_agricultural", _("非农业户口")
    RESIDENT = "resident", _("居民户口")


class Relation(models.TextChoices):
    HEAD = "head", _("户主")
    SPOUSE = "spouse", _("配偶")
    SON = "son", pgettext_lazy("relation to the head of household", "子")
    DAUGHTER = "daughter", pgettext_lazy("relation to the head of household", "女")
    CHILD_IN_LAW = "child_in_law", _("儿媳、女婿")
    GRANDCHILD = "grandchild", _("孙子女、外孙子女")
    PARENT = "parent", _("父母")
    GRANDPARENT = "grandparent", _("祖父母、外祖父母")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class LabourStatus(models.TextChoices):
    """The labour status of a resident (人力资源调查): employed kinds first."""

    EMPLOYED_UNIT = "employed_unit", _("单位就业")
    SELF_EMPLOYED = "self_employed", _("个体经营")
    FLEXIBLE = "flexible", _("灵活就业")
    PUBLIC_WELFARE_POST = "public_welfare_post", _("公益性岗位")
    FARMING = "farming", _("务农")
    TRANSFERRED = "transferred", _("转移就业")
    UNEMPLOYED = "unemployed", _("失业")
    STUDENT = "student", _("在校学生")
    RETIRED = "retired", _("离退休")
    UNABLE = "unable", _("丧失劳动能力")
    HOMEMAKER = "homemaker", _("料理家务")
    OTHER = "other", _("其他")


EMPLOYED = frozenset(
    {
        LabourStatus.EMPLOYED_UNIT,
        LabourStatus.SELF_EMPLOYED,
        LabourStatus.FLEXIBLE,
        LabourStatus.PUBLIC_WELFARE_POST,
        LabourStatus.FARMING,
        LabourStatus.TRANSFERRED,
    }
)
# Work off the farm (非农就业): what ends an unemployment registration and settles a rural
# household; farming alone does neither.
NON_FARM = EMPLOYED - {LabourStatus.FARMING}
# Statuses of those who count neither way for a household's employment: in school, retired,
# unable to work (the labour force is the employed, the unemployed and nobody else).
NOT_ABLE = frozenset({LabourStatus.STUDENT, LabourStatus.RETIRED, LabourStatus.UNABLE})
# Statuses that carry an employer (or place of work) and an occupation.
WITH_EMPLOYER = frozenset(
    {LabourStatus.EMPLOYED_UNIT, LabourStatus.PUBLIC_WELFARE_POST, LabourStatus.TRANSFERRED}
)


class TransferDestination(models.TextChoices):
    WITHIN_COUNTY = "county", _("县内")
    WITHIN_PROVINCE = "province", _("省内县外")
    OUT_OF_PROVINCE = "outside", _("省外")


class Disability(models.TextChoices):
    NONE = "", _("无")
    GRADE_1 = "1", _("一级")
    GRADE_2 = "2", _("二级")
    GRADE_3 = "3", _("三级")
    GRADE_4 = "4", _("四级")


ETHNICITIES = [
    _("汉族"), _("蒙古族"), _("回族"), _("藏族"), _("维吾尔族"), _("苗族"), _("彝族"), _("壮族"), _("布依族"), _("朝鲜族"),
    _("满族"), _("侗族"), _("瑶族"), _("白族"), _("土家族"), _("哈尼族"), _("哈萨克族"), _("傣族"), _("黎族"), _("傈僳族"),
    _("佤族"), _("畲族"), _("高山族"), _("拉祜族"), _("水族"), _("东乡族"), _("纳西族"), _("景颇族"), _("柯尔克孜族"), _("土族"),
    _("达斡尔族"), _("仫佬族"), _("羌族"), _("布朗族"), _("撒拉族"), _("毛南族"), _("仡佬族"), _("锡伯族"), _("阿昌族"), _("普米族"),
    _("塔吉克族"), _("怒族"), _("乌孜别克族"), _("俄罗斯族"), _("鄂温克族"), _("德昂族"), _("保安族"), _("裕固族"), _("京族"), _("塔塔尔族"),
    _("独龙族"), _("鄂伦春族"), _("赫哲族"), _("门巴族"), _("珞巴族"), _("基诺族"),
]  # fmt: skip
# GB/T 3304: codes 01–56 in this order, 97 other, 98 of foreign origin.
Ethnicity = models.TextChoices(
    "Ethnicity",
    [
        (f"E{number:02d}", (f"{number:02d}", name))
        for number, name in enumerate(ETHNICITIES, start=1)
    ]
    + [("E97", ("97", _("其他"))), ("E98", ("98", _("外国血统中国籍人士")))],
)
