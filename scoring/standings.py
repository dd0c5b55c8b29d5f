"""Team and individual standings with ordered, named tie-breaks.

Teams are ordered by total; equal totals go through the contest's tie-breaks in
order ("knowledge", "skit", "intro", "penalties", "draw"). Every adjacent pair
that a tie-break separated records which one, so the results can say why a team
is above another. Teams still equal after every tie-break share the rank
(1, 2, 2, 4) and are reported as an unresolved tie: nothing here ever picks one.

The Organizing Committee's draw (``draw_lots`` in the hall's log) is the last
tie-break, always: where the contest lists "draw" it applies there, and where it
does not, it still comes after every listed criterion, so a tie at a prize
boundary can always be settled. A recorded draw is an order of entries made for
one tie: it decides a tied group when its entries are exactly that group and
(when it says so) they are still tied at the figure they were drawn at; the
latest such draw counts. A draw made for another tie never decides this one.

Entries are keyed by any hashable (the hall uses team and member ids); notes for
people use each entry's ``name``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from scoring.numbers import ScoringError, _, check_decimals, format_number, round_half_up
from scoring.rules import MemberKnowledge, order_key, to_decimal

__all__ = [
    "DEFAULT_TIE_BREAKS",
    "LotsDraw",
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


def with_draw_last(tie_breaks: Sequence[str]) -> tuple[str, ...]:
    """The tie-breaks as applied: the committee's draw comes last when not listed."""
    order = tuple(tie_breaks)
    return order if DRAW in order else (*order, DRAW)


# -------------------------------------------------------------- recorded draws


@dataclass(frozen=True)
class LotsDraw:
    """The committee's recorded draw: entries in the order drawn (the first ranks best).

    ``value`` is the figure they were tied at (a total, points); None: any."""

    order: tuple[Hashable, ...]
    draw_id: int = 0
    value: Decimal | None = None

    def position(self, entry: Hashable) -> int:
        return self.order.index(entry) + 1


def _check_draws(draws: Sequence[LotsDraw]) -> tuple[LotsDraw, ...]:
    for draw in draws:
        if len(set(draw.order)) != len(draw.order) or len(draw.order) < 2:
            raise ScoringError(_("Kết quả bốc thăm phải có ít nhất hai bên, mỗi bên một lần."))
    return tuple(draws)


def deciding_draw(
    draws: Sequence[LotsDraw], group: Iterable[Hashable], value: Decimal | None = None
) -> LotsDraw | None:
    """The latest recorded draw made for exactly this group (tied at ``value``), if any."""
    wanted = set(group)
    for draw in reversed(draws):
        if set(draw.order) == wanted and (draw.value is None or draw.value == value):
            return draw
    return None


# -------------------------------------------------------------- generic ranking

E = TypeVar("E")


@dataclass(frozen=True)
class _Criterion(Generic[E]):
    """Ordering criterion: a key where a higher value ranks first.

    ``key`` returns None when it cannot compare that entry; a group containing
    such an entry is left undivided by this criterion. ``split`` replaces ``key``
    for criteria that look at the whole group (the draw).
    """

    name: str
    key: Callable[[E], Any] | None = None
    split: Callable[[list[E]], list[list[E]]] | None = None


def _split(group: list[E], criterion: _Criterion[E]) -> list[list[E]]:
    """Split a tied group into ordered buckets of equal key (best first)."""
    if criterion.split is not None:
        return criterion.split(group)
    keys = [criterion.key(e) for e in group]
    if any(k is None for k in keys):
        return [group]
    buckets: dict[Any, list[E]] = {}
    for entry, key in zip(group, keys, strict=True):
        buckets.setdefault(key, []).append(entry)
    return [buckets[k] for k in sorted(buckets, reverse=True)]


