"""Printed papers: a template rendered to PDF by WeasyPrint with the fonts of the machine
(``fonts-wqy-microhei`` for Chinese; see docs/operations.md)."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML


def render_pdf(template: str, context: dict) -> bytes:
    return HTML(
        string=render_to_string(template, {"printed_on": timezone.localdate(), **context})
    ).write_pdf()
