"""Who may see the ledger's statistics: the offices of a street or township and above, and
the inspectors (the communities keep the ledger and read it in their lists)."""

from jiuye.staff.roles import RoleCode

PERMISSIONS = {
    "statistics.view_statistics": frozenset(
        {
            RoleCode.TOWNSHIP_REVIEWER,
            RoleCode.COUNTY_APPROVER,
            RoleCode.CITY_OFFICER,
            RoleCode.PROVINCE_ADMIN,
            RoleCode.INSPECTOR,
        }
    ),
}
