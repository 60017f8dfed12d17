"""The division code changes of data/shandong-division-changes.csv that a database lacks (the
twelve townships of old 莱城区 and 钢城区 whose own digits changed in 2019), each with its
history row: a database that is only migrated gets them as ``load_regions`` would load them."""

import csv
import datetime
from pathlib import Path

from django.db import migrations
from django.utils import timezone

CHANGES_FILE = Path(__file__).resolve().parent.parent / "data" / "shandong-division-changes.csv"
FIELDS = ("old_code", "old_name", "new_code", "kind", "source")


def load(apps, schema_editor):
    change_model = apps.get_model("regions", "RegionChange")
    history_model = apps.get_model("regions", "HistoricalRegionChange")
    existing = set(change_model.objects.values_list("old_code", "new_code"))
    now = timezone.now()
    with CHANGES_FILE.open(encoding="utf-8-sig") as lines:
        for record in csv.DictReader(lines):
            values = {name: record[name].strip() for name in FIELDS}
            if (values["old_code"], values["new_code"]) in existing:
                continue
            values["effective"] = datetime.date.fromisoformat(record["effective"].strip())
            change = change_model.objects.create(**values, created_at=now, updated_at=now)
            history_model.objects.create(
                id=change.pk, created_at=now, updated_at=now, version=change.version,
                history_date=now, history_type="+", **values,
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("regions", "0003_region_changes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