def _draw_split(
    draws: Sequence[LotsDraw],
    key_of: Callable[[E], Hashable],
    value_of: Callable[[E], Any] = lambda e: None,
    used: dict[Hashable, LotsDraw] | None = None,
):
    """The draw criterion; ``used`` notes which draw decided each entry."""

    def split(group: list[E]) -> list[list[E]]:
        draw = deciding_draw(draws, (key_of(e) for e in group), value_of(group[0]))
        if draw is None:
            return [group]
        if used is not None:
            used.update((key_of(e), draw) for e in group)
        return [[e] for e in sorted(group, key=lambda e: draw.position(key_of(e)))]

    return split


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
    entries: list[E], criteria: Sequence[_Criterion[E]], key_of: Callable[[E], Hashable]
) -> tuple[list[_Placed[E]], list[list[E]]]:
    """Rank entries (competition ranking); return placements and tied groups.

    Entries still tied are listed in key order (team ids, member ids), which
    decides nothing: they share the rank.
    """
    tiers, separators = _resolve(entries, criteria)
    placed: list[_Placed[E]] = []
    ties: list[list[E]] = []
    position = 1
    for n, tier in enumerate(tiers):
        tier = sorted(tier, key=lambda e: order_key(key_of(e)))
        if len(tier) > 1:
            ties.append(tier)
        for k, entry in enumerate(tier):
            last_of_tier = k == len(tier) - 1
            above = separators[n] if last_of_tier and n < len(separators) else None
            placed.append(_Placed(entry, position, len(tier) > 1, above))
        position += len(tier)
    return placed, ties


def rank_entries(
    entries: Sequence[E],
    criteria: Sequence[tuple[str, Callable[[E], Any]]],
    key_of: Callable[[E], Hashable],
    draws: Sequence[LotsDraw] = (),
) -> list[tuple[E, int, bool]]:
    """Rank any entries by ``(name, key)`` criteria (higher key first), then the draws.

    Returns (entry, rank, tied) best first: entries equal on every criterion and not
    settled by a recorded draw share the rank. Used by the online round's ranking.
    """
    built: list[_Criterion[E]] = [_Criterion(name, key) for name, key in criteria]
    built.append(_Criterion(DRAW, split=_draw_split(_check_draws(draws), key_of)))
    placed, _ties = _place(list(entries), built, key_of)
    return [(p.entry, p.rank, p.tied) for p in placed]


# ----------------------------------------------------------------- team standings


@dataclass(frozen=True)
class PartSpec:
    """A part of the show: ``kind`` is intro, knowledge or skit; total = Σ score × weight."""

    key: Hashable
    kind: str
    weight: Decimal = Decimal(1)
    title: str = ""


@dataclass(frozen=True)
class TeamResult:
    """A team's part scores (part key → score) and its penalty points."""

    team: Hashable
    scores: Mapping[Hashable, Any]
    penalty_points: Any = Decimal(0)
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.team)


@dataclass(frozen=True)
class PartLine:
    """One part in a team's standing row."""

    key: Hashable
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
    team: Hashable
    total: Decimal
    parts: tuple[PartLine, ...]
    penalty_points: Decimal
    tied: bool
    above_next_by: str | None
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.team)

    def score_of_kind(self, kind: str) -> Decimal:
        """Sum of raw scores of the parts of one kind."""
        return sum((p.score for p in self.parts if p.kind == kind), Decimal(0))


@dataclass(frozen=True)
class TieBreakDecision:
    """Two adjacent teams with equal totals separated by a tie-break."""

    upper: Hashable
    lower: Hashable
    criterion: str
    upper_value: Decimal | int
    lower_value: Decimal | int
    note: str


@dataclass(frozen=True)
class UnresolvedTie:
    """Teams or members still equal after every tie-break; they share ``rank``."""

    rank: int
    entries: tuple[Hashable, ...]
    note: str


@dataclass(frozen=True)
class Standings:
    """Team standings, best first, with the tie-break decisions that shaped them."""

    rows: tuple[TeamStanding, ...]
    tie_breaks: tuple[str, ...]
    decisions: tuple[TieBreakDecision, ...] = field(default=())
    unresolved: tuple[UnresolvedTie, ...] = field(default=())

    def row(self, team: Hashable) -> TeamStanding:
        """The row of one team."""
        for row in self.rows:
            if row.team == team:
                return row
        raise KeyError(team)


