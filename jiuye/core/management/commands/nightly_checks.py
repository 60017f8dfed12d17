from importlib import import_module

from django.core.management.base import BaseCommand

# The checks run every night (cron: ``0 2 * * * manage.py nightly_checks``), in this order.
CHECKS = [
    ("jiuye.registration.services", "deregister_without_contact", "失业登记：连续未联系自动注销"),
    ("jiuye.assistance.households", "recheck", "零就业家庭：全部家庭重新核查"),
    ("jiuye.jobs.services", "vacancies_expire", "招聘岗位：过期下架"),
    ("jiuye.jobs.services", "seekers_refresh_priority", "求职登记：重新核对优先服务对象"),
]


class Command(BaseCommand):
    help = "Run the nightly checks (automatic deregistration, alerts)."

    def handle(self, *args, **options):
        for module, name, label in CHECKS:
            count = getattr(import_module(module), name)()
            self.stdout.write(f"{label}: {count}")
