"""Team and individual standings with ordered, named tie-breaks.

Teams are ordered by total; equal totals go through the contest's tie-breaks in
order ("knowledge", "skit", "intro", "penalties", "draw"). Every adjacent pair
that a tie-break separated records which one, so the results can say why a team
is above another. Teams still equal after every tie-break share the rank
(1, 2, 2, 4) and are reported as an unresolved tie.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from scoring.rules import (
    MemberKnowledge,
    ScoringError,
    _,
    check_decimals,
    format_number,
    round_half_up,
    to_decimal,
)

__all__ = [
    "DEFAULT_TIE_BREAKS",
    "MemberRanking",
    "MemberStanding",
    "PartLine",
    "PartSpec",
    "Standings",
    "TIE_BREAKS",
    "TeamResult",
    "TeamStanding",
    "TieBreakDecision",
    "UnresolvedTie",
    "compute_standings",
    "describe_criterion",
    "parse_tie_breaks",
    "rank_members",
]

TOTAL = "total"
KNOWLEDGE = "knowledge"
SKIT = "skit"
INTRO = "intro"
PENALTIES = "penalties"
DRAW = "draw"
TIE_BREAKS = (KNOWLEDGE, SKIT, INTRO, PENALTIES, DRAW)
DEFAULT_TIE_BREAKS = (KNOWLEDGE, SKIT, PENALTIES, DRAW)
PART_KINDS = (INTRO, KNOWLEDGE, SKIT)

MEMBER_POINTS = "points"
FEWER_WRONG = "fewer_wrong"


def describe_criterion(criterion: str) -> str:
    """Why the upper entry is above: "xếp trên nhờ <this>"."""
    texts = {
        TOTAL: _("tổng điểm cao hơn"),
        KNOWLEDGE: _("điểm phần kiến thức cao hơn"),
        SKIT: _("điểm phần tiểu phẩm cao hơn"),
        INTRO: _("điểm phần giới thiệu cao hơn"),
        PENALTIES: _("bị trừ ít điểm hơn"),
        DRAW: _("kết quả bốc thăm của Ban Tổ chức"),
        MEMBER_POINTS: _("điểm phần kiến thức cao hơn"),
        FEWER_WRONG: _("ít câu trả lời sai hơn"),
    }
    return texts[criterion]


def parse_tie_breaks(spec: str | Sequence[str]) -> tuple[str, ...]:
    """Parse "knowledge,skit,penalties,draw" into a validated, ordered tuple."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    names = [item.strip().lower() for item in items if item and item.strip()]
    unknown = [n for n in names if n not in TIE_BREAKS]
    if unknown:
        raise ScoringError(
            _("Tiêu chí phụ không hợp lệ: %(names)s (chỉ nhận: %(allowed)s).")
            % {"names": ", ".join(unknown), "allowed": ", ".join(TIE_BREAKS)}
        )
    if len(set(names)) != len(names):
        raise ScoringError(_("Một tiêu chí phụ được ghi hai lần."))
    return tuple(names)


# -------------------------------------------------------------- generic ranking

E = TypeVar("E")


@dataclass(frozen=True)
class _Criterion(Generic[E]):
    """Ordering criterion: a key where a higher value ranks first.

    ``key`` returns None when it cannot compare that entry; a group containing
    such an entry is left undivided by this criterion.
    """

    name: str
    key: Callable[[E], Any]


def _split(group: list[E], criterion: _Criterion[E]) -> list[list[E]]:
    """Split a tied group into ordered buckets of equal key (best first)."""
    keys = [criterion.key(e) for e in group]
    if any(k is None for k in keys):
        return [group]
    buckets: dict[Any, list[E]] = {}
    for entry, key in zip(group, keys, strict=True):
        buckets.setdefault(key, []).append(entry)
    return [buckets[k] for k in sorted(buckets, reverse=True)]


def _resolve(group: list[E], criteria: Sequence[_Criterion[E]]) -> tuple[list[list[E]], list[str]]:
    """Order a group into tiers of still-equal entries, naming each separation.

    Returns (tiers, separators) with ``separators[i]`` the criterion that put
    ``tiers[i]`` above ``tiers[i + 1]``.
    """
    if len(group) <= 1 or not criteria:
        return [group], []
    first, rest = criteria[0], criteria[1:]
    tiers: list[list[E]] = []
    separators: list[str] = []
    for n, bucket in enumerate(_split(group, first)):
        if n:
            separators.append(first.name)
        sub_tiers, sub_separators = _resolve(bucket, rest)
        tiers.extend(sub_tiers)
        separators.extend(sub_separators)
    return tiers, separators


