"""Names with characters of CJK Extension B and beyond (生僻字): shown on the pages with a font
the app serves itself, found by the name and, where its pinyin is known, by its initials."""

from django.contrib.staticfiles import finders
from django.urls import reverse

from jiuye.books.tests.test_books import RARE, RARE_READ, rare  # noqa: F401 - the fixture


def test_a_rare_name_shows_on_the_pages_with_a_font_served_by_the_app(rare, coordinator, login):  # noqa: F811
    page = login(coordinator).get(reverse("ledger:detail", args=[rare[0].pk])).content.decode()
    assert RARE in page
    assert "jiuye/rare-chars.css" in page
    with open(finders.find("jiuye/rare-chars.css"), encoding="utf-8") as file:
        css = file.read()
    assert "@font-face" in css and "../vendor/hanazono/HanaMinB.woff" in css
    assert "U+20000-3FFFF" in css and '"Jiuye Rare"' in css
    with open(finders.find("vendor/hanazono/HanaMinB.woff"), "rb") as font:
        assert font.read(4) == b"wOFF"
    assert finders.find("vendor/hanazono/LICENSE.txt")


def test_the_ledger_finds_a_rare_name_by_the_name_and_by_its_initials(rare, coordinator, login):  # noqa: F811
    client = login(coordinator)

    def found(query):
        response = client.get(reverse("ledger:list"), {"q": query})
        return {person.name for person in response.context["object_list"]}

    assert RARE in found("𠮷") and RARE in found(RARE)
    assert RARE in found("yj")  # 𠮷 has no known reading: the initials of the rest
    assert RARE_READ in found(RARE_READ) and RARE_READ in found("wh")  # 𠀀 is read hē
