"""What the tests of list pages and API lists share: how many rows a page shows."""


def rows_shown(response) -> int:
    """The rows of this page of a list page (``object_list``, or ``rows`` for a page that
    builds its own) or of an API list (``results``)."""
    if response.get("Content-Type", "").startswith("application/json"):
        return len(response.json()["results"])
    context = response.context
    rows = context.get("object_list")
    return len(context["rows"] if rows is None else rows)
