"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Public-welfare posts (公益性岗位)
    "posts.view_post": EVERYONE,
    "posts.add_post": LEDGER_KEEPERS,  # the township develops; the community helps (guideline 五, 十五)
    "posts.change_post": LEDGER_KEEPERS,
    "posts.view_placement": EVERYONE,
    "posts.add_placement": LEDGER_KEEPERS,
    "posts.end_placement": LEDGER_KEEPERS,
    # Special posts of the communities' and villages' stations (特定公益性岗位) and who holds
    # them: the street or township manages its coordinators directly (guideline 六), so a
    # coordinator does not set up or take their own paid post
    "posts.manage_special_post": frozenset({RoleCode.TOWNSHIP_REVIEWER}),
}
