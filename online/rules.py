"""Pure rules of the online round: settings parsing, eligibility, prize names.

No database access and no clock reads: callers pass dates in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from scoring.attempts import CRITERIA
from scoring.prizes import tier_label

DEFAULT_CRITERIA = ",".join(CRITERIA)
REGISTRATION_FIELDS = ("full_name", "date_of_birth", "phone", "email", "unit", "address")


def parse_criteria(text: str) -> list[str]:
    """The ordered ranking criteria; unknown names raise ValueError."""
    names = [c.strip() for c in text.split(",") if c.strip()]
    unknown = [n for n in names if n not in CRITERIA]
    if unknown:
        raise ValueError(
            _("Tiêu chí xếp hạng không hợp lệ: %(names)s") % {"names": ", ".join(unknown)}
        )
    if len(set(names)) != len(names):
        raise ValueError(_("Tiêu chí xếp hạng bị lặp."))
    return names


def parse_prizes(text: str) -> list[int]:
    """'1,2,3,5' -> [1, 2, 3, 5]; a clear error on anything else."""
    try:
        values = [int(v) for v in text.replace(" ", "").split(",") if v]
    except ValueError:
        raise ValueError(_("Cơ cấu giải phải là các số nguyên cách nhau bởi dấu phẩy.")) from None
    if any(v < 0 for v in values):
        raise ValueError(_("Số lượng giải không được âm."))
    return values


def prize_label(level: int) -> str:
    """1 -> 'Giải Nhất'; levels past the fourth are further consolation prizes."""
    return tier_label(level)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass(frozen=True)
class Eligibility:
    """What a round asks of a participant."""

    min_age: int = 0
    excluded_roles: frozenset[str] = frozenset()
    excluded_unit_ids: frozenset[int] = frozenset()


def eligibility_problems(
    rule: Eligibility,
    *,
    born: date | None,
    role: str,
    role_label: str,
    unit_id: int | None,
    unit_label: str,
    today: date,
) -> list[str]:
    """Why a person may not take part (empty when they may)."""
    problems: list[str] = []
    if rule.min_age:
        if born is None:
            problems.append(_("Cần nhập ngày sinh để kiểm tra độ tuổi dự thi."))
        elif age_on(born, today) < rule.min_age:
            problems.append(
                _("Người dự thi phải từ đủ %(age)d tuổi trở lên (bạn mới %(now)d tuổi).")
                % {"age": rule.min_age, "now": age_on(born, today)}
            )
    if born is not None and born > today:
        problems.append(_("Ngày sinh không hợp lệ (sau ngày hôm nay)."))
    if role in rule.excluded_roles:
        problems.append(
            _("Theo thể lệ, %(role)s không thuộc đối tượng dự thi.") % {"role": role_label}
        )
    if unit_id is not None and unit_id in rule.excluded_unit_ids:
        problems.append(
            _("Theo thể lệ, người thuộc đơn vị %(unit)s không được dự thi.") % {"unit": unit_label}
        )
    return problems


def spread(total: int, pools: dict[str, int]) -> dict[str, int]:
    """How many questions to draw from each area: as even as the pools allow.

    ``pools`` maps an area to the number of available questions. The result sums
    to ``min(total, sum(pools))``.
    """
    want = {area: 0 for area in pools}
    left = min(total, sum(pools.values()))
    areas = sorted(pools)
    while left > 0:
        open_areas = [a for a in areas if want[a] < pools[a]]
        share, extra = divmod(left, len(open_areas))
        for i, area in enumerate(open_areas):
            take = min(share + (1 if i < extra else 0), pools[area] - want[area])
            want[area] += take
            left -= take
    return want


def unit_shortfalls(counts: Iterable[tuple[str, int]], minimum: int) -> list[tuple[str, int, int]]:
    """(unit, registered, missing) for units below the required minimum."""
    if minimum <= 0:
        return []
    return [(name, n, minimum - n) for name, n in counts if n < minimum]
