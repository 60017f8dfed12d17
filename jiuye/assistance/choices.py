from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    APPLICATION = "application", _("本人申请")
    DISCOVERY = "discovery", _("协管员摸底发现")
    ZERO_HOUSEHOLD = "zero_household", _("零就业家庭认定转入")


class CategoryRule(models.TextChoices):
    """How a category of hard-to-employ person is checked against the ledger (``eligibility``);
    what the ledger cannot show is checked by the evidence attached to the case."""

    OLDER = "older", _("年龄与性别（“4050”人员）")
    NEAR_RETIREMENT = "near_retirement", _("距法定退休年龄年限，且登记失业")
    LONG_TERM = "long_term", _("连续失业时长，且登记失业")
    ZERO_URBAN = "zero_urban", _("已认定的城镇零就业家庭成员")
    ZERO_RURAL = "zero_rural", _("已认定的农村零转移就业贫困家庭成员")
    DIBAO = "dibao", _("最低生活保障家庭成员")
    DISABILITY = "disability", _("残疾（台账残疾等级）")
    EVIDENCE = "evidence", _("凭证明材料认定")


class OfferKind(models.TextChoices):
    JOB = "job", _("就业岗位")
    TRAINING = "training", _("职业培训")


class ServiceKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("上门服务")
    JOB_REFERRAL = "job_referral", _("推荐就业岗位")
    TRAINING_REFERRAL = "training_referral", _("推荐参加培训")
    POLICY = "policy", _("政策宣讲")
    POST_PLACEMENT = "post_placement", _("公益性岗位安置")
    LOAN = "loan", _("协助办理贷款")
    COUNTY_VISIT = "county_visit", _("县级定期走访")
    OTHER = "other", _("其他")


class ExitReason(models.TextChoices):
    STABLE_EMPLOYMENT = "stable_employment", _("实现稳定就业")
    NOT_ELIGIBLE = "not_eligible", _("不再符合援助对象条件")
    REFUSED = "refused", _("无正当理由不接受就业援助服务")
    MOVED = "moved", _("迁出本地")
    OTHER = "other", _("其他")


class HouseholdKind(models.TextChoices):
    URBAN = "urban", _("城镇零就业家庭")
    RURAL = "rural", _("农村零转移就业家庭")


class HouseholdState(models.TextChoices):
    APPEARED = "appeared", _("出现，待社区调查")
    TOWNSHIP_REVIEW = "township_review", _("待街道（乡镇）审核")
    COUNTY_REVIEW = "county_review", _("待县级确认")
    IDENTIFIED = "identified", _("已认定，待安置")
    SUPPORTED = "supported", _("扶持中")
    STABLE = "stable", _("已稳定（跟踪中）")
    CLEARED = "cleared", _("已脱零")
    LAPSED = "lapsed", _("不再符合条件")  # the ledger no longer shows it (a member works …)
    REJECTED = "rejected", _("不予认定")
    CLOSED = "closed", _("已销号")


# Cases not yet settled.
OPEN_HOUSEHOLD_STATES = (
    HouseholdState.APPEARED,
    HouseholdState.TOWNSHIP_REVIEW,
    HouseholdState.COUNTY_REVIEW,
    HouseholdState.IDENTIFIED,
    HouseholdState.SUPPORTED,
)
# Identified cases waiting for a member's placement (动态清零).
PLACING_STATES = (HouseholdState.IDENTIFIED, HouseholdState.SUPPORTED)
