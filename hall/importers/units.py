"""Units (districts, cities, agencies) as the team import meets them: kinds and new codes."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from hall.import_files import strip_accents
from hall.importers.parsing import choice_lookup
from hall.models import Unit


def unit_kinds() -> dict[str, str]:
    """Normalized kind names (labels, codes and common short forms) -> ``Unit.Kind`` value."""
    return choice_lookup(
        Unit.Kind.choices,
        {
            "tp": Unit.Kind.CITY,
            "thanh_pho_truc_thuoc_tinh": Unit.Kind.CITY,
            "thi_xa": Unit.Kind.DISTRICT,
            "quan": Unit.Kind.DISTRICT,
            "co_quan": Unit.Kind.AGENCY,
            "don_vi": Unit.Kind.AGENCY,
            "so": Unit.Kind.AGENCY,
            "so_ban_nganh": Unit.Kind.AGENCY,
        },
    )


@dataclass
class UnitPlan:
    """A unit named in the file: the row that exists already (matched by name), if any."""

    name: str
    existing: Unit | None
    kind: str | None = None
    kind_row: int | None = None


def unique_unit_code(name: str, used: set[str]) -> str:
    base = slugify(strip_accents(name))[:40] or "don-vi"
    code, suffix = base, 2
    while code in used:
        code = f"{base}-{suffix}"
        suffix += 1
    used.add(code)
    return code


def save_units(units: dict[str, UnitPlan]) -> tuple[dict[str, Unit], int]:
    """Create the new units and set changed kinds; the saved rows by key, and how many are new."""
    used_codes = set(Unit.objects.values_list("code", flat=True))
    saved: dict[str, Unit] = {}
    created = 0
    for key, plan in units.items():
        unit = plan.existing
        if unit is None:
            unit = Unit.objects.create(
                name=plan.name,
                kind=plan.kind or Unit.Kind.DISTRICT,
                code=unique_unit_code(plan.name, used_codes),
            )
            created += 1
        elif plan.kind and unit.kind != plan.kind:
            unit.kind = plan.kind
            unit.save(update_fields=["kind"])
        saved[key] = unit
    return saved, created
