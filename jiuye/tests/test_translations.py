"""English is complete: the catalogue covers every message without Chinese in its English,
the code and templates mark every Chinese text for translation, and the main pages in English
show Chinese only in data."""

import ast
import gettext
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import CharField, Q, TextField
from django.utils import translation
from openpyxl import Workbook, load_workbook

from jiuye.conftest import VILLAGE_A
from jiuye.ledger.excel import COLUMNS
from jiuye.ledger.importing import message_text
from jiuye.ledger.models import ImportState, LedgerImport, Person
from jiuye.ledger.services import ledger_import_start

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"


def entries():
    """(context, msgid, [msgstr…], flags) of each live entry of django.po."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        strings = [value for key, value in fields.items() if key.startswith("msgstr")]
        yield fields.get("msgctxt"), fields["msgid"], strings, flags


def test_every_message_is_translated_and_none_is_fuzzy():
    missing = [
        msgid
        for _ctx, msgid, strings, flags in entries()
        if msgid and (not all(strings) or "fuzzy" in flags)
    ]
    assert missing == []


def test_the_compiled_catalogue_is_up_to_date():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    for context, msgid, strings, _flags in entries():
        if msgid and len(strings) == 1:
            found = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
            assert found == strings[0].replace('\\"', '"').replace("\\n", "\n"), msgid


# Chinese characters (CJK ideographs, extensions A to G, compatibility ideographs) and the
# full-width punctuation of Chinese text (CJK symbols and punctuation, full-width forms).
CHINESE = re.compile(
    "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
PROJECT = Path(__file__).resolve().parents[1]
GETTEXT = {
    "_", "_t", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy",
    "ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy",
}  # fmt: skip
# Chinese that is data, not UI text: module (relative to jiuye/) and the names assigned whose
# values may hold it ("*": the whole module). Each entry says why.
DATA = {
    "*/seeding.py": ("*", "demo and reference data written into the database"),
    "ledger/pinyin.py": ("*", "the table of characters by pinyin initial"),
    "ledger/reading.py": (
        {
            "HEADER_SYNONYMS",
            "ETHNICITY",
            "EDUCATION",
            "HUKOU",
            "RELATION",
            "STATUS_LABELS",
            "SEX",
            "YES_NO",
            "read_date",
            "read_amount",
            "_header_key",
        },
        "the words people type in ledger files, which the import reads back",
    ),
    "ledger/excel.py": ({"EXAMPLE"}, "the example row of the import template, as people type it"),
    "ledger/identity.py": (
        {"clean_text", "clean_phone"},
        "full-width characters read in typed text",
    ),
    "visits/selectors.py": (
        {"BUILDING"},
        "the words of addresses (号楼, 栋, 组) the round groups by",
    ),
    "policies/search.py": ({"TERMS"}, "words of the policy texts for the Chinese word splitter"),
    "assistance/categories.py": ({"CATEGORIES"}, "a province's categories, seeded as data"),
    "settings.py": ({"LANGUAGES", "SPECTACULAR_SETTINGS"}, "a language's own name; bilingual"),
    "regions/management/commands/load_regions.py": ({"Command"}, "command-line help"),
    "core/production.py": ("*", "bilingual: why production refuses to start, read in a log"),
}
# Templates written in Chinese whatever the staff's language, and why.
CHINESE_TEMPLATES = {
    "templates/500.html": "bilingual: it must not depend on the database or the catalogue",
    "templates/includes/language_switch.html": "each language is named in itself",
    # Official documents handed to residents and employers, in the language of the state.
    "templates/assistance/agreement_pdf.html": "the assistance agreement (PDF)",
    "templates/assistance/card_pdf.html": "the employment assistance card (PDF)",
    "templates/assistance/notice_pdf.html": "the public notice of identifications (PDF)",
    "templates/jobs/letter_pdf.html": "the job referral letter (PDF)",
    "templates/registration/certificate.html": "the registration certificate (PDF)",
}


# Modules another change of the same round rewrites; the main session drops each entry when
# the two are merged.
PENDING = {}
# The ledger's column names are keys: marked for translation once (ledger.excel.COLUMNS) and
# translated where they are shown.
KEYS = set(COLUMNS)


def _data_names(relative: str):
    for pattern, (names, _why) in DATA.items():
        if Path(relative).match(pattern):
            return names
    return set()


def _untranslated_literals(path: Path, allowed) -> list[int]:
    """The lines of string literals with Chinese in ``path`` that are neither docstrings nor
    inside a gettext call nor inside an assignment to one of the ``allowed`` names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in GETTEXT:
                exempt.update(id(sub) for arg in node.args for sub in ast.walk(arg))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            exempt.add(id(body[0].value))  # a docstring
        targets = []
        if isinstance(node, ast.Assign):
            targets = [getattr(target, "id", None) for target in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [getattr(node.target, "id", None)]
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            targets = [node.name]
        if allowed & set(targets):
            exempt.update(id(sub) for sub in ast.walk(node))
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and CHINESE.search(node.value)
        and node.value not in KEYS
        and id(node) not in exempt
    )


def _is_code(path: Path) -> bool:
    parts = path.relative_to(PROJECT).parts
    return not ({"tests", "migrations", "locale"} & set(parts)) and path.name != "conftest.py"


def test_chinese_in_the_python_code_is_marked_for_translation():
    """Every string literal with Chinese in it (UI text or punctuation) goes through gettext,
    unless it is data named in DATA."""
    found = []
    for path in sorted(PROJECT.rglob("*.py")):
        if not _is_code(path):
            continue
        relative = str(path.relative_to(PROJECT))
        allowed = _data_names(relative)
        if allowed == "*" or relative in PENDING:
            continue
        found += [f"{relative}:{line}" for line in _untranslated_literals(path, allowed)]
    assert found == []


