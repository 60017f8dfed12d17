"""Who may do what on the visit round (registered by its ``AppConfig.ready``)."""

from jiuye.staff.roles import CASE_WORKERS, LEDGER_KEEPERS

PERMISSIONS = {
    "visits.view_visit": CASE_WORKERS,
    # recording counts as the contact or service of each line of work waiting on it, whose
    # own services need the community's or township's roles
    "visits.add_visit": LEDGER_KEEPERS,
}
