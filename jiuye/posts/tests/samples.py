"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""


def build(samples):
    """Create this app's sample records in village A (``samples.region``, made by
    ``samples.user``, the village's coordinator; ``samples.person`` is an identified
    hard-to-employ, registered unemployed person of a zero-employment household).
    Return ``(records, kwargs)``: ``{Model: (record, marker text shown on its pages)}`` and
    ``{url argument name: value}`` for URL arguments other than ``pk``."""
    return {}, {}
