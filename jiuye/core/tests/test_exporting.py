"""Exports of lists (``core.exporting``): the list's filters, masked numbers unless the role
needs them (and then logged), formula-safe cells, long lists in the background for the user
who asked. Scope and query counts of every export are walked in ``tests/test_url_walk.py``."""

import datetime
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from jiuye.conftest import VILLAGE_A, VILLAGE_B
from jiuye.core.exporting import drop_expired
from jiuye.core.models import AccessLog, Export, ExportState
from jiuye.jobs.models import Industry
from jiuye.jobs.services import employer_create
from jiuye.ledger.models import Person
from jiuye.regions.models import Region, ServiceOrg


def rows_of(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_a_long_export_is_made_in_the_background_for_the_user_who_asked_only(
    settings, login, coordinator, reviewer, sibling_coordinator, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 3  # more rows than this go to the background
    client = login(coordinator)
    query = {"region": VILLAGE_A}
    listed = client.get(reverse("ledger:list"), query).context["paginator"].count
    assert listed > 3
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("ledger:export"), query)
    job = Export.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.state == ExportState.DONE and job.total == listed and job.region_id == VILLAGE_A
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("core:export-download", args=[job.pk]) in page
    data = rows_of(client.get(reverse("core:export-download", args=[job.pk])))
    assert len(data) - 1 == listed  # the ledger's sheet: a head row, then the persons
    # nobody else, not even the township above
    for other in (reviewer, sibling_coordinator):
        assert login(other).get(job.get_absolute_url()).status_code == 404
        assert login(other).get(reverse("core:export-download", args=[job.pk])).status_code == 404
    # kept for a limited time, then gone
    assert job.expires_at - job.created_at == datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS)
    Export.objects.filter(pk=job.pk).update(expires_at=timezone.now())
    assert client.get(job.get_absolute_url()).status_code == 404
    assert drop_expired() == 1 and not Export.objects.exists()


def test_a_background_export_is_refused_once_the_user_left_the_jurisdiction(
    settings, login, coordinator, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        login(coordinator).get(reverse("staff:positions-export"))
    job = Export.objects.get(requested_by=coordinator)
    assert login(coordinator).get(job.get_absolute_url()).status_code == 200
    coordinator.org = ServiceOrg.objects.get(region_id=VILLAGE_B)
    coordinator.save()
    assert login(coordinator).get(job.get_absolute_url()).status_code == 404


def test_numbers_are_masked_unless_the_role_needs_them_and_a_full_export_is_logged(
    login, coordinator, inspector
):
    person = Person.objects.visible_to(coordinator).filter(phone__startswith="1").first()
    query = {"region": person.region_id}
    masked = rows_of(login(coordinator).get(reverse("staff:export")))
    assert all("*" in row[7] for row in masked[2:] if row[7])  # the staff's phones
    url = reverse("ledger:export")
    # a role without the right gets masked numbers even when it asks for them in full
    rows = rows_of(login(inspector).get(url, {**query, "full": "1"}))
    assert (
        person.id_number not in {row[1] for row in rows} and not AccessLog.objects.views().exists()
    )
    rows = rows_of(login(coordinator).get(url, {**query, "full": "1"}))
    assert person.id_number in {row[1] for row in rows}
    logged = AccessLog.objects.views().filter(user=coordinator)
    assert logged.filter(object_id=person.pk).exists() and logged.count() == len(rows) - 1


def test_an_export_of_another_list_logs_the_persons_it_shows_in_full(login, coordinator):
    client = login(coordinator)
    rows = rows_of(client.get(reverse("jobs:seekers-export"), {"full": "1"}))[2:]
    assert rows and all("*" not in row[1] for row in rows)
    logged = set(
        AccessLog.objects.views().filter(user=coordinator).values_list("object_id", flat=True)
    )
    assert {
        person.pk for person in Person.objects.filter(id_number__in=[r[1] for r in rows])
    } == logged
    masked = rows_of(client.get(reverse("jobs:seekers-export")))[2:]
    assert all("*" in row[1] for row in masked)


def test_cells_are_never_formulas(login, coordinator):
    employer_create(
        actor=coordinator, region=Region.objects.get(code=VILLAGE_A), credit_code="91370102MA3C4XKE6Q",
        name="=HYPERLINK(\"http://x\")", industry=Industry.objects.get(code="80"), address="-1+1",
        contact_name="@me", contact_phone="0531-86000000",
    )  # fmt: skip
    rows = rows_of(login(coordinator).get(reverse("jobs:employers-export")))
    row = next(row for row in rows if "HYPERLINK" in str(row[0]))
    assert row[0] == '\'=HYPERLINK("http://x")' and row[5] == "'@me"


def test_the_export_holds_what_the_filtered_list_holds(login, approver):
    client = login(approver)
    for list_name, export_name, query in (
        ("registration:list", "registration:export", {"kind": "unemployment"}),
        ("jobs:vacancies", "jobs:vacancies-export", {"region": VILLAGE_A}),
        ("staff:list", "staff:export", {"region": VILLAGE_A}),
    ):
        listed = client.get(reverse(list_name), query).context["paginator"].count
        everything = client.get(reverse(list_name)).context["paginator"].count
        exported = len(rows_of(client.get(reverse(export_name), query))) - 2  # title, heads
        assert exported == listed < everything, list_name


def test_a_report_prints_as_pdf_with_its_table(login, approver):
    client = login(approver)
    page = client.get(reverse("assistance:dashboard"))
    assert "format=pdf" in page.content.decode()
    response = client.get(reverse("assistance:dashboard"), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "就业援助统计" in text and "解放路街道" in text and "导出Excel" not in text
