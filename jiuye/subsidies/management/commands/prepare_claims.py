import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import Error
from django.utils import timezone

from jiuye.regions.codes import prefix_of
from jiuye.regions.models import Region
from jiuye.subsidies.services import claims_prepare_all


class Command(BaseCommand):
    help = (
        "Month-end batch: every office of a region prepares its subsidy claims of a month "
        "(drafts, for the office to check and submit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; default: last month")
        parser.add_argument("--region", default="370000000000", help="12-digit region code")

    def handle(self, *args, month, region, **options):
        if month:
            try:
                first = datetime.datetime.strptime(month, "%Y-%m").date()
            except ValueError:
                raise CommandError("--month: YYYY-MM, e.g. 2026-10") from None
        else:
            first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(
                day=1
            )
        if not Region.objects.filter(code=region).exists():
            raise CommandError(f"--region: no region {region}")
        started = time.monotonic()
        try:
            batch = claims_prepare_all(prefix=prefix_of(region), month=first)
        except Error as error:  # the database lost: each office's claim is one transaction
            raise CommandError(
                f"the batch of {first:%Y-%m} stopped: {type(error).__name__}: {error}. "
                "Each office's claim is written whole or not at all; the ones prepared so far "
                "are kept as drafts. Run the same command again to prepare the rest: drafts "
                "are brought up to date, nothing is doubled."
            ) from error
        lines = sum(claim.count for claim in batch.prepared)
        self.stdout.write(
            f"{len(batch.prepared)} claims of {first:%Y-%m} with {lines} lines prepared in "
            f"{time.monotonic() - started:.1f} s."
        )
        for org, kind, reason in batch.skipped:
            self.stdout.write(f"skipped {org.region_id} {org.name} ({kind}): {reason}")
