"""Who may do what in the policy library (registered by its ``AppConfig.ready``).

Every office reads the policies that apply to it; the county, the city and the province keep
the policies of their own subtree. Every window answers questions and records them. Anyone
at an office may write up a good-practice case of its own or of the offices below it; the
county and above publish them."""

from jiuye.staff.roles import EVERYONE, RoleCode

KEEPERS = frozenset({RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER, RoleCode.PROVINCE_ADMIN})
WINDOWS = frozenset(
    {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER,
     RoleCode.CITY_OFFICER, RoleCode.PROVINCE_ADMIN}
)  # fmt: skip

PERMISSIONS = {
    "policies.view_policy": EVERYONE,
    "policies.add_policy": KEEPERS,
    "policies.change_policy": KEEPERS,
    "policies.view_consultation": EVERYONE,
    "policies.add_consultation": WINDOWS,
    "policies.change_consultation": WINDOWS,
    "policies.view_goodpractice": EVERYONE,
    "policies.add_goodpractice": WINDOWS,
    "policies.change_goodpractice": WINDOWS,
    "policies.publish_goodpractice": KEEPERS,
}
