"""Region codes are read only through ``regions.codes``, subtrees tested only by range.

A code sliced by hand (``code[:6]``) or tested with ``startswith`` works until a level or a
padding rule is got wrong in one of many places, and ``__startswith`` on a region column
becomes ``LIKE``, which PostgreSQL cannot serve from a default index under a non-C collation.
So every application module is parsed and these are refused:

(a) a slice at the levels' boundaries (``[:2]``, ``[:6]``, ``[6:9]``, …) or by
    ``PREFIX_LENGTH``, or zeros added by hand (``+ "000"``, ``.ljust(12, "0")``): use
    ``prefix_of``, ``ancestor``, ``county``, ``code_of_prefix`` … of ``regions.codes``;
(b) a ``__startswith`` lookup: use ``core.scoping.subtree_q`` or ``ScopedQuerySet.within``,
    unless the field is one of ``NOT_REGION_FIELDS``;
(c) ``.startswith(…)``/``.endswith(…)`` with a receiver or argument named like a region code
    (``code``, ``region``, ``prefix``, ``county`` …): use ``regions.codes.contains``;
(d) ``Substr(…)`` in SQL, which slices a code as (a) does in Python: use
    ``regions.codes.prefix_sql`` (or ``core.indicators.grouped``).
"""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]

# Modules that may break the rules, and why (paths from the package).
EXCEPTIONS = {
    "regions/codes.py": "the one module that reads the digit groups of a code",
    "ledger/identity.py": "an ID number's layout (region, birth date, sequence) is not a region code",
}
# Fields a ``__startswith`` lookup may test, and why: none of them is a region code.
NOT_REGION_FIELDS = {
    "occupation__code": "an occupation code's classes are its prefixes (4, 4-07, 4-07-05)",
    "id_number": "the start of an ID number typed in a search",
    "name_initials": "the start of a name's pinyin initials typed in a search",
    "username": "staff accounts by the start of their user name",
    "phone": "staff by the start of their phone number typed in a search",
}
BOUNDARIES = {2, 4, 6, 9}
PREFIX_TESTS = {"startswith", "endswith", "removeprefix", "removesuffix"}
REGION_WORDS = {
    "code",
    "codes",
    "region",
    "regions",
    "prefix",
    "prefixes",
    "province",
    "city",
    "county",
    "counties",
    "township",
    "townships",
    "village",
    "villages",
    "place",
    "places",
    "home",
    "work",
    "jurisdiction",
}
STARTSWITH = re.compile(r"^(?P<field>.*)__i?startswith$")
ZEROS = re.compile(r"^0{3,}$")


def modules():
    """Every application module: not migrations, not tests."""
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if {"migrations", "tests"} & set(parts) or path.name == "conftest.py":
            continue
        yield path


def _constant(node) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _slices_a_code(node: ast.Slice) -> bool:
    """A slice at the levels' boundaries, or one measured with ``PREFIX_LENGTH``."""
    if node.step is None:
        lower, upper = _constant(node.lower), _constant(node.upper)
        if upper in BOUNDARIES and (node.lower is None or lower in BOUNDARIES | {0}):
            return True
    return any(
        isinstance(each, ast.Name) and each.id == "PREFIX_LENGTH"
        for bound in (node.lower, node.upper)
        if bound is not None
        for each in ast.walk(bound)
    )


