"""Resident identity numbers (公民身份号码, GB 11643-1999) and phone numbers as people type them.

A wrong check character, length, format or birth date is an error. The region code (the first
six digits) is checked against python-stdnum's table of every county code since 1980 with the
years each was in use (its ``cn/loc`` data), but not against the birth year: a number carries
the code of the place where it was first issued, and the table's years start in the 1980s, so
a person born in 1950 in 历下区 (370102, "[1983-]") or in a county abolished in 1987 holds a
real number. Only a code that was never a county's is a warning, not an error (the table may
lag behind a new county).
"""

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import numdb

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")
LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,6})?$")


WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_character(body: str) -> str:
    """The 18th character of an identity number from its first 17 (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def clean_text(value) -> str:
    """Full-width characters to half-width, surrounding spaces removed (as Excel cells come)."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


@dataclass
class IdNumber:
    number: str
    birth_date: datetime.date
    sex: str  # "1" male, "2" female (GB/T 2261.1)
    warnings: list[str] = field(default_factory=list)


def parse_id_number(raw) -> IdNumber:
    """Normalise and validate an identity number; 15-digit legacy numbers become 18 digits."""
    number = clean_text(raw).replace(" ", "").upper()
    if re.fullmatch(r"[0-9]{15}", number):
        number = number[:6] + "19" + number[6:]
        number += check_character(number)
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise ValidationError(_("公民身份号码应为18位（最后一位可为X）或15位数字。"), code="format")
    try:
        birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("公民身份号码中的出生日期无效。"), code="birth_date") from None
    if birth_date > datetime.date.today() or birth_date.year < 1900:
        raise ValidationError(_("公民身份号码中的出生日期无效。"), code="birth_date")
    if check_character(number[:17]) != number[17]:
        raise ValidationError(_("公民身份号码校验位错误。"), code="checksum")
    warnings = []
    if not is_region_code(number[:6]):
        warnings.append(_("公民身份号码的地区码不是任何时期的县级行政区划代码，请核对。"))
    sex = "1" if int(number[16]) % 2 else "2"
    return IdNumber(number=number, birth_date=birth_date, sex=sex, warnings=warnings)


@functools.cache
def is_region_code(code: str) -> bool:
    """Whether a six-digit code is, or once was, the code of a county, city or province (the
    years it was in use do not matter: see the module's docstring)."""
    found = numdb.get("cn/loc").info(code)
    return len(found) == 2 and "county" in found[1][1]


def clean_phone(raw) -> str:
    """A mainland mobile number or a landline with area code (0531-86001234); '' if empty."""
    phone = clean_text(raw).replace(" ", "").replace("－", "-")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not phone:
        return ""
    if MOBILE_RE.match(phone):
        return phone
    if re.fullmatch(r"0[0-9]{9,11}", phone):  # a landline typed without the hyphen
        area = 3 if phone[1] in "12" else 4
        phone = f"{phone[:area]}-{phone[area:]}"
    if LANDLINE_RE.match(phone):
        return phone
    raise ValidationError(
        _("联系电话应为11位手机号码或带区号的固定电话（如0531-86001234）。"), code="phone"
    )


def mask_id_number(number: str) -> str:
    """3701**********123*: the province and city, and the sequence digits before the check
    character. Never the check character itself: it follows from the other seventeen, so
    beside the age and region a page shows, it would narrow the birth date and county down
    to a few dozen numbers."""
    if len(number) <= 8:
        return number
    return f"{number[:4]}{'*' * (len(number) - 8)}{number[-4:-1]}*"


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile, 0531-****1234 for a landline."""
    if MOBILE_RE.match(phone):
        return f"{phone[:3]}****{phone[-4:]}"
    if "-" in phone:
        area, rest = phone.split("-", 1)
        return f"{area}-{'*' * max(len(rest) - 4, 0)}{rest[-4:]}"
    return phone
