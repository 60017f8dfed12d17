"""The database connection lost for real in the middle of the month-end batch
(``manage.py prepare_claims``): the batch fails loudly, no claim is half-written, and running
it again completes it without doubling anything."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from jiuye.conftest import COUNTY
from jiuye.core.tests.faults import connection_lost
from jiuye.subsidies.models import Claim, ClaimLine


def claims(month):
    """Each claim of the county's month: its count and total as recorded, and its lines."""
    return {
        (claim.org_id, claim.kind): (claim.count, claim.total, claim.lines_count)
        for claim in Claim.objects.filter(month=month, region__code__startswith="370102")
        .exclude(state="rejected")
        .annotate(lines_count=Count("lines"))
    }


def batch(month) -> str:
    output = io.StringIO()
    call_command("prepare_claims", region=COUNTY, month=f"{month:%Y-%m}", stdout=output)
    return output.getvalue().split(" prepared in ")[0]


def test_the_connection_lost_in_the_month_end_batch_fails_it_and_a_second_run_completes_it(
    transactional_world,
):
    month = timezone.localdate().replace(day=1)
    written = Claim.history.count()

    # the second claim's lines
    lost = connection_lost(ClaimLine._meta.db_table, at=2, verbs=("INSERT INTO",))
    with lost as cut, pytest.raises(CommandError) as failure:
        batch(month)
    assert len(cut) == 2
    assert "stopped" in str(failure.value) and "Run the same command again" in str(failure.value)
    connection.close()

    interrupted = claims(month)
    assert all(count == lines for count, _total, lines in interrupted.values())  # none half
    assert Claim.history.count() > written  # the first claim was kept

    first = batch(month)
    completed = claims(month)
    assert set(interrupted) < set(completed)  # the rest prepared ...
    assert all(count == lines for count, _total, lines in completed.values())
    assert batch(month) == first and claims(month) == completed  # ... and nothing doubles
