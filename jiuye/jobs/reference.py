"""The reference data of job introduction, kept as CSV files in ``jobs/data`` (see its README):
the occupation classification (2022) and the industry classification (GB/T 4754-2017)."""

import csv
from pathlib import Path

DATA = Path(__file__).parent / "data"
OCCUPATIONS = DATA / "occupations-2022.csv"
INDUSTRIES = DATA / "industries-gbt4754-2017.csv"


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load(occupation_model, industry_model) -> tuple[int, int]:
    """Insert the classifications that are not there yet (parents before children)."""
    have = set(occupation_model.objects.values_list("code", flat=True))
    occupations = sorted(_rows(OCCUPATIONS), key=lambda row: (row["code"].count("-"), row["code"]))
    new = [
        occupation_model(
            code=row["code"], name=row["name"], level=row["code"].count("-") + 1,
            parent_id=row["code"].rsplit("-", 1)[0] if "-" in row["code"] else None,
        )
        for row in occupations if row["code"] not in have
    ]  # fmt: skip
    occupation_model.objects.bulk_create(new, batch_size=500)
    have_industries = set(industry_model.objects.values_list("code", flat=True))
    industries = sorted(_rows(INDUSTRIES), key=lambda row: (bool(row["section"]), row["code"]))
    new_industries = [
        industry_model(code=row["code"], name=row["name"], section_id=row["section"] or None)
        for row in industries if row["code"] not in have_industries
    ]  # fmt: skip
    industry_model.objects.bulk_create(new_industries)
    return len(new), len(new_industries)
