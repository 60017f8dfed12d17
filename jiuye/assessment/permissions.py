"""Who may do what in the yearly assessment of staff: each permission and the roles that hold
it (registered by its ``AppConfig.ready``).

The county's approver opens a round, moves it on and decides on a worker assessed 不称职 two
years running; the scorers are the village coordinator (for another worker of the village),
the township's reviewer (for the township's and its villages' workers) and the county's
approver (``services.may_score`` decides the level). Every worker assessed submits their own
self-assessment (``services.self_assess`` keeps it to the worker)."""

from jiuye.staff.roles import EVERYONE, RoleCode

COUNTY = frozenset({RoleCode.COUNTY_APPROVER})
ROUNDS_READERS = frozenset(
    {RoleCode.COUNTY_APPROVER, RoleCode.INSPECTOR, RoleCode.CITY_OFFICER, RoleCode.PROVINCE_ADMIN}
)
SCORERS = frozenset({RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER})

PERMISSIONS = {
    "assessment.view_round": ROUNDS_READERS,
    "assessment.add_round": COUNTY,
    "assessment.change_round": COUNTY,
    "assessment.view_assessment": EVERYONE,
    "assessment.submit_assessment": EVERYONE,
    "assessment.score_assessment": SCORERS,
    "assessment.decide_assessment": COUNTY,
}
