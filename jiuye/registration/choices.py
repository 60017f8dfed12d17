from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationKind(models.TextChoices):
    UNEMPLOYMENT = "unemployment", _("失业登记")
    EMPLOYMENT = "employment", _("就业登记")


class UnemploymentCause(models.TextChoices):
    CONTRACT_ENDED = "contract_ended", _("劳动合同期满终止")
    DISMISSED = "dismissed", _("用人单位解除劳动合同")
    RESIGNED = "resigned", _("本人辞职")
    EMPLOYER_CLOSED = "employer_closed", _("用人单位关闭、破产")
    GRADUATE = "graduate", _("毕业后未就业")
    BUSINESS_CLOSED = "business_closed", _("个体经营停业")
    LAND_LOST = "land_lost", _("失去土地")
    DISCHARGED = "discharged", _("退役后未就业")
    RELEASED = "released", _("刑满释放")
    OTHER = "other", _("其他")


class EmploymentForm(models.TextChoices):
    UNIT = "employed_unit", _("单位就业")
    SELF_EMPLOYED = "self_employed", _("个体经营")
    FLEXIBLE = "flexible", _("灵活就业")
    PUBLIC_WELFARE_POST = "public_welfare_post", _("公益性岗位")
    TRANSFERRED = "transferred", _("转移就业")


class EndReason(models.TextChoices):
    """Why an unemployment registration ended (注销)."""

    EMPLOYED = "employed", _("已就业")
    BUSINESS = "business", _("自主创业")
    RETIREMENT = "retirement", _("达到法定退休年龄")
    MOVED = "moved", _("迁出本地")
    SCHOOL = "school", _("入学")
    ENLISTED = "enlisted", _("应征入伍")
    REFUSED = "refused", _("无正当理由拒不接受推荐就业或培训")
    NO_CONTACT = "no_contact", _("长期未与公共就业服务机构联系")
    DECEASED = "deceased", _("死亡")
    OTHER = "other", _("其他")


class ContactMethod(models.TextChoices):
    VISIT = "visit", _("上门走访")
    CALL = "call", _("电话联系")
    OFFICE = "office", _("本人来访")
    MESSAGE = "message", _("短信、微信")
