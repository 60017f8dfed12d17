# A vacancy's status becomes the state of its workflow (``jobs.workflow.VacancyWorkflow``).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def entered(apps, schema_editor):
    """Vacancies registered before the workflow entered their state when last changed."""
    Vacancy = apps.get_model("jobs", "Vacancy")
    for vacancy in Vacancy.objects.all():
        vacancy.state_entered_at = vacancy.updated_at
        vacancy.save(update_fields=["state_entered_at"])


WORKFLOW_FIELDS = [
    ("state_entered_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="进入本环节时间")),
    ("due_on", models.DateField(blank=True, db_index=True, null=True, verbose_name="本环节办理时限")),
]


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="vacancy", name="vacancy_status_valid"),
        migrations.RemoveIndex(model_name="vacancy", name="vacancy_region_status"),
        migrations.RenameField(model_name="vacancy", old_name="status", new_name="state"),
        migrations.RenameField(model_name="historicalvacancy", old_name="status", new_name="state"),
        migrations.AlterField(
            model_name="vacancy",
            name="state",
            field=models.CharField(db_index=True, max_length=40, verbose_name="状态"),
        ),
        migrations.AlterField(
            model_name="historicalvacancy",
            name="state",
            field=models.CharField(db_index=True, max_length=40, verbose_name="状态"),
        ),
        *[
            migrations.AddField(model_name=model, name=name, field=field.clone())
            for model in ("vacancy", "historicalvacancy")
            for name, field in WORKFLOW_FIELDS
        ],
        migrations.AddField(
            model_name="vacancy",
            name="assignee",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="本环节责任人"),
        ),
        migrations.AddField(
            model_name="historicalvacancy",
            name="assignee",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="本环节责任人"),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(fields=["state", "valid_until"], name="vacancy_state_valid"),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(fields=["region", "state"], name="vacancy_region_state"),
        ),
        migrations.RunPython(entered, migrations.RunPython.noop),
    ]
