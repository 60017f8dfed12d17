"""Writes of regions and service organisations."""

import csv
import datetime
import gzip
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jiuye.core import history
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.regions.changes import forget
from jiuye.regions.codes import LEVEL_BY_NAME, contains, is_valid_code, kind_of, prefix_of
from jiuye.regions.models import ChangeKind, Region, RegionChange, ServiceOrg

DIVISIONS_FILE = Path(__file__).parent / "data" / "shandong-divisions-2023.csv.gz"
CHANGES_FILE = Path(__file__).parent / "data" / "shandong-division-changes.csv"


def _read_divisions(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as raw:
        yield from csv.DictReader(
            io.TextIOWrapper(raw, encoding="utf-8-sig")
        )  # a BOM, as Excel writes


def divisions_count(path: Path = DIVISIONS_FILE) -> int:
    return sum(1 for _ in _read_divisions(path))


@transaction.atomic
def regions_load(*, path: Path = DIVISIONS_FILE, prefix: str = "", batch_size: int = 5000) -> int:
    """Load (or refresh) the divisions of a CSV file with columns code, name, level,
    parent_code; ``prefix`` loads one subtree and its ancestors only. Returns the row count."""
    rows = []
    for line, record in enumerate(_read_divisions(path), start=2):
        code = record["code"].strip()
        if not is_valid_code(code) or record["level"] not in LEVEL_BY_NAME:
            raise ValidationError(_("第%(line)d行：区划代码或层级无效。") % {"line": line})
        level = LEVEL_BY_NAME[record["level"]]
        # in the subtree, or one of its ancestors (whose subtree contains the prefix)
        if prefix and not (contains(prefix, code) or contains(prefix_of(code, level), prefix)):
            continue
        rows.append(
            Region(
                code=code,
                name=record["name"].strip(),
                level=level,
                kind=kind_of(code, level),
                parent_id=record["parent_code"].strip() or None,
            )
        )
    fields = ["name", "level", "kind", "parent_id"]
    existing = Region.objects.in_bulk([region.code for region in rows])  # in batches
    new = [region for region in rows if region.code not in existing]
    changed = []
    for region in rows:
        old = existing.get(region.code)
        if old is not None and any(getattr(old, f) != getattr(region, f) for f in fields):
            for name in fields:
                setattr(old, name, getattr(region, name))
            changed.append(old)
    # parents before children: the file lists them so, and a new child's parent must exist
    history.bulk_create(new, actor=None, batch_size=batch_size)
    history.bulk_update(
        changed, ["name", "level", "kind", "parent"], actor=None, batch_size=batch_size
    )
    return len(rows)


@transaction.atomic
def changes_load(*, path: Path = CHANGES_FILE) -> int:
    """Load (or refresh) the division code changes of a CSV file with columns old_code,
    old_name, new_code, effective, kind, source (see data/README.md). Returns the row count."""
    rows = []
    for line, record in enumerate(_read_divisions(path), start=2):
        change = RegionChange(
            old_code=record["old_code"].strip(),
            old_name=record["old_name"].strip(),
            new_code=record["new_code"].strip(),
            effective=record["effective"].strip(),
            kind=record["kind"].strip(),
            source=record["source"].strip(),
        )
        if (
            not (is_valid_code(change.old_code) and is_valid_code(change.new_code))
            or change.kind not in ChangeKind.values
            or not change.source
        ):
            raise ValidationError(
                _("第%(line)d行：区划代码、变更类别或依据无效。") % {"line": line}
            )
        change.effective = datetime.date.fromisoformat(change.effective)
        rows.append(change)
    fields = ["old_name", "effective", "kind", "source"]
    existing = {(change.old_code, change.new_code): change for change in RegionChange.objects.all()}
    new, changed = [], []
    for change in rows:
        old = existing.get((change.old_code, change.new_code))
        if old is None:
            new.append(change)
        elif any(getattr(old, f) != getattr(change, f) for f in fields):
            for name in fields:
                setattr(old, name, getattr(change, name))
            changed.append(old)
    history.bulk_create(new, actor=None)
    history.bulk_update(changed, fields, actor=None)
    forget()
    return len(rows)


@transaction.atomic
def org_create(
    *,
    actor,
    region: Region,
    name: str,
    kind: str,
    address: str = "",
    phone: str = "",
    is_active: bool = True,
) -> ServiceOrg:
    require(actor, "regions.add_serviceorg")
    check_scope(Region.objects.below(actor), region, field="region")
    org = ServiceOrg(
        region=region,
        name=name.strip(),
        kind=kind,
        address=address.strip(),
        phone=phone.strip(),
        is_active=is_active,
    )
    org.full_clean()
    org._history_user = actor
    org.save()
    return org


@transaction.atomic
def org_update(*, actor, org: ServiceOrg, expected_version: int, **fields) -> ServiceOrg:
    """Edit an organisation below the actor's own region. Its region and kind stay fixed
    while it has staff: they decide the staff's jurisdiction and the roles they may hold."""
    require(actor, "regions.change_serviceorg")
    check_scope(ServiceOrg.objects.below(actor), org)  # where it was
    before = (org.region_id, org.kind)
    for name, value in fields.items():
        setattr(org, name, value.strip() if isinstance(value, str) else value)
    check_scope(Region.objects.below(actor), org.region, field="region")  # where it goes
    if (org.region_id, org.kind) != before and org.staff.exists():
        raise ValidationError(_("该机构已有工作人员，不能改变所在区划或机构类别。"))
    save_versioned(org, expected_version=expected_version, actor=actor)
    return org