@dataclass(frozen=True)
class _Placed(Generic[E]):
    entry: E
    rank: int
    tied: bool
    above_next_by: str | None


def _place(
    entries: list[E], criteria: Sequence[_Criterion[E]], name_of: Callable[[E], Hashable]
) -> tuple[list[_Placed[E]], list[list[E]]]:
    """Rank entries (competition ranking); return placements and tied groups."""
    tiers, separators = _resolve(entries, criteria)
    placed: list[_Placed[E]] = []
    ties: list[list[E]] = []
    position = 1
    for n, tier in enumerate(tiers):
        tier = sorted(tier, key=lambda e: str(name_of(e)))
        if len(tier) > 1:
            ties.append(tier)
        for k, entry in enumerate(tier):
            last_of_tier = k == len(tier) - 1
            above = separators[n] if last_of_tier and n < len(separators) else None
            placed.append(_Placed(entry, position, len(tier) > 1, above))
        position += len(tier)
    return placed, ties


# ----------------------------------------------------------------- team standings


@dataclass(frozen=True)
class PartSpec:
    """A part of the show: ``kind`` is intro, knowledge or skit; total = Σ score × weight."""

    key: str
    kind: str
    weight: Decimal = Decimal(1)
    title: str = ""


@dataclass(frozen=True)
class TeamResult:
    """A team's part scores (part key → score) and its penalty points."""

    team: str
    scores: Mapping[str, Any]
    penalty_points: Any = Decimal(0)


@dataclass(frozen=True)
class PartLine:
    """One part in a team's standing row."""

    key: str
    kind: str
    title: str
    score: Decimal
    weight: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class TeamStanding:
    """One row of the team standings.

    ``above_next_by`` names the criterion ("total", "knowledge", …) that placed
    this team above the next row; None for the last row or inside a tie.
    """

    rank: int
    team: str
    total: Decimal
    parts: tuple[PartLine, ...]
    penalty_points: Decimal
    tied: bool
    above_next_by: str | None

    def score_of_kind(self, kind: str) -> Decimal:
        """Sum of raw scores of the parts of one kind."""
        return sum((p.score for p in self.parts if p.kind == kind), Decimal(0))


@dataclass(frozen=True)
class TieBreakDecision:
    """Two adjacent teams with equal totals separated by a tie-break."""

    upper: str
    lower: str
    criterion: str
    upper_value: Decimal | int
    lower_value: Decimal | int
    note: str


@dataclass(frozen=True)
class UnresolvedTie:
    """Teams or members still equal after every tie-break; they share ``rank``."""

    rank: int
    entries: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Standings:
    """Team standings, best first, with the tie-break decisions that shaped them."""

    rows: tuple[TeamStanding, ...]
    tie_breaks: tuple[str, ...]
    decisions: tuple[TieBreakDecision, ...] = field(default=())
    unresolved: tuple[UnresolvedTie, ...] = field(default=())

    def row(self, team: str) -> TeamStanding:
        """The row of one team."""
        for row in self.rows:
            if row.team == team:
                return row
        raise KeyError(team)


def _check_parts(parts: Sequence[PartSpec]) -> dict[str, PartSpec]:
    if not parts:
        raise ScoringError(_("Hội thi chưa có phần thi nào."))
    by_key: dict[str, PartSpec] = {}
    for part in parts:
        if part.key in by_key:
            raise ScoringError(_("Hai phần thi trùng mã %(key)s.") % {"key": part.key})
        if part.kind not in PART_KINDS:
            raise ScoringError(_("Loại phần thi không hợp lệ: %(kind)r.") % {"kind": part.kind})
        if to_decimal(part.weight, _("Hệ số phần thi")) < 0:
            raise ScoringError(_("Hệ số phần thi không được âm."))
        by_key[part.key] = part
    return by_key


