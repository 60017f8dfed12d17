"""Division code changes (architecture mechanism 3): old codes read as today's, and the
sub-regions of a past day as they were.

Records carry today's codes (the 2023 statistical codes). ``RegionChange`` rows say which
code an area had before a day (``data/shandong-division-changes.csv``: 莱芜市 into 济南市 in
2019 and others, each with its document). Two directions:

- forward (``current``, ``resolve_region``): an old code from an import, the API or an identity
  number's first six digits becomes today's code, with a note (whether an identity number's
  six digits were ever a county's code is ``ledger.identity.is_region_code``'s to say);
- backward (``past_code``, ``regions_on``): a statistic for a day before a change groups today's
  codes by the codes in force that day, so a county moved from one city to another counts
  under its old city before the change and under its new one after.

A renamed or moved code carries its subtree along (the digits below the changed prefix are
kept); a merged code resolves to the code it went into; a split row says that the area of the
new code was part of the old one (backward only). The rows are few and change a few times a
year: they are read once per process (a write in the process forgets them; other processes
read them again when restarted, as after ``load_regions``).
"""

import datetime
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from jiuye.regions.codes import (
    Level,
    child_prefix_length,
    code_of_prefix,
    contains,
    is_valid_code,
    kind_of,
    level_of,
    prefix_of,
)
from jiuye.regions.models import ChangeKind, Region, RegionChange

WHOLE = {ChangeKind.RENAMED, ChangeKind.MOVED}  # the whole area, its subtree along
FORWARD = WHOLE | {ChangeKind.MERGED}
BACKWARD = WHOLE | {ChangeKind.SPLIT}
_kept: dict = {"changes": None}


def all_changes() -> tuple[RegionChange, ...]:
    """Every change, oldest first: one query per process."""
    if _kept["changes"] is None:
        _kept["changes"] = tuple(RegionChange.objects.order_by("effective", "old_code"))
    return _kept["changes"]


@receiver([post_save, post_delete], sender=RegionChange)
def forget(**kwargs) -> None:
    """Read the changes again on next use (after a write, or a test that rolled one back)."""
    _kept["changes"] = None


def _carry(code: str, source: str, target: str) -> str:
    """``code`` under ``source`` moved under ``target``: its lower digits kept when the two
    are of one level, else ``target`` itself (where it lies below is not known)."""
    source, target = prefix_of(source), prefix_of(target)
    return target + code[len(source) :] if len(source) == len(target) else code_of_prefix(target)


@dataclass(frozen=True)
class Resolved:
    code: str  # today's code
    followed: tuple  # the changes followed, oldest first

    @property
    def note(self) -> str:
        """'' for a code of today; else what happened to it, for the import or API to show."""
        return _("；").join(
            _("原区划代码%(old)s（%(name)s）自%(day)s起为%(new)s。")
            % {
                "old": change.old_code,
                "name": change.old_name,
                "day": change.effective.isoformat(),
                "new": change.new_code,
            }
            for change in self.followed
        )


def current(code: str) -> Resolved:
    """Today's code of ``code`` (12 digits, or a county's 6 as an identity number begins),
    following every change since, the most specific row of a day first."""
    code = code_of_prefix(code)
    followed, days = [], set()
    ordered = sorted(all_changes(), key=lambda c: (c.effective, -len(prefix_of(c.old_code))))
    for change in ordered:
        if (
            change.kind in FORWARD
            and change.effective not in days
            and contains(prefix_of(change.old_code), code)
        ):
            whole = change.kind in WHOLE
            code = _carry(code, change.old_code, change.new_code) if whole else change.new_code
            followed.append(change)
            days.add(change.effective)
    return Resolved(code, tuple(followed))


def resolve_region(code: str) -> tuple[Region | None, str]:
    """The region of today that ``code`` (today's or an old one) stands for, and a note when
    it was an old code: what an import or the API calls with a code it was given."""
    if not (is_valid_code(code) or (len(code) == 6 and is_valid_code(code_of_prefix(code)))):
        return None, ""
    resolved = current(code)
    return Region.objects.filter(code=resolved.code).first(), resolved.note


