"""Participation statistics per unit/district and per day, and registrations vs minimum."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from online.models import Attempt, OnlineRound, Participant


@dataclass(frozen=True)
class UnitRow:
    unit: str
    registered: int
    participants: int
    attempts: int
    minimum: int

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.registered)


def per_unit(round_: OnlineRound) -> list[UnitRow]:
    """One row per unit of the round (listed units first, also those with nobody yet)."""
    official = Q(attempts__mode=Attempt.Mode.OFFICIAL, attempts__submitted_at__isnull=False)
    rows = (
        Participant.objects.filter(round=round_)
        .values("unit__name", "unit_name")
        .annotate(
            registered=Count("id", distinct=True),
            participants=Count("id", filter=official, distinct=True),
            attempts=Count("attempts", filter=official),
        )
    )
    merged: dict[str, list[int]] = {u.name: [0, 0, 0] for u in round_.units.all()}
    for row in rows:
        name = row["unit__name"] or row["unit_name"] or _("(Không ghi đơn vị)")
        counts = merged.setdefault(name, [0, 0, 0])
        counts[0] += row["registered"]
        counts[1] += row["participants"]
        counts[2] += row["attempts"]
    minimum = round_.min_registrations_per_unit
    listed = set(round_.units.values_list("name", flat=True))
    return [
        UnitRow(name, reg, part, att, minimum if name in listed else 0)
        for name, (reg, part, att) in sorted(merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]


def per_day(round_: OnlineRound) -> list[tuple[date, int, int]]:
    """(day, attempts submitted, distinct participants) in the contest's time zone."""
    rows = (
        Attempt.objects.filter(round=round_, mode=Attempt.Mode.OFFICIAL, submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(attempts=Count("id"), people=Count("participant", distinct=True))
        .order_by("day")
    )
    return [(r["day"], r["attempts"], r["people"]) for r in rows]


def totals(round_: OnlineRound) -> dict[str, int]:
    official = Attempt.objects.filter(
        round=round_, mode=Attempt.Mode.OFFICIAL, submitted_at__isnull=False
    )
    return {
        "registered": Participant.objects.filter(round=round_).count(),
        "participants": official.values("participant").distinct().count(),
        "attempts": official.count(),
        "practice": Attempt.objects.filter(round=round_, mode=Attempt.Mode.PRACTICE).count(),
    }
