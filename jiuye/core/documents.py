"""Printed papers: a template rendered to PDF by WeasyPrint with the fonts of the machine
(``fonts-wqy-microhei`` for Chinese; see docs/operations.md) and, for the characters beyond
the Basic Multilingual Plane that names may hold (CJK Extension B–F, such as 𠮷), the font
the project ships with its static files (``static/vendor/hanazono``)."""

import functools
import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

RARE_FONT = "vendor/hanazono/HanaMinB.woff"
RARE_FAMILY = "Jiuye Rare"
SUPPLEMENTARY = re.compile(r"[\U00020000-\U0003FFFF]")


@functools.cache
def _fonts() -> tuple[FontConfiguration, CSS]:
    """One font configuration for the process, with the rare-character font added once: the
    font is unpacked (about a second) on the first paper that needs it, not on every one. Its ``unicode-range`` keeps it to
    the supplementary planes, so every other character keeps the template's own fonts; a
    paper whose fonts lack a character falls back to it whether or not it names it."""
    config = FontConfiguration()
    path = finders.find(RARE_FONT)
    face = (
        f'@font-face {{ font-family: "{RARE_FAMILY}"; src: url("file://{path}"); '
        "unicode-range: U+20000-3FFFF; }"
    )
    return config, CSS(string=face, font_config=config)


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {"printed_on": timezone.localdate(), **context})
    if not SUPPLEMENTARY.search(html):  # most papers: the machine's fonts suffice
        return HTML(string=html).write_pdf()
    config, faces = _fonts()
    return HTML(string=html).write_pdf(stylesheets=[faces], font_config=config)


class StaticFiles(URLFetcher):
    """WeasyPrint's fetcher for a page printed on the server: the app's own static files
    (the stylesheet, fonts) read from disk; nothing is fetched over the network."""

    def fetch(self, url, headers=None):
        static = "/" + settings.STATIC_URL.lstrip("/")
        path = urlsplit(url).path
        found = path.startswith(static) and finders.find(path.removeprefix(static))
        if not found:
            raise ValueError(f"not fetched when printing: {url}")
        return URLFetcherResponse(url, body=Path(found).read_bytes(),
                                  headers={"Content-Type": mimetypes.guess_type(found)[0] or ""})  # fmt: skip


class PdfMixin:
    """A report page that also prints as PDF: ``?format=pdf`` renders the same page with its
    print stylesheet (menus, filters and buttons hidden, the tables kept) to an A4 landscape
    PDF. ``includes/print_pdf.html`` shows the link."""

    pdf_name = "report"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.request.GET.get("format") != "pdf":
            return response
        html = response.render().content.decode()
        pdf = HTML(string=html, base_url=self.request.build_absolute_uri("/"),
                   url_fetcher=StaticFiles()).write_pdf(stylesheets=[CSS(string=LANDSCAPE)])  # fmt: skip
        download = HttpResponse(pdf, content_type="application/pdf")
        stamp = timezone.localdate().strftime("%Y%m%d")
        download["Content-Disposition"] = f'attachment; filename="{self.pdf_name}-{stamp}.pdf"'
        return download


LANDSCAPE = "@page { size: A4 landscape; margin: 12mm; } .chart-box { display: none; }"
