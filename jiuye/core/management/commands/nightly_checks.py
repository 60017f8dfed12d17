import logging

from django.core.management.base import BaseCommand, CommandError

from jiuye.core.registry import registry

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the nightly checks (automatic deregistration, alerts) that the apps register."

    def handle(self, *args, **options):
        # cron: 0 2 * * * manage.py nightly_checks
        failed = []
        for check in registry["nightly_checks"].values():
            try:
                result = check.run()
            except Exception:  # one check's fault must not stop the others; it is logged
                logger.exception("nightly check %s failed", check.name)
                failed.append(check.name)
                continue
            logger.info("nightly check %s: %s", check.name, result)
            self.stdout.write(f"{check.label}: {result}")
        if failed:
            raise CommandError(f"nightly checks failed (see the log): {', '.join(failed)}")