def _team_row(
    result: TeamResult,
    parts: Sequence[PartSpec],
    known: Mapping[str, PartSpec],
    decimals: int | None,
    partial: bool,
) -> TeamStanding:
    unknown = sorted(str(k) for k in result.scores if k not in known)
    if unknown:
        raise ScoringError(
            _("Đội %(team)s có điểm của phần thi không tồn tại: %(keys)s.")
            % {"team": result.team, "keys": ", ".join(unknown)}
        )
    missing = [p.title or p.key for p in parts if result.scores.get(p.key) is None]
    if missing and not partial:
        raise ScoringError(
            _("Đội %(team)s chưa có điểm phần thi: %(parts)s.")
            % {"team": result.team, "parts": ", ".join(missing)}
        )
    lines: list[PartLine] = []
    for part in parts:
        raw = result.scores.get(part.key)
        what = _("Điểm phần %(part)s của đội %(team)s") % {
            "part": part.title or part.key,
            "team": result.team,
        }
        score = Decimal(0) if raw is None else to_decimal(raw, what)
        weight = Decimal(part.weight)
        lines.append(PartLine(part.key, part.kind, part.title, score, weight, score * weight))
    total = sum((line.weighted for line in lines), Decimal(0))
    if decimals is not None:
        total = round_half_up(total, decimals)
    penalty = to_decimal(result.penalty_points, _("Điểm bị trừ"))
    if penalty < 0:
        raise ScoringError(_("Điểm bị trừ của đội %(team)s không được âm.") % {"team": result.team})
    return TeamStanding(0, result.team, total, tuple(lines), penalty, False, None)


def _team_criteria(
    tie_breaks: Sequence[str], draw: Mapping[str, int]
) -> list[_Criterion[TeamStanding]]:
    criteria: list[_Criterion[TeamStanding]] = [_Criterion(TOTAL, lambda r: r.total)]
    for name in tie_breaks:
        if name in PART_KINDS:
            criteria.append(_Criterion(name, lambda r, kind=name: r.score_of_kind(kind)))
        elif name == PENALTIES:
            criteria.append(_Criterion(name, lambda r: -r.penalty_points))
        else:  # DRAW: a smaller position drawn ranks first
            criteria.append(_Criterion(name, lambda r: -draw[r.team] if r.team in draw else None))
    return criteria


def _criterion_value(row: TeamStanding, criterion: str, draw: Mapping[str, int]) -> Decimal | int:
    if criterion == TOTAL:
        return row.total
    if criterion == PENALTIES:
        return row.penalty_points
    if criterion == DRAW:
        return draw[row.team]
    return row.score_of_kind(criterion)


def _check_draw(draw: Mapping[str, int] | None, teams: set[str]) -> dict[str, int]:
    result: dict[str, int] = {}
    for team, position in (draw or {}).items():
        if team not in teams:
            raise ScoringError(
                _("Kết quả bốc thăm có đội %(team)s không có trong bảng xếp hạng.") % {"team": team}
            )
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            raise ScoringError(
                _("Thứ tự bốc thăm của đội %(team)s phải là số nguyên dương.") % {"team": team}
            )
        result[team] = position
    positions = list(result.values())
    if len(set(positions)) != len(positions):
        raise ScoringError(_("Hai đội có cùng thứ tự bốc thăm."))
    return result


