"""Prize allocation from a structure such as "1,1,1", "1,1,2,3" or "1,3,5,20".

Works for any ranked entries (team standings, individual standings, online
results): each entry only needs a rank. Entries of equal rank are treated alike:
they all get a prize when the tier has room for all of them; when they straddle
the last slot of a tier, or the last prize overall, the tie is never broken
silently. Those entries come back as ``boundary_ties`` and the contested slots
stay unassigned until the Organizing Committee decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scoring.numbers import ScoringError, _

__all__ = [
    "Award",
    "BoundaryTie",
    "PendingSlots",
    "PrizeAllocation",
    "allocate_prizes",
    "parse_structure",
    "prize_labels",
    "tier_label",
]


def _default_labels() -> tuple[str, str, str, str]:
    return (_("Giải Nhất"), _("Giải Nhì"), _("Giải Ba"), _("Giải Khuyến khích"))


def parse_structure(spec: str | Sequence[int]) -> tuple[int, ...]:
    """Parse "1,1,2,3" into (1, 1, 2, 3): number of prizes per tier, best tier first."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    counts: list[int] = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and item >= 0:
            count = item
        elif isinstance(item, str) and item.strip().isascii() and item.strip().isdigit():
            count = int(item.strip())
        else:
            raise ScoringError(
                _("Cơ cấu giải không hợp lệ: %(spec)r (ví dụ đúng: 1,1,2,3).") % {"spec": spec}
            )
        counts.append(count)
    if not counts or sum(counts) == 0:
        raise ScoringError(_("Cơ cấu giải phải có ít nhất một giải."))
    return tuple(counts)


def tier_label(tier: int) -> str:
    """The name of prize tier ``tier`` (1 = Giải Nhất); tiers past the fourth are consolation."""
    defaults = _default_labels()
    return defaults[min(max(tier, 1), len(defaults)) - 1]


def prize_labels(tiers: int, labels: Sequence[str] | None = None) -> tuple[str, ...]:
    """Labels for ``tiers`` tiers: Nhất, Nhì, Ba, then Khuyến khích for every further tier."""
    if labels is not None:
        if len(labels) < tiers:
            raise ScoringError(
                _("Cần %(need)d tên giải nhưng chỉ có %(have)d.")
                % {"need": tiers, "have": len(labels)}
            )
        return tuple(labels[:tiers])
    return tuple(tier_label(n) for n in range(1, tiers + 1))


@dataclass(frozen=True)
class Award:
    """A prize given to one entry; ``tier`` counts from 1 (Giải Nhất)."""

    entry: Any
    rank: int
    tier: int
    label: str


@dataclass(frozen=True)
class PendingSlots:
    """Slots of one tier left unassigned because of a boundary tie."""

    tier: int
    label: str
    count: int


@dataclass(frozen=True)
class BoundaryTie:
    """Entries of equal rank straddling a prize boundary: the committee decides."""

    rank: int
    entries: tuple[Any, ...]
    slots: tuple[PendingSlots, ...]
    note: str


@dataclass(frozen=True)
class PrizeAllocation:
    """The outcome: awards in rank order, boundary ties and unassigned slots."""

    structure: tuple[int, ...]
    labels: tuple[str, ...]
    awards: tuple[Award, ...]
    boundary_ties: tuple[BoundaryTie, ...]
    pending: tuple[PendingSlots, ...]

    def awarded_count(self, tier: int) -> int:
        """How many prizes of ``tier`` (1-based) were given."""
        return sum(1 for a in self.awards if a.tier == tier)

    def label_of(self, entry: Any) -> str | None:
        """The prize of one entry, or None."""
        for award in self.awards:
            if award.entry == entry:
                return award.label
        return None


def _rank(entry: Any) -> Any:
    if isinstance(entry, Mapping):
        return entry["rank"]
    return entry.rank


def _name(entry: Any) -> str:
    label = getattr(entry, "label", None)
    if isinstance(label, str) and label:
        return label
    for attr in ("name", "team", "member", "key"):
        if isinstance(entry, Mapping) and attr in entry:
            return str(entry[attr])
        if hasattr(entry, attr):
            return str(getattr(entry, attr))
    return str(entry)


def _tier_of_slot(structure: Sequence[int]) -> list[int]:
    """Slot index → tier index, e.g. (1, 1, 2) → [0, 1, 2, 2]."""
    return [tier for tier, count in enumerate(structure) for _slot in range(count)]


def _pending(slot_tiers: Sequence[int], labels: Sequence[str]) -> tuple[PendingSlots, ...]:
    counts: dict[int, int] = {}
    for tier in slot_tiers:
        counts[tier] = counts.get(tier, 0) + 1
    return tuple(PendingSlots(t + 1, labels[t], c) for t, c in sorted(counts.items()))


def allocate_prizes(
    ranked_entries: Iterable[Any],
    structure: str | Sequence[int],
    labels: Sequence[str] | None = None,
    rank_of: Callable[[Any], int] = _rank,
    name_of: Callable[[Any], str] = _name,
) -> PrizeAllocation:
    """Give prizes by rank following ``structure`` (prizes per tier, best first).

    ``rank_of`` reads an entry's rank (default: ``entry.rank`` or
    ``entry["rank"]``); ``name_of`` names it in notes. Entries of one rank
    keep their input order.
    """
    counts = parse_structure(structure)
    names = prize_labels(len(counts), labels)
    entries = list(ranked_entries)
    ranks = []
    for entry in entries:
        rank = rank_of(entry)
        if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
            raise ScoringError(
                _("Thứ hạng của %(name)s không hợp lệ: %(rank)r.")
                % {"name": name_of(entry), "rank": rank}
            )
        ranks.append(rank)
    groups: dict[int, list[Any]] = {}
    for entry, rank in sorted(zip(entries, ranks, strict=True), key=lambda er: er[1]):
        groups.setdefault(rank, []).append(entry)

    slot_tiers = _tier_of_slot(counts)
    awards: list[Award] = []
    ties: list[BoundaryTie] = []
    pending: list[int] = []
    cursor = 0
    for rank, group in groups.items():
        if cursor >= len(slot_tiers):
            break
        covered = slot_tiers[cursor : cursor + len(group)]
        fits = len(covered) == len(group) and covered[0] == covered[-1]
        if fits:
            tier = covered[0]
            awards.extend(Award(entry, rank, tier + 1, names[tier]) for entry in group)
        else:
            slots = _pending(covered, names)
            prizes = ", ".join(f"{s.count} {s.label}" for s in slots)
            note = _(
                "%(n)d bên đồng hạng %(rank)d (%(names)s) tranh %(slots)d suất (%(prizes)s): "
                "không tự phân định, chờ Ban Tổ chức quyết định."
            ) % {
                "n": len(group),
                "rank": rank,
                "names": ", ".join(name_of(e) for e in group),
                "slots": len(covered),
                "prizes": prizes,
            }
            ties.append(BoundaryTie(rank, tuple(group), slots, note))
            pending.extend(covered)
        cursor += len(group)
    return PrizeAllocation(
        structure=counts,
        labels=names,
        awards=tuple(awards),
        boundary_ties=tuple(ties),
        pending=_pending(pending, names),
    )
