from django.db import migrations


def load(apps, schema_editor):
    from jiuye.jobs.reference import load

    load(apps.get_model("jobs", "Occupation"), apps.get_model("jobs", "Industry"))


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