def _pads_a_code(node) -> bool:
    """Zeros added to a prefix by hand: ``prefix + "000"`` or ``prefix.ljust(12, "0")``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return isinstance(_constant(node.right), str) and ZEROS.match(node.right.value) is not None
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "ljust"
        and any(_constant(arg) == "0" for arg in node.args[1:])
    )


def _lookup(node) -> str | None:
    """The field path of a ``__startswith`` lookup written as a keyword, a string or an
    f-string (``f"{field}__startswith"`` gives ``{field}``), or of a filter declared with
    ``lookup_expr="startswith"``; else None."""
    if isinstance(node, ast.Call):
        arguments = {each.arg: _constant(each.value) for each in node.keywords if each.arg}
        if arguments.get("lookup_expr") in ("startswith", "istartswith"):
            return str(arguments.get("field_name"))
        return None
    if isinstance(node, ast.keyword):
        text = node.arg or ""
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
            for part in node.values
        )
    else:
        return None
    match = STARTSWITH.match(text)
    return match["field"] if match else None


def _words(node) -> set[str]:
    """The words of the names in an expression (``region.code`` gives region and code)."""
    names = []
    for each in ast.walk(node):
        if isinstance(each, ast.Name):
            names.append(each.id)
        elif isinstance(each, ast.Attribute):
            names.append(each.attr)
        elif isinstance(each, ast.Subscript) and isinstance(_constant(each.slice), str):
            names.append(each.slice.value)
    return {word for name in names for word in name.lower().split("_")}


def violations(source: str) -> list[tuple[int, str]]:
    """(line, what) of each use of a region code the rules refuse in ``source``."""
    tree = ast.parse(source)
    joined = [node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
    pieces = {id(part) for node in joined for part in node.values}  # checked as a whole
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Slice)
            and _slices_a_code(node.slice)
        ) or _pads_a_code(node):
            found.append((node.lineno, f"{ast.unparse(node)}: use regions.codes"))
        field = None if id(node) in pieces else _lookup(node)
        if field is not None and field not in NOT_REGION_FIELDS:
            found.append((node.lineno, f"{field}__startswith: use subtree_q or within"))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in PREFIX_TESTS
            and REGION_WORDS & _words(node)
        ):
            found.append((node.lineno, f"{ast.unparse(node)}: use regions.codes.contains"))
        if isinstance(node, ast.Call) and "Substr" in (
            getattr(node.func, "id", None),
            getattr(node.func, "attr", None),
        ):
            found.append((node.lineno, f"{ast.unparse(node)}: use regions.codes.prefix_sql"))
    return sorted(found)


def test_region_codes_are_read_only_through_regions_codes():
    found = [
        f"jiuye/{name}:{line}: {what}"
        for path in modules()
        if (name := path.relative_to(PACKAGE).as_posix()) not in EXCEPTIONS
        for line, what in violations(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "\n".join(found)


def test_the_rules_catch_each_kind_of_use():
    source = """
county = person.region_id[:6]
township = code[6:9]
county_code = code_of_prefix(code[: PREFIX_LENGTH[Level.COUNTY]])
township_code = code[:9] + "000"
city_code = code.ljust(12, "0")
Person.objects.filter(region__code__startswith=prefix)
Q(org__region_id__startswith=prefix)
queryset.exclude(**{"region_id__startswith": prefix})
queryset.filter(**{f"{field}__startswith": prefix})
django_filters.CharFilter(field_name="region_id", lookup_expr="startswith")
region.code.startswith(prefix)
work.startswith(code)
Claim.objects.annotate(county=Substr("region_id", 1, 6))
"""
    assert {line for line, _what in violations(source)} == set(range(2, 15))


def test_the_rules_let_other_fields_and_strings_through():
    source = """
Occupation.objects.filter(occupation__code__startswith=value)
User.objects.filter(username__startswith="coordinator-")
request.path.startswith("/api/")
filename.lower().endswith((".xlsx", ".xls"))
code[:12], code[9:], rows[1:], name[:3], name.ljust(8), n + "0"
"""
    assert violations(source) == []


def test_every_exception_is_still_needed():
    """An exception the code no longer needs goes, so that the lists stay short."""
    for name in EXCEPTIONS:
        assert violations((PACKAGE / name).read_text(encoding="utf-8")), name
    sources = "".join(path.read_text(encoding="utf-8") for path in modules())
    for field in NOT_REGION_FIELDS:
        assert f"{field}__startswith" in sources, field
