"""The books in the reader's language: in English the titles, heads, period, signatures, page
numbers and choice labels are English, in the PDF and the Excel; the data stays as stored."""

import io

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from jiuye.books.tests.test_books import url
from jiuye.conftest import TOWNSHIP
from jiuye.regions.models import region_path
from jiuye.tests.test_translations import RUN, _data_runs


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def chinese_outside_data(texts) -> set[str]:
    """The runs of Chinese in ``texts`` that are not part of some stored value (the region's
    full name is its regions' names written together, as Chinese writes it)."""
    path = "".join(region.name for region in region_path(TOWNSHIP)[1:])
    texts = [text.replace(path, "") for text in texts if isinstance(text, str)]
    runs = {run for text in texts for run in RUN.findall(text)}
    return runs - _data_runs(runs)


def test_every_book_as_excel_in_english_has_english_heads_and_chinese_only_in_data(reviewer, login):
    client = english(login(reviewer))
    books = [book for book, _count in client.get(reverse("books:list")).context["books"]]
    assert len(books) == 8
    cells, filled = [], 0
    for book in books:
        response = client.get(url("excel", book=book.code, code=TOWNSHIP))
        assert response.status_code == 200, book.code
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        if book.code == "labour":
            assert rows[0][0] == "Labour resources ledger"
            assert rows[2][0].startswith("Region: ") and "As of " in rows[2][0]
            assert rows[3][:5] == ("No.", "Community (village)", "Name", "Sex", "ID number")
            assert {row[3] for row in rows[4:] if row and isinstance(row[0], int)} <= {
                "Male", "Female", ""
            }  # fmt: skip
        filled += len(rows) - 6
        assert rows[-1][0] == "Prepared by: "
        cells += [cell for row in rows for cell in row]
    assert filled > 20  # the street's books hold records, and their choices are in the check
    assert chinese_outside_data(cells) == set()


def test_a_book_as_pdf_in_english_has_english_heads_pages_and_signatures(reviewer, login):
    client = english(login(reviewer))
    texts = []
    for book in ("labour", "referrals"):
        response = client.get(url("pdf", book=book, code=TOWNSHIP))
        assert response.status_code == 200
        reader = PdfReader(io.BytesIO(response.content))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert f"Page 1 of {len(reader.pages)}" in text and "pages" not in text
        assert "Prepared by: " in text and "Person in charge: " in text
        texts.append(text)
    assert "Labour resources ledger" in texts[0] and "ID number" in texts[0]
    assert "Employment status" in texts[0] or "Status" in texts[0]
    assert " to " in texts[1]  # the period of a book of the year up to the day
    assert chinese_outside_data(texts) == set()


def test_the_chinese_book_is_unchanged(reviewer, login):
    response = login(reviewer).get(url("pdf", code=TOWNSHIP))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "劳动力资源台账" in text and "公民身份号码" in text and "填表人：" in text
    assert "第 1 页" in text