def _since(day: datetime.date) -> list[RegionChange]:
    """The backward changes after ``day``, the latest first, the most specific of a day first."""
    found = [c for c in all_changes() if c.kind in BACKWARD and c.effective > day]
    return sorted(found, key=lambda c: (c.effective, len(prefix_of(c.new_code))), reverse=True)


def past_code(code: str, day: datetime.date, changes: list | None = None) -> str:
    """The code that the area of today's ``code`` had on ``day``."""
    days = set()
    for change in _since(day) if changes is None else changes:
        if change.effective not in days and contains(prefix_of(change.new_code), code):
            code = _carry(code, change.new_code, change.old_code)
            days.add(change.effective)
    return code


def _child(code: str, parent: str) -> str:
    """The prefix of the region one level below prefix ``parent`` that holds ``code``."""
    return prefix_of(code, Level(level_of(code_of_prefix(parent)) + 1))


@dataclass
class PastRegions:
    """The sub-regions of a region as they were on a day. Count the records under ``prefix``
    (today's codes) grouped by their first ``length`` characters, and give each group to
    ``child_of(group)``: the prefix of the sub-region it was in, "" for the region's own
    records, None for a part that was not in the region then."""

    prefix: str
    length: int
    was: str  # the region's prefix on the day
    day: datetime.date
    changes: list
    children: list  # [(prefix then, Region to show, former)], former: no region of today

    def child_of(self, group: str) -> str | None:
        code = past_code(code_of_prefix(group), self.day, self.changes)
        if not contains(self.was, code):
            return None
        child = _child(code, self.was)
        return "" if code_of_prefix(child) == code_of_prefix(self.was) else child


def regions_on(region: Region, day: datetime.date, children: list[Region]) -> PastRegions | None:
    """``region``'s sub-regions (today: ``children``) as they were on ``day``, or None when no
    change since ``day`` touches its subtree (then they are today's)."""
    if region.level == Level.VILLAGE:  # no sub-regions: its own records only
        return None
    changes = _since(day)
    was = prefix_of(past_code(region.code, day, changes), Level(region.level))
    touching = [
        change
        for change in changes
        if contains(region.prefix, change.new_code)
        or contains(prefix_of(change.new_code), region.prefix)
        or contains(was, change.old_code)
    ]
    if not touching:
        return None
    # parts that were in the region that day but lie elsewhere today widen the query; the
    # collectors still limit it to what the user may see
    prefix = region.prefix
    for change in touching:
        while contains(was, change.old_code) and not contains(prefix, change.new_code):
            level = level_of(code_of_prefix(prefix))
            prefix = prefix_of(code_of_prefix(prefix), Level(level - 1)) if level > 1 else ""
    child_length = child_prefix_length(region.code)
    length = max(
        [child_length]
        + [
            len(prefix_of(change.new_code))
            for change in changes
            if contains(prefix, prefix_of(change.new_code))
        ]
    )
    past = PastRegions(prefix, length, was, day, changes, [])
    names = {c.old_code: c.old_name for c in all_changes() if c.effective > day}  # of then
    today: dict[str, list[Region]] = {}
    for child in children:
        then = past.child_of(child.prefix)
        if then:
            today.setdefault(then, []).append(child)
    former = {
        _child(change.old_code, was)
        for change in touching
        if contains(was, change.old_code) and len(prefix_of(change.old_code)) >= child_length
    }
    for then in sorted(set(today) | former):
        code = code_of_prefix(then)
        now = today.get(then, [])
        if len(now) == 1:  # one region of today: its table for the day shows it as it was
            child = now[0]
            if code in names and names[code] != child.name:  # shown with its name of then
                child = Region(
                    code=child.code, name=names[code], level=child.level, kind=child.kind
                )
            past.children.append((then, child, False))
        else:
            name = names.get(code) or (now[0].name if now else code)
            level = level_of(code)
            shown = Region(code=code, name=name, level=level, kind=kind_of(code, level))
            past.children.append((then, shown, True))
    return past
