import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """The public form's limits count in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
