"""Who may do what with full-employment and entrepreneurial communities."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PROVINCE = frozenset({RoleCode.PROVINCE_ADMIN})

PERMISSIONS = {
    "communities.view_standard": EVERYONE,
    "communities.change_standard": PROVINCE,  # criteria and thresholds are the province's
    "communities.view_communitymonth": EVERYONE,
    "communities.view_round": EVERYONE,
    "communities.add_round": PROVINCE,
    "communities.view_application": EVERYONE,
    # a community (or a street, for the titles of streets) applies
    "communities.add_application": LEDGER_KEEPERS,
    "communities.township_review_application": frozenset({RoleCode.TOWNSHIP_REVIEWER}),
    "communities.county_review_application": frozenset({RoleCode.COUNTY_APPROVER}),
    "communities.city_recommend_application": frozenset({RoleCode.CITY_OFFICER}),
    "communities.decide_application": PROVINCE,
    "communities.reject_application": frozenset(
        {
            RoleCode.TOWNSHIP_REVIEWER,
            RoleCode.COUNTY_APPROVER,
            RoleCode.CITY_OFFICER,
            RoleCode.PROVINCE_ADMIN,
        }
    ),
    "communities.view_title": EVERYONE,
    "communities.view_recheck": EVERYONE,
    "communities.add_recheck": PROVINCE,
}
