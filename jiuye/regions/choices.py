from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.regions.codes import Level


class OrgKind(models.TextChoices):
    """Kinds of service organisation, each at one level of the hierarchy."""

    VILLAGE_STATION = "village_station", _("社区（村）劳动保障服务站")
    TOWNSHIP_CENTRE = "township_centre", _("街道（乡镇）劳动保障服务中心")
    COUNTY_AGENCY = "county_agency", _("县级公共就业服务机构")
    COUNTY_FINANCE = "county_finance", _("县级财政部门")
    CITY_AGENCY = "city_agency", _("市级公共就业服务机构")
    PROVINCE_DEPARTMENT = "province_department", _("省人力资源社会保障厅")


ORG_KIND_LEVEL = {
    OrgKind.VILLAGE_STATION: Level.VILLAGE,
    OrgKind.TOWNSHIP_CENTRE: Level.TOWNSHIP,
    OrgKind.COUNTY_AGENCY: Level.COUNTY,
    OrgKind.COUNTY_FINANCE: Level.COUNTY,
    OrgKind.CITY_AGENCY: Level.CITY,
    OrgKind.PROVINCE_DEPARTMENT: Level.PROVINCE,
}
