"""Who may do what with the ledger books: every role reads the books of its jurisdiction
(each book asks besides for the permission of the records it lists)."""

from jiuye.staff.roles import EVERYONE

PERMISSIONS = {
    "books.view_book": EVERYONE,
}