def _check_parts(parts: Sequence[PartSpec]) -> dict[Hashable, PartSpec]:
    if not parts:
        raise ScoringError(_("Hội thi chưa có phần thi nào."))
    by_key: dict[Hashable, PartSpec] = {}
    for part in parts:
        if part.key in by_key:
            raise ScoringError(_("Hai phần thi trùng mã %(key)s.") % {"key": part.key})
        if part.kind not in PART_KINDS:
            raise ScoringError(_("Loại phần thi không hợp lệ: %(kind)r.") % {"kind": part.kind})
        if to_decimal(part.weight, lambda: _("Hệ số phần thi")) < 0:
            raise ScoringError(_("Hệ số phần thi không được âm."))
        by_key[part.key] = part
    return by_key


def _part_what(part: PartSpec, result: TeamResult) -> str:
    return _("Điểm phần %(part)s của đội %(team)s") % {
        "part": part.title or part.key,
        "team": result.label,
    }


def _team_row(
    result: TeamResult,
    parts: Sequence[PartSpec],
    known: Mapping[Hashable, PartSpec],
    decimals: int | None,
    partial: bool,
) -> TeamStanding:
    unknown = sorted(str(k) for k in result.scores if k not in known)
    if unknown:
        raise ScoringError(
            _("Đội %(team)s có điểm của phần thi không tồn tại: %(keys)s.")
            % {"team": result.label, "keys": ", ".join(unknown)}
        )
    missing = [p.title or str(p.key) for p in parts if result.scores.get(p.key) is None]
    if missing and not partial:
        raise ScoringError(
            _("Đội %(team)s chưa có điểm phần thi: %(parts)s.")
            % {"team": result.label, "parts": ", ".join(missing)}
        )
    lines: list[PartLine] = []
    for part in parts:
        raw = result.scores.get(part.key)
        score = Decimal(0) if raw is None else to_decimal(raw, lambda p=part: _part_what(p, result))
        weight = Decimal(part.weight)
        lines.append(PartLine(part.key, part.kind, part.title, score, weight, score * weight))
    total = sum((line.weighted for line in lines), Decimal(0))
    if decimals is not None:
        total = round_half_up(total, decimals)
    penalty = to_decimal(result.penalty_points, lambda: _("Điểm bị trừ"))
    if penalty < 0:
        raise ScoringError(
            _("Điểm bị trừ của đội %(team)s không được âm.") % {"team": result.label}
        )
    return TeamStanding(0, result.team, total, tuple(lines), penalty, False, None, result.name)


def _team_criteria(
    tie_breaks: Sequence[str], draws: Sequence[LotsDraw], used: dict[Hashable, LotsDraw]
) -> list[_Criterion[TeamStanding]]:
    criteria: list[_Criterion[TeamStanding]] = [_Criterion(TOTAL, lambda r: r.total)]
    for name in with_draw_last(tie_breaks):
        if name in PART_KINDS:
            criteria.append(_Criterion(name, lambda r, kind=name: r.score_of_kind(kind)))
        elif name == PENALTIES:
            criteria.append(_Criterion(name, lambda r: -r.penalty_points))
        else:
            criteria.append(
                _Criterion(
                    name, split=_draw_split(draws, lambda r: r.team, lambda r: r.total, used)
                )
            )
    return criteria


def _criterion_value(
    upper: TeamStanding, lower: TeamStanding, criterion: str, used: Mapping[Hashable, LotsDraw]
) -> tuple[Decimal | int, Decimal | int]:
    if criterion == TOTAL:
        return upper.total, lower.total
    if criterion == PENALTIES:
        return upper.penalty_points, lower.penalty_points
    if criterion == DRAW:
        draw = used[upper.team]
        return draw.position(upper.team), draw.position(lower.team)
    return upper.score_of_kind(criterion), lower.score_of_kind(criterion)