# What a template may hold in Chinese: a translate tag, a blocktranslate block, a comment, and a
# translated string given to a filter (default:_("…")).
TRANSLATED = re.compile(
    r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}|\{%\s*comment\s*%\}.*?"
    r"\{%\s*endcomment\s*%\}|\{#.*?#\}|\{%\s*translate\s.*?%\}|_\(\"[^\"]*\"\)",
    re.DOTALL,
)


def test_chinese_in_the_templates_is_marked_for_translation():
    found = []
    for path in sorted(PROJECT.rglob("templates/**/*.html")):
        relative = str(path.relative_to(PROJECT))
        if relative in CHINESE_TEMPLATES:
            continue
        text = TRANSLATED.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), path.read_text())
        found += [
            f"{relative}:{number}"
            for number, line in enumerate(text.splitlines(), start=1)
            if CHINESE.search(line)
        ]
    assert found == []


# English text that must quote Chinese as it is written.
CHINESE_IN_ENGLISH = {
    "如：鲁人社发〔2023〕12号": "a document number is written in Chinese",
    "请从列表中选择职业（可输入代码或名称查找），如“4-07-05-01 保安员”。": "the occupation table's names",
}


def test_the_english_has_no_chinese_and_no_full_width_punctuation():
    found = [
        msgid
        for _ctx, msgid, strings, _flags in entries()
        if msgid not in CHINESE_IN_ENGLISH and any(CHINESE.search(string) for string in strings)
    ]
    assert found == []


class _Text(HTMLParser):
    """The text a reader sees on a page, and the words of its labelling attributes; not the
    scripts, nor what is marked as written in Chinese (the language switch)."""

    HIDDEN = {"script", "style"}
    ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN or attrs.get("lang", "").startswith("zh"):
            self._skip.append(tag)
        elif not self._skip:
            self.parts += [
                value for name, value in attrs.items() if name in self.ATTRIBUTES and value
            ]

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _data_runs(runs: set[str]) -> set[str]:
    """Those of ``runs`` that are data: part of a value of some text field of the project's
    models (names, addresses, titles, region and office names)."""
    found = set()
    # the usual ones first: most runs are names of residents, regions and offices
    usual = ("regions.Region", "ledger.Person", "regions.ServiceOrg", "staff.User")
    models = sorted(
        (model for model in apps.get_models() if model.__module__.startswith("jiuye.")),
        key=lambda model: model._meta.label not in usual,
    )
    for run in runs:
        for model in models:
            fields = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, CharField | TextField) and not field.choices
            ]
            query = Q()
            for name in fields:
                query |= Q(**{f"{name}__contains": run})
            if fields and model._base_manager.filter(query).exists():
                found.add(run)
                break
    return found


RUN = re.compile(f"{CHINESE.pattern}+")


@pytest.mark.django_db
def test_pages_in_english_show_chinese_only_in_data(
    login, coordinator, approver, django_capture_on_commit_callbacks
):
    """The main pages of a coordinator and a county approver in English: every run of Chinese
    characters left on them is data from the database or from the uploaded file."""
    client = login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    person = Person.objects.filter(region_id=VILLAGE_A).order_by("pk").first()
    template = load_workbook(io.BytesIO(client.get("/ledger/import/template.xlsx").content))
    header = [cell.value for cell in template.active[1]]
    assert "Name" in header and "民族" not in header  # the template speaks the user's language
    typed = {"Name": "火星人", "Ethnic group": "火星族", "ID number": "370102199001011230"}
    book = Workbook()
    book.active.append(header)
    book.active.append([typed.get(name, "") for name in header])
    content = io.BytesIO()
    book.save(content)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ledger/import/", {"file": SimpleUploadedFile("x.xlsx", content.getvalue())})
    job = LedgerImport.objects.latest("pk")
    assert job.state == ImportState.INVALID
    pages = [
        "/",
        "/ledger/",
        f"/ledger/{person.pk}/",
        "/ledger/import/",
        f"/ledger/import/{job.pk}/",
    ]
    texts = {}
    for path in pages:
        texts[path] = client.get(path).content.decode()
    client = login(approver)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for path in ["/", "/subsidies/report/", "/funds/report/"]:
        texts[f"{path} (approver)"] = client.get(path).content.decode()
    runs = {}
    for path, html in texts.items():
        parser = _Text()
        parser.feed(html)
        for run in {run for part in parser.parts for run in RUN.findall(part)}:
            runs.setdefault(run, []).append(path)
    typed_runs = {run for run in runs if any(run in value for value in typed.values())}
    data = typed_runs | _data_runs(set(runs) - typed_runs)
    left = {run: paths for run, paths in runs.items() if run not in data}
    assert not left, "\n".join(f"{run}: {paths}" for run, paths in sorted(left.items()))


@pytest.mark.django_db
def test_the_import_worker_reports_in_the_uploaders_language(
    coordinator, django_capture_on_commit_callbacks
):
    """The worker that checks an import has no request and so no language of its own: the
    errors it keeps are msgids with their values, shown in the language of whoever reads
    them (``ledger.importing.message_text``)."""
    book = Workbook()
    book.active.append(COLUMNS)
    book.active.append(["火星人", "370102199001011230", "", "火星族"])
    content = io.BytesIO()
    book.save(content)
    with translation.override("en"), django_capture_on_commit_callbacks() as callbacks:
        job = ledger_import_start(
            actor=coordinator, filename="x.xlsx", size=1, read=content.getvalue
        )
    with translation.override("zh-hans"):  # the worker's own language
        for callback in callbacks:
            callback()
    job.refresh_from_db()
    with translation.override("en"):
        messages = " ".join(message_text(error) for error in job.errors)
    assert job.errors and not CHINESE.search(messages.replace("火星族", ""))
