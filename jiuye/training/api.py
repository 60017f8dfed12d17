"""The API of this line of work, registered on the project's router by ``register``."""


def register(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
