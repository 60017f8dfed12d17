"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS

PERMISSIONS = {
    # Public-welfare posts (公益性岗位)
    "posts.view_post": EVERYONE,
    "posts.add_post": LEDGER_KEEPERS,  # the township develops; the community helps (guideline 五, 十五)
    "posts.change_post": LEDGER_KEEPERS,
    "posts.view_placement": EVERYONE,
    "posts.add_placement": LEDGER_KEEPERS,
    "posts.end_placement": LEDGER_KEEPERS,
}
