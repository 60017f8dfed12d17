"""The ledger books of a region on a date: the page that lists them, each book as PDF and as
Excel, and the page of a large book's Excel made in the background."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.books import services
from jiuye.books.books import ordered
from jiuye.books.models import BookBuild, BuildState
from jiuye.books.printing import Heading, book_pdf, book_workbook
from jiuye.core.excel import CONTENT_TYPE
from jiuye.core.registry import registry
from jiuye.core.views import ScopedDetailView
from jiuye.regions.models import Region
from jiuye.regions.selectors import asked_day, asked_region, visible_path


def background_rows() -> int:
    """Above this many rows a book's Excel file is made in the background."""
    return settings.BOOKS_BACKGROUND_ROWS


def pdf_rows() -> int:
    """Above this many rows a book is not printed at once: print it community by community."""
    return settings.BOOKS_PDF_MAX_ROWS


class BookListView(PermissionRequiredMixin, generic.TemplateView):
    """The books of a region of the jurisdiction (``?region=``, by default its top) on a day
    (``?on=``, by default today), with their row counts and the sub-regions to open."""

    permission_required = "books.view_bookbuild"
    template_name = "books/book_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        day = asked_day(self.request.GET.get("on"))
        books = [(book, book.count(user, region.prefix, day)) for book in ordered(user)]
        builds = BookBuild.objects.visible_to(user).filter(requested_by=user).defer("content")
        return super().get_context_data(
            region=region, day=day, books=books, path=visible_path(user, region),
            children=Region.objects.filter(parent=region).order_by("code"),
            builds=builds.select_related("region")[:10], background_rows=background_rows(),
            pdf_rows=pdf_rows(), titles={code: book.title for code, book in registry["books"].items()},
            **kwargs,
        )  # fmt: skip


class BookMixin(PermissionRequiredMixin):
    """A book (``<book>``) of a region (``<code>``) of the jurisdiction on ``?on=``: a region
    outside it is a 404, a book the user's roles may not read a 403."""

    permission_required = "books.view_bookbuild"

    @cached_property
    def book(self):
        book = registry["books"].get(self.kwargs["book"])
        if book is None:
            raise Http404
        if not self.request.user.has_perm(book.permission):
            raise PermissionDenied
        return book

    @cached_property
    def region(self):
        return asked_region(self.request.user, self.kwargs["code"])

    @cached_property
    def day(self):
        return asked_day(self.request.GET.get("on"))

    def rows(self):
        return self.book.rows(self.request.user, self.region.prefix, self.day)

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
        return self.download(
            book_pdf(self.book, self.heading(), self.rows()), "application/pdf", "pdf"
        )


class BookExcelView(BookMixin, generic.View):
    """The book as Excel, written during the request; a book above ``BOOKS_BACKGROUND_ROWS``
    rows is made in the background instead (POST)."""

    def get(self, request, *args, **kwargs):
        self.region  # noqa: B018 - the jurisdiction first
        if self.count() > background_rows():
            return self.back(_("该台账超过%(limit)d行，请点击“后台生成”，生成后下载。")
                             % {"limit": background_rows()})  # fmt: skip
        return self.download(
            book_workbook(self.book, self.heading(), self.rows()), CONTENT_TYPE, "xlsx"
        )

    def post(self, request, *args, **kwargs):
        build = services.book_build_start(actor=request.user, book=self.book, region=self.region,
                                          on=self.day)  # fmt: skip
        return redirect(build)


class BuildDetailView(ScopedDetailView):
    """A book's Excel made in the background: its progress, then the file. Read like any
    record of its region (a sibling region: 404), by a role that may read the book."""

    model = BookBuild
    template_name = "books/build_detail.html"
    context_object_name = "build"

    def scope(self, queryset):
        return queryset.select_related("region").defer("content")

    def get_object(self, queryset=None):
        build = super().get_object(queryset)
        book = registry["books"].get(build.book)
        if book is None or not self.request.user.has_perm(book.permission):
            raise PermissionDenied
        return build

    def get_template_names(self):
        return ["books/_build_progress.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        build = self.object
        return super().get_context_data(
            book=registry["books"].get(build.book),
            running=build.state in (BuildState.WAITING, BuildState.RUNNING), **kwargs,
        )  # fmt: skip


class BuildFileView(BuildDetailView):
    def get(self, request, *args, **kwargs):
        build = self.get_object(self.get_queryset().defer(None))
        if build.state != BuildState.DONE:
            raise Http404
        response = HttpResponse(bytes(build.content), content_type=CONTENT_TYPE)
        name = f"{build.book}-{build.region_id}-{build.on:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
