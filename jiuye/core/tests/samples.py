"""Samples of core for the URL walk (jiuye/tests/test_url_walk.py): a row of the audit log of
village A's coordinator."""

from jiuye.core.models import AccessKind, AccessLog


def build(samples):
    row = AccessLog.objects.create(
        kind=AccessKind.LOGIN,
        user=samples.user,
        username=samples.user.username,
        address="10.1.2.3",
        region=samples.region,
        purpose="甲村样本审计",
    )
    return {AccessLog: (row, row.purpose)}, {}
