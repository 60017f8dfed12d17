"""Pinyin initials of personal names, for searching by typing 'zs' for 张三.

pypinyin reads a surname with two readings the common way (单 → dan, 曾 → ceng); a name's
first character, or its compound surname, is read as a surname here."""

import functools

from pypinyin import Style, lazy_pinyin

COMPOUND_SURNAMES = {
    "万俟": "mq", "尉迟": "yc", "单于": "cy", "长孙": "zs", "澹台": "tt", "欧阳": "oy", "司马": "sm",
    "上官": "sg", "诸葛": "zg", "东方": "df", "皇甫": "hf", "令狐": "lh", "慕容": "mr", "宇文": "yw",
    "公孙": "gs", "夏侯": "xh", "轩辕": "xy", "司徒": "st", "端木": "dm", "呼延": "hy",
}  # fmt: skip
SURNAME_INITIALS = {
    "单": "s", "曾": "z", "解": "x", "仇": "q", "区": "o", "查": "z", "朴": "p", "盖": "g",
    "乐": "y", "缪": "m", "覃": "q", "翟": "z", "秘": "b", "种": "c", "重": "c", "繁": "p",
    "华": "h", "燕": "y", "纪": "j", "过": "g", "那": "n", "员": "y", "召": "s", "宿": "s",
    "冼": "x", "隗": "w", "尉": "y", "柏": "b", "谌": "c", "应": "y", "沈": "s", "黑": "h",
}  # fmt: skip


def _initial(syllable: str) -> str:
    return (
        syllable[0].lower() if syllable and syllable[0].isascii() and syllable[0].isalpha() else ""
    )


@functools.lru_cache(maxsize=200_000)
def name_initials(name: str) -> str:
    """张三 → zs; 单田芳 → stf; characters without a reading (𠮷, letters' punctuation) are left out."""
    name = name.strip()
    for surname, initials in COMPOUND_SURNAMES.items():
        if name.startswith(surname):
            return initials + name_initials_of(name[len(surname) :])
    if name and name[0] in SURNAME_INITIALS:
        return SURNAME_INITIALS[name[0]] + name_initials_of(name[1:])
    return name_initials_of(name)


def name_initials_of(text: str) -> str:
    return "".join(
        _initial(syllable) for syllable in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
    )