def compute_standings(
    parts: Sequence[PartSpec],
    results: Iterable[TeamResult],
    tie_breaks: str | Sequence[str] = DEFAULT_TIE_BREAKS,
    draw: Mapping[str, int] | None = None,
    decimals: int | None = None,
    partial: bool = False,
) -> Standings:
    """Team standings: total = Σ part score × part weight, then the tie-breaks.

    ``draw`` is the committee's recorded draw (team → position, 1 is best); it
    decides a tied group only if every team in the group has a position.
    ``decimals`` rounds totals half-up (None keeps them exact). ``partial``
    counts missing part scores as 0 (provisional standings during the show).
    """
    known = _check_parts(parts)
    order = parse_tie_breaks(tie_breaks)
    if decimals is not None:
        check_decimals(decimals)
    rows = [_team_row(r, parts, known, decimals, partial) for r in results]
    names = [r.team for r in rows]
    if len(set(names)) != len(names):
        raise ScoringError(_("Một đội xuất hiện hai lần trong kết quả."))
    draws = _check_draw(draw, set(names))
    placed, ties = _place(rows, _team_criteria(order, draws), lambda r: r.team)
    final = tuple(
        TeamStanding(
            p.rank,
            p.entry.team,
            p.entry.total,
            p.entry.parts,
            p.entry.penalty_points,
            p.tied,
            p.above_next_by,
        )
        for p in placed
    )
    decisions = []
    for upper, lower in zip(final, final[1:], strict=False):
        criterion = upper.above_next_by
        if criterion is None or criterion == TOTAL:
            continue
        decisions.append(
            TieBreakDecision(
                upper=upper.team,
                lower=lower.team,
                criterion=criterion,
                upper_value=_criterion_value(upper, criterion, draws),
                lower_value=_criterion_value(lower, criterion, draws),
                note=_(
                    "Đội %(upper)s bằng tổng điểm với đội %(lower)s, xếp trên nhờ %(reason)s "
                    "(%(a)s so với %(b)s)."
                )
                % {
                    "upper": upper.team,
                    "lower": lower.team,
                    "reason": describe_criterion(criterion),
                    "a": format_number(_criterion_value(upper, criterion, draws)),
                    "b": format_number(_criterion_value(lower, criterion, draws)),
                },
            )
        )
    unresolved = [_unresolved_team_tie(tie, final, order, draws) for tie in ties]
    return Standings(final, order, tuple(decisions), tuple(unresolved))


def _unresolved_team_tie(
    tie: list[TeamStanding],
    final: Sequence[TeamStanding],
    order: Sequence[str],
    draws: Mapping[str, int],
) -> UnresolvedTie:
    names = tuple(r.team for r in tie)
    rank = next(r.rank for r in final if r.team == names[0])
    args = {"teams": ", ".join(names), "rank": rank}
    if DRAW in order:
        waiting = [n for n in names if n not in draws]
        note = _(
            "Các đội %(teams)s bằng nhau theo mọi tiêu chí; chưa có kết quả bốc thăm của "
            "đội %(waiting)s nên tạm xếp đồng hạng %(rank)d, chờ Ban Tổ chức quyết định."
        ) % {**args, "waiting": ", ".join(waiting)}
    else:
        note = _("Các đội %(teams)s bằng nhau theo mọi tiêu chí nên cùng xếp hạng %(rank)d.") % args
    return UnresolvedTie(rank, names, note)


# --------------------------------------------------------------- individual ranks


@dataclass(frozen=True)
class MemberStanding:
    """One row of the individual standings (knowledge part)."""

    rank: int
    member: str
    team: str
    points: Decimal
    correct_count: int
    wrong_count: int
    tied: bool
    above_next_by: str | None


@dataclass(frozen=True)
class MemberRanking:
    """Individual standings with members who remain tied."""

    rows: tuple[MemberStanding, ...]
    unresolved: tuple[UnresolvedTie, ...]


def rank_members(members: Iterable[MemberKnowledge]) -> MemberRanking:
    """Members by knowledge points, then fewer wrong answers, else the same rank."""
    entries = list(members)
    names = [m.member for m in entries]
    if len(set(names)) != len(names):
        raise ScoringError(_("Một thành viên xuất hiện hai lần trong kết quả."))
    criteria: list[_Criterion[MemberKnowledge]] = [
        _Criterion(MEMBER_POINTS, lambda m: m.points),
        _Criterion(FEWER_WRONG, lambda m: -m.wrong_count),
    ]
    placed, ties = _place(entries, criteria, lambda m: m.member)
    rows = tuple(
        MemberStanding(
            rank=p.rank,
            member=p.entry.member,
            team=p.entry.team,
            points=p.entry.points,
            correct_count=p.entry.correct_count,
            wrong_count=p.entry.wrong_count,
            tied=p.tied,
            above_next_by=p.above_next_by,
        )
        for p in placed
    )
    unresolved = []
    for tie in ties:
        rank = next(r.rank for r in rows if r.member == tie[0].member)
        unresolved.append(
            UnresolvedTie(
                rank,
                tuple(m.member for m in tie),
                _(
                    "Các thành viên %(members)s bằng điểm và bằng số câu sai nên cùng "
                    "xếp hạng %(rank)d."
                )
                % {"members": ", ".join(m.member for m in tie), "rank": rank},
            )
        )
    return MemberRanking(rows, tuple(unresolved))
