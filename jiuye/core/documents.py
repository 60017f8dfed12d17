"""Printed papers: a template rendered to PDF by WeasyPrint with the fonts of the machine
(``fonts-wqy-microhei`` for Chinese; see docs/operations.md) and, for the characters beyond
the Basic Multilingual Plane that names may hold (CJK Extension B–F, such as 𠮷), the font
the project ships with its static files (``static/vendor/hanazono``)."""

import functools
import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

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
