from django.db import migrations

from jiuye.assistance.categories import ensure_categories


def add(apps, schema_editor):
    ensure_categories(apps.get_model("assistance", "Category"))


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
