import time
from pathlib import Path

from django.core.management.base import BaseCommand

from jiuye.regions.services import DIVISIONS_FILE, changes_load, regions_load


class Command(BaseCommand):
    help = "Load the administrative divisions (默认：山东省2023年统计用区划代码，64,095条)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=DIVISIONS_FILE,
            help="CSV (or .csv.gz): code,name,level,parent_code",
        )
        parser.add_argument(
            "--prefix", default="", help="load only this subtree and its ancestors, e.g. 370102"
        )

    def handle(self, *args, file, prefix, **options):
        started = time.monotonic()
        count = regions_load(path=file, prefix=prefix)
        self.stdout.write(f"Loaded {count} regions in {time.monotonic() - started:.1f} s.")
        self.stdout.write(f"Loaded {changes_load()} division code changes.")
