"""Full books (``full=1``): identity numbers and phones whole for the roles that need them, by
the exports' rule, with one access-log row per resident shown; masked for everyone else; 404
outside the jurisdiction."""

import io
import re

from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from jiuye.books.tests.test_books import url
from jiuye.conftest import TOWNSHIP, VILLAGE_A
from jiuye.core.models import AccessLog, Export
from jiuye.ledger.identity import mask_id_number
from jiuye.ledger.models import Person, StatusRecord
from jiuye.regions.codes import prefix_of


def residents(code=VILLAGE_A) -> dict[str, Person]:
    """The residents the labour book of ``code`` lists today, by identity number."""
    records = StatusRecord.objects.within(prefix_of(code)).on(timezone.localdate())
    return {record.person.id_number: record.person for record in records.select_related("person")}


def id_numbers(response) -> list[str]:
    rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    return [row[4] for row in rows if row and isinstance(row[0], int)]


def logged(user) -> set[int]:
    person = ContentType.objects.get_for_model(Person)
    return set(
        AccessLog.objects.views()
        .filter(user=user, content_type=person)
        .values_list("object_id", flat=True)
    )


def test_a_coordinator_with_the_permission_gets_the_full_book_and_each_resident_is_logged(
    coordinator, login
):
    people = residents()
    assert len(people) > 2
    response = login(coordinator).get(url("excel") + "&full=1")
    assert response.status_code == 200
    assert sorted(id_numbers(response)) == sorted(people)
    assert logged(coordinator) == {person.pk for person in people.values()}
    assert AccessLog.objects.views().filter(user=coordinator).count() == len(people)
    purposes = set(
        AccessLog.objects.views().filter(user=coordinator).values_list("purpose", flat=True)
    )
    assert purposes == {"台账（完整号码）：劳动力资源台账"}


def test_an_approver_gets_the_full_pdf_of_a_street_and_its_residents_are_logged(approver, login):
    people = residents(TOWNSHIP)
    assert len(people) > len(residents())
    response = login(approver).get(url("pdf", code=TOWNSHIP) + "&full=1")
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert all(number in text for number in people)
    assert logged(approver) == {person.pk for person in people.values()}


def test_the_masked_book_logs_nobody(coordinator, login):
    response = login(coordinator).get(url("excel"))
    assert sorted(id_numbers(response)) == sorted(map(mask_id_number, residents()))
    assert not AccessLog.objects.views().filter(user=coordinator).exists()


def test_a_user_without_the_permission_gets_the_masked_book_even_when_asking_full(inspector, login):
    client = login(inspector)
    people = residents()
    response = client.get(url("excel") + "&full=1")
    assert response.status_code == 200
    assert sorted(id_numbers(response)) == sorted(map(mask_id_number, people))
    text = client.get(url("pdf") + "&full=1").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(text)).pages)
    assert not any(number in text for number in people)
    assert not AccessLog.objects.views().filter(user=inspector).exists()


def test_the_books_page_offers_the_full_version_only_to_those_who_may(
    coordinator, inspector, login
):
    full = url("excel").split("?")[0]
    page = login(coordinator).get(reverse("books:list")).content.decode()
    assert f"{url('excel')}&full=1" in page.replace("&amp;", "&")
    assert "/zero.xlsx?on=" in page  # a book of nothing personal has no full version
    assert not re.search(r"zero\.xlsx\?on=[-\d]+&(amp;)?full=1", page)
    page = login(inspector).get(reverse("books:list") + f"?region={VILLAGE_A}").content.decode()
    assert full in page and "full=1" not in page


def test_a_user_of_a_sibling_region_gets_404_for_the_full_book(sibling_coordinator, login):
    client = login(sibling_coordinator)
    assert client.get(url("pdf") + "&full=1").status_code == 404
    assert client.get(url("excel") + "&full=1").status_code == 404
    assert not AccessLog.objects.views().filter(user=sibling_coordinator).exists()


@override_settings(EXPORT_BACKGROUND_ROWS=2)
def test_a_large_full_book_made_in_the_background_is_full_and_logged(
    coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url("excel") + "&full=1")
    job = Export.objects.get(requested_by=coordinator)
    download = client.get(reverse("core:export-download", args=[job.pk]))
    assert sorted(id_numbers(download)) == sorted(residents())
    assert logged(coordinator) == {person.pk for person in residents().values()}
