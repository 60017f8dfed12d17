"""The ledger books of a region on a date: the page that lists them, each book as PDF and as
Excel (a large book's Excel made in the background as a list's export is). A book is masked;
``full=1`` gives the numbers whole to the roles that may have them, by the exports' rule
(``core.exporting.full_asked``), with one access-log row per resident shown."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.books.books import ordered
from jiuye.books.printing import Heading, book_pdf, book_workbook
from jiuye.core import exporting
from jiuye.core.excel import CONTENT_TYPE
from jiuye.core.registry import registry
from jiuye.core.services import access_log
from jiuye.core.views import RegionOnDayMixin
from jiuye.regions.models import Region
from jiuye.regions.selectors import asked_day, asked_region, visible_path


def pdf_rows() -> int:
    """Above this many rows a book is not printed at once: print it community by community."""
    return settings.BOOKS_PDF_MAX_ROWS


class BookListView(PermissionRequiredMixin, generic.TemplateView):
    """The books of a region of the jurisdiction (``?region=``, by default its top) on a day
    (``?on=``, by default today), with their row counts and the sub-regions to open."""

    permission_required = "books.view_book"
    template_name = "books/book_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        day = asked_day(self.request.GET.get("on"))
        books = [(book, book.count(user, region.prefix, day)) for book in ordered(user)]
        return super().get_context_data(
            region=region, day=day, books=books, path=visible_path(user, region),
            children=Region.objects.filter(parent=region).order_by("code"),
            pdf_rows=pdf_rows(), may_see_full=exporting.may_see_full(user),
            **kwargs,
        )  # fmt: skip


class BookMixin(RegionOnDayMixin, PermissionRequiredMixin):
    """A book (``<book>``) of a region (``<code>``) of the jurisdiction on ``?on=``: a region
    outside it is a 404, a book the user's roles may not read a 403."""

    permission_required = "books.view_book"

    @cached_property
    def book(self):
        book = registry["books"].get(self.kwargs["book"])
        if book is None:
            raise Http404
        if not self.request.user.has_perm(book.permission):
            raise PermissionDenied
        return book

    @cached_property
    def full(self) -> bool:
        """Whether the numbers go in full: asked, and the user's role needs them (else the
        book is masked, as an export is)."""
        return self.book.personal and exporting.full_asked(self.request)

    def rows(self):
        return self.book.rows(self.request.user, self.region.prefix, self.day, full=self.full)

    def log_full(self) -> None:
        """A full book: one access-log row per resident it shows."""
        if self.full:
            persons = self.book.persons(self.request.user, self.region.prefix, self.day)
            purpose = gettext("台账（完整号码）：%(book)s") % {"book": self.book.title}
            purpose = purpose[:100]  # the log's field
            access_log(actor=self.request.user, objs=persons, purpose=purpose)

    def count(self):
        return self.book.count(self.request.user, self.region.prefix, self.day)

    def heading(self):
        return Heading.of(self.book, self.region, self.day)

    def back(self, text):
        messages.error(self.request, text)
        query = urlencode({"region": self.region.code, "on": self.day.isoformat()})
        return redirect(f"{reverse('books:list')}?{query}")

    def download(self, content: bytes, content_type: str, extension: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        name = f"{self.book.code}-{self.region.code}-{self.day:%Y%m%d}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class BookPdfView(BookMixin, generic.View):
    def get(self, request, *args, **kwargs):
        self.region  # noqa: B018 - the jurisdiction first: 404 before anything else
        if self.count() > pdf_rows():
            return self.back(_("该台账超过%(limit)d行，请按社区（村）分别打印，或导出Excel。")
                             % {"limit": pdf_rows()})  # fmt: skip
        self.log_full()
        return self.download(
            book_pdf(self.book, self.heading(), self.rows()), "application/pdf", "pdf"
        )


class BookExcelView(BookMixin, generic.View):
    """The book as Excel, written during the request; a book of more than
    ``EXPORT_BACKGROUND_ROWS`` rows is made in the background by the lists' export mechanism
    (``core.exporting``), whose task opens this view again as the same user."""

    def get(self, request, *args, **kwargs):
        self.region  # noqa: B018 - the jurisdiction first
        total = self.count()
        if total > settings.EXPORT_BACKGROUND_ROWS:
            return redirect(exporting.export_start(request, self, total))
        return self.download(self.export_content(None), CONTENT_TYPE, "xlsx")

    def export_title(self) -> str:
        return self.heading().title

    def export_filename(self) -> str:
        return f"{self.book.code}-{self.region.code}-{self.day:%Y%m%d}"

    def export_queryset(self):
        return None  # the book reads its own records

    def export_content(self, _queryset, progress=None) -> bytes:
        self.log_full()
        return book_workbook(self.book, self.heading(), self.rows(), progress=progress)
