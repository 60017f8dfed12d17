"""The ledger books: generated from the master record for a region and a day, as PDF and
Excel, with rare characters; a sibling region's user gets 404."""

import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pypdf import PdfReader

from jiuye.conftest import VILLAGE_A
from jiuye.core.models import Export, ExportState
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.models import StatusRecord
from jiuye.ledger.services import person_create
from jiuye.regions.codes import prefix_of
from jiuye.regions.models import Region

RARE = "𠮷野家"  # 𠮷 U+20BB7 (CJK Extension B), no pinyin known: initials yj
RARE_READ = "王𠀀"  # 𠀀 U+20000, read hē: initials wh


@pytest.fixture
def rare(coordinator):
    """Two residents of 解放桥社区 whose names hold characters of CJK Extension B."""
    region = Region.objects.get(code=VILLAGE_A)
    people = []
    for serial, name in (("981", RARE), ("982", RARE_READ)):
        body = "37010219850307" + serial
        person, _warnings = person_create(
            actor=coordinator, id_number=body + check_character(body), name=name, region=region,
            status=LabourStatus.UNEMPLOYED, status_since=datetime.date(2025, 3, 1),
        )  # fmt: skip
        people.append(person)
    return people


def residents_on(day):
    records = StatusRecord.objects.within(prefix_of(VILLAGE_A)).on(day).select_related("person")
    return [record.person.name for record in records]


def url(name, book="labour", code=VILLAGE_A, day=None):
    day = day or timezone.localdate()
    return reverse(f"books:{name}", args=[code, book]) + f"?on={day.isoformat()}"


def test_the_labour_book_of_a_community_as_pdf_holds_every_resident_and_renders_rare_names(
    rare, coordinator, login
):
    day = timezone.localdate()
    response = login(coordinator).get(url("pdf", day=day))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    names = residents_on(day)
    assert len(names) > 2 and RARE in names
    for name in names:
        assert name in text, name
    assert "劳动力资源台账" in text and "解放桥社区" in text
    assert "填表人" in text and "审核人" in text and "负责人" in text
    assert f"第 {len(reader.pages)} 页" in text or len(reader.pages) == 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape

    # the glyph of 𠮷 is in the PDF: a font embedded from HanaMinB whose cmap holds U+20BB7
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    rare_fonts = [font for name, font in fonts.items() if "Jiuye-Rare" in name]
    assert rare_fonts, sorted(fonts)
    descriptor = rare_fonts[0]["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    data = descriptor["/FontFile2"].get_object().get_data()
    cmap = TTFont(io.BytesIO(data)).getBestCmap() or {}
    unicode_map = rare_fonts[0]["/ToUnicode"].get_object().get_data().decode("latin-1")
    assert 0x20BB7 in cmap and "D842DFB7" in unicode_map.upper()


def test_the_labour_book_as_excel_holds_every_resident_with_the_heading_and_signatures(
    rare, coordinator, login, django_assert_max_num_queries
):
    day = timezone.localdate()
    client = login(coordinator)
    with django_assert_max_num_queries(20):  # whatever the number of residents
        response = client.get(url("excel", day=day))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "劳动力资源台账"
    assert "解放桥社区" in values[2][0]
    assert values[3][:3] == ["序号", "社区（村）", "姓名"]
    names = [row[2] for row in values[4:] if row and isinstance(row[0], int)]
    assert sorted(names) == sorted(residents_on(day))
    assert RARE in names and RARE_READ in names
    assert values[-1][0] == "填表人："


def test_a_past_day_holds_the_residents_of_that_day(coordinator, login):
    day = timezone.localdate() - datetime.timedelta(days=400)
    response = login(coordinator).get(url("excel", day=day))
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [
        row[2] for row in sheet.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)
    ]
    assert sorted(names) == sorted(residents_on(day))


def test_every_book_prints_for_the_street(reviewer, login, django_assert_max_num_queries):
    client = login(reviewer)
    page = client.get(reverse("books:list") + "?region=370102001000")
    assert page.status_code == 200
    books = [book for book, _count in page.context["books"]]
    assert len(books) == 8
    for book in books:
        with django_assert_max_num_queries(20):
            response = client.get(url("excel", book=book.code, code="370102001000"))
        assert response.status_code == 200, book.code
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert next(sheet.iter_rows(values_only=True))[0] == str(book.title)
    response = client.get(url("pdf", book="hard", code="370102001000"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_books_page_counts_each_book_in_a_fixed_number_of_queries(
    coordinator, login, django_assert_max_num_queries
):
    client = login(coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("books:list"))
    assert response.status_code == 200
    counts = dict((book.code, count) for book, count in response.context["books"])
    assert counts["labour"] == len(residents_on(timezone.localdate()))
    assert url("pdf").split("?")[0] in response.content.decode()


def test_a_user_of_a_sibling_region_gets_404(rare, sibling_coordinator, login):
    client = login(sibling_coordinator)
    assert client.get(reverse("books:list") + f"?region={VILLAGE_A}").status_code == 404
    assert client.get(url("pdf")).status_code == 404
    assert client.get(url("excel")).status_code == 404


@override_settings(EXPORT_BACKGROUND_ROWS=2, BOOKS_PDF_MAX_ROWS=2)
def test_a_large_book_is_made_in_the_background(
    rare, coordinator, sibling_coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    assert "请按社区（村）分别打印" in client.get(url("pdf"), follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url("excel"))
    job = Export.objects.get(requested_by=coordinator)
    assert response.url == reverse("core:export", args=[job.pk])
    assert job.state == ExportState.DONE and job.total == len(residents_on(timezone.localdate()))
    download = reverse("core:export-download", args=[job.pk])
    assert download in client.get(response.url).content.decode()
    sheet = load_workbook(io.BytesIO(client.get(download).content)).active
    assert RARE in [row[2] for row in sheet.iter_rows(min_row=5, values_only=True)]
    other = login(sibling_coordinator)
    assert other.get(response.url).status_code == 404
    assert other.get(download).status_code == 404