def compute_standings(
    parts: Sequence[PartSpec],
    results: Iterable[TeamResult],
    tie_breaks: str | Sequence[str] = DEFAULT_TIE_BREAKS,
    draws: Sequence[LotsDraw] = (),
    decimals: int | None = None,
    partial: bool = False,
) -> Standings:
    """Team standings: total = Σ part score × part weight, then the tie-breaks.

    ``draws`` are the committee's recorded draws (oldest first). ``decimals``
    rounds totals half-up (None keeps them exact). ``partial`` counts missing part
    scores as 0 (provisional standings during the show).
    """
    known = _check_parts(parts)
    order = parse_tie_breaks(tie_breaks)
    draws = _check_draws(draws)
    if decimals is not None:
        check_decimals(decimals)
    rows = [_team_row(r, parts, known, decimals, partial) for r in results]
    keys = [r.team for r in rows]
    if len(set(keys)) != len(keys):
        raise ScoringError(_("Một đội xuất hiện hai lần trong kết quả."))
    used: dict[Hashable, LotsDraw] = {}
    placed, ties = _place(rows, _team_criteria(order, draws, used), lambda r: r.team)
    final = tuple(
        TeamStanding(
            p.rank,
            p.entry.team,
            p.entry.total,
            p.entry.parts,
            p.entry.penalty_points,
            p.tied,
            p.above_next_by,
            p.entry.name,
        )
        for p in placed
    )
    decisions = []
    for upper, lower in zip(final, final[1:], strict=False):
        criterion = upper.above_next_by
        if criterion is None or criterion == TOTAL:
            continue
        a, b = _criterion_value(upper, lower, criterion, used)
        decisions.append(
            TieBreakDecision(
                upper=upper.team,
                lower=lower.team,
                criterion=criterion,
                upper_value=a,
                lower_value=b,
                note=_(
                    "Đội %(upper)s bằng tổng điểm với đội %(lower)s, xếp trên nhờ %(reason)s "
                    "(%(a)s so với %(b)s)."
                )
                % {
                    "upper": upper.label,
                    "lower": lower.label,
                    "reason": describe_criterion(criterion),
                    "a": format_number(a),
                    "b": format_number(b),
                },
            )
        )
    by_key = {r.team: r for r in final}
    unresolved = tuple(
        _unresolved_tie([by_key[r.team] for r in tie], _("Các đội %(names)s")) for tie in ties
    )
    return Standings(final, order, tuple(decisions), unresolved)


def _unresolved_tie(tie: Sequence[Any], who: str) -> UnresolvedTie:
    """A tie nothing settled: the entries share the rank until the committee draws lots."""
    placed = list(tie)
    names = ", ".join(e.label for e in placed)
    rank = placed[0].rank
    note = _(
        "%(who)s bằng nhau theo mọi tiêu chí nên cùng xếp hạng %(rank)d; "
        "Ban Tổ chức bốc thăm nếu cần phân định."
    ) % {"who": who % {"names": names}, "rank": rank}
    return UnresolvedTie(rank, tuple(_entry_key(e) for e in placed), note)


def _entry_key(entry: Any) -> Hashable:
    return entry.team if isinstance(entry, TeamStanding) else entry.member


# --------------------------------------------------------------- individual ranks


@dataclass(frozen=True)
class MemberStanding:
    """One row of the individual standings (knowledge part)."""

    rank: int
    member: Hashable
    team: Hashable
    points: Decimal
    correct_count: int
    wrong_count: int
    tied: bool
    above_next_by: str | None
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.member)


@dataclass(frozen=True)
class MemberRanking:
    """Individual standings with members who remain tied."""

    rows: tuple[MemberStanding, ...]
    unresolved: tuple[UnresolvedTie, ...]


def rank_members(
    members: Iterable[MemberKnowledge], draws: Sequence[LotsDraw] = ()
) -> MemberRanking:
    """Members by knowledge points, then fewer wrong answers, then the committee's draw;
    else the same rank."""
    entries = list(members)
    keys = [m.member for m in entries]
    if len(set(keys)) != len(keys):
        raise ScoringError(_("Một thành viên xuất hiện hai lần trong kết quả."))
    criteria: list[_Criterion[MemberKnowledge]] = [
        _Criterion(MEMBER_POINTS, lambda m: m.points),
        _Criterion(FEWER_WRONG, lambda m: -m.wrong_count),
        _Criterion(
            DRAW, split=_draw_split(_check_draws(draws), lambda m: m.member, lambda m: m.points)
        ),
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
            name=p.entry.name,
        )
        for p in placed
    )
    by_key = {r.member: r for r in rows}
    unresolved = tuple(
        _unresolved_tie([by_key[m.member] for m in tie], _("Các thành viên %(names)s"))
        for tie in ties
    )
    return MemberRanking(rows, unresolved)
