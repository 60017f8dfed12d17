"""The English catalogue covers every message and the compiled file matches it."""

import ast
import gettext
import re
from pathlib import Path

from jiuye.ledger.excel import COLUMNS

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
    "_", "_t", "N_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy",
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
    "policies/search.py": ({"TERMS"}, "words of the policy texts for the Chinese word splitter"),
    "assistance/categories.py": ({"CATEGORIES"}, "a province's categories, seeded as data"),
    "core/workdays.py": ({"FIXED_HOLIDAYS"}, "holiday names stored on calendar days"),
    "settings.py": ({"LANGUAGES", "SPECTACULAR_SETTINGS"}, "a language's own name; bilingual"),
    "regions/management/commands/load_regions.py": ({"Command"}, "command-line help"),
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
PENDING = {
    "ledger/importing.py": "issue 13 point 7 (helper imports): the list of missing columns must "
    'join their translated names with _("、")',
}
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
