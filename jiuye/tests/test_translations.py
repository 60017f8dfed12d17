"""The English catalogue covers every message and the compiled file matches it."""

import gettext
import re
from pathlib import Path

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
