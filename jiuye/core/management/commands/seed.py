import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from jiuye.core import production, seeding


class Command(BaseCommand):
    help = "Create the demo / benchmark data set (deterministic and idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(seeding.SCALES), default="tiny")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        if settings.PRODUCTION:
            raise CommandError(production.NO_SEED)
        started = time.monotonic()
        seeding.run(scale=scale, seed=seed, log=lambda text: self.stdout.write(text))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics after a bulk load, or the planner guesses
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded scale {scale} (seed {seed}) in {time.monotonic() - started:.1f} s."
            )
        )
