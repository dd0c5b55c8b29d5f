"""Pure scoring rules: judged parts, unusual marks and the knowledge part.

Nothing here imports Django or touches I/O. All numbers are ``Decimal``; the one
rounding rule (half-up, from exact fractions) is ``scoring.numbers.round_half_up``.
Teams, judges and members are keys of any hashable kind (the hall uses their
ids); notes for people name them through an optional ``names`` mapping.

User-facing text (errors, notes, rule descriptions) is Vietnamese source text
wrapped in ``_()``, so ``makemessages`` collects it (see ``scoring.numbers``).
"""

from __future__ import annotations

import dataclasses
import functools
import statistics
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from scoring.numbers import (
    ScoringError,
    _,
    check_decimals,
    format_number,
    plain,
    round_half_up,
    set_localization,
    to_decimal,
)

__all__ = [
    "AGGREGATION_METHODS",
    "AnswerOutcome",
    "CriterionSpec",
    "DeviationThreshold",
    "JudgeTotal",
    "KNOWLEDGE_MODES",
    "KnowledgeResult",
    "MemberKnowledge",
    "ScoringError",
    "TeamKnowledge",
    "TeamPartScore",
    "UnusualMark",
    "aggregate",
    "answer_points",
    "describe_aggregation",
    "flag_unusual_marks",
    "format_number",
    "judge_total",
    "jsonable",
    "round_half_up",
    "rubric_max",
    "score_judged_part",
    "score_knowledge",
    "set_localization",
    "sum_points",
    "to_decimal",
]

MEAN = "mean"
TRIMMED = "trimmed"
AGGREGATION_METHODS = (MEAN, TRIMMED)
TRIM_MIN_JUDGES = 5
MIN_OTHER_JUDGES = 2  # an unusual mark is judged against at least two other judges

TEAM_TURN = "team_turn"
BUZZ_IN = "buzz_in"
KNOWLEDGE_MODES = (TEAM_TURN, BUZZ_IN)


def jsonable(value: Any) -> Any:
    """Turn a result (dataclasses, tuples, Decimals) into plain JSON data.

    Decimals become strings ("85.00") so no precision is lost on the way.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _label(key: Hashable, names: Mapping[Hashable, str] | None) -> str:
    if names and key in names:
        return names[key]
    return str(key)


def order_key(key: Hashable) -> tuple[int, Any]:
    """Sort keys of one kind naturally: ids by number (2 before 10), names by text."""
    if isinstance(key, int) and not isinstance(key, bool):
        return (0, key)
    return (1, str(key))


# ------------------------------------------------------------------ judged parts


@dataclass(frozen=True)
class CriterionSpec:
    """One rubric criterion: marks go from 0 to ``max_points``, counted ``weight`` times."""

    key: str
    max_points: Decimal
    weight: Decimal = Decimal(1)
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.key


def _check_rubric(rubric: Sequence[CriterionSpec]) -> None:
    if not rubric:
        raise ScoringError(_("Thang điểm chưa có tiêu chí nào."))
    keys = [c.key for c in rubric]
    if len(set(keys)) != len(keys):
        raise ScoringError(_("Thang điểm có hai tiêu chí trùng mã."))
    for c in rubric:
        if to_decimal(c.max_points, lambda: _("Điểm tối đa")) < 0:
            raise ScoringError(
                _("Điểm tối đa của tiêu chí %(name)s không được âm.") % {"name": c.label}
            )
        if to_decimal(c.weight, lambda: _("Trọng số")) < 0:
            raise ScoringError(
                _("Trọng số của tiêu chí %(name)s không được âm.") % {"name": c.label}
            )


def rubric_max(rubric: Sequence[CriterionSpec]) -> Decimal:
    """Highest total a judge can give: Σ max_points × weight."""
    _check_rubric(rubric)
    return plain(sum((Decimal(c.max_points) * Decimal(c.weight) for c in rubric), Decimal(0)))


def judge_total(rubric: Sequence[CriterionSpec], marks: Mapping[str, Any]) -> Decimal:
    """One judge's total for one team: Σ mark × weight over all criteria.

    Every criterion must be marked, each mark must be between 0 and the
    criterion's maximum, and no unknown criterion may appear. (A live hall asks for
    the same sheets' totals at every event: valid sheets are remembered.)
    """
    try:
        key = (tuple(rubric), tuple(sorted(marks.items())))
        hash(key)
    except TypeError:  # an unhashable mark: it is checked (and refused) below
        return _judge_total(rubric, marks)
    return _remembered_total(key)


@functools.lru_cache(maxsize=8192)
def _remembered_total(key: tuple) -> Decimal:
    rubric, marks = key
    return _judge_total(rubric, dict(marks))


def _judge_total(rubric: Sequence[CriterionSpec], marks: Mapping[str, Any]) -> Decimal:
    _check_rubric(rubric)
    known = {c.key for c in rubric}
    unknown = sorted(str(k) for k in marks if k not in known)
    if unknown:
        raise ScoringError(
            _("Phiếu chấm có tiêu chí không thuộc thang điểm: %(keys)s.")
            % {"keys": ", ".join(unknown)}
        )
    missing = [c.label for c in rubric if c.key not in marks or marks[c.key] is None]
    if missing:
        raise ScoringError(
            _("Phiếu chấm còn thiếu điểm tiêu chí: %(names)s.") % {"names": ", ".join(missing)}
        )
    total = Decimal(0)
    for c in rubric:
        mark = to_decimal(marks[c.key], lambda c=c: _("Điểm tiêu chí %(name)s") % {"name": c.label})
        top = Decimal(c.max_points)
        if mark < 0 or mark > top:
            raise ScoringError(
                _("Điểm tiêu chí %(name)s phải từ 0 đến %(max)s (đang là %(mark)s).")
                % {"name": c.label, "max": format_number(top), "mark": format_number(mark)}
            )
        total += mark * Decimal(c.weight)
    return plain(total)


def _check_method(method: str) -> str:
    if method not in AGGREGATION_METHODS:
        raise ScoringError(
            _("Cách tổng hợp điểm không hợp lệ: %(method)r (chỉ nhận mean hoặc trimmed).")
            % {"method": method}
        )
    return method


def _trims(method: str, judge_count: int) -> bool:
    return method == TRIMMED and judge_count >= TRIM_MIN_JUDGES


def aggregate(totals: Sequence[Decimal], method: str, decimals: int) -> Decimal:
    """Aggregate judges' totals into a part score.

    ``mean``: arithmetic mean. ``trimmed``: drop one highest and one lowest total
    when there are at least 5 judges, otherwise the plain mean. Rounded half-up.
    """
    _check_method(method)
    check_decimals(decimals)
    if not totals:
        raise ScoringError(_("Chưa có điểm của giám khảo nào."))
    values = sorted(Fraction(to_decimal(t, lambda: _("Điểm giám khảo"))) for t in totals)
    if _trims(method, len(values)):
        values = values[1:-1]
    return round_half_up(sum(values, Fraction(0)) / len(values), decimals)


def _rounding_text(decimals: int) -> str:
    if decimals == 0:
        return _("làm tròn đến số nguyên")
    return _("làm tròn %(n)d chữ số thập phân") % {"n": decimals}


def describe_aggregation(method: str, decimals: int, judge_count: int) -> str:
    """The rule in words, for the results sheet and the minutes.

    >>> describe_aggregation("trimmed", 2, 5)
    'Điểm phần thi = trung bình cộng điểm của 5 giám khảo, bỏ 1 điểm cao nhất và 1 điểm thấp nhất, làm tròn 2 chữ số thập phân'
    """
    _check_method(method)
    check_decimals(decimals)
    if judge_count < 1:
        raise ScoringError(_("Số giám khảo phải ít nhất là 1."))
    rounding = _rounding_text(decimals)
    if _trims(method, judge_count):
        text = _(
            "Điểm phần thi = trung bình cộng điểm của %(n)d giám khảo, bỏ 1 điểm cao nhất "
            "và 1 điểm thấp nhất, %(rounding)s"
        )
    elif method == TRIMMED:
        text = _(
            "Điểm phần thi = trung bình cộng điểm của %(n)d giám khảo (dưới %(min)d giám khảo "
            "nên không bỏ điểm cao nhất và thấp nhất), %(rounding)s"
        )
    else:
        text = _("Điểm phần thi = trung bình cộng điểm của %(n)d giám khảo, %(rounding)s")
    return text % {"n": judge_count, "min": TRIM_MIN_JUDGES, "rounding": rounding}


@dataclass(frozen=True)
class JudgeTotal:
    """A judge's weighted total for a team; ``dropped`` when trimmed away."""

    judge: Hashable
    total: Decimal
    dropped: bool = False


@dataclass(frozen=True)
class TeamPartScore:
    """A team's score in one judged part, with the totals it came from."""

    team: Hashable
    score: Decimal
    method: str
    decimals: int
    judge_totals: tuple[JudgeTotal, ...]
    rule: str


def score_judged_part(
    rubric: Sequence[CriterionSpec],
    sheets: Mapping[Hashable, Mapping[str, Any]],
    method: str,
    decimals: int,
    team: Hashable = "",
    names: Mapping[Hashable, str] | None = None,
) -> TeamPartScore:
    """Score one team in one judged part from its judges' sheets (judge → marks).

    ``names`` names the judges in error messages (default: the key itself).

    With ``trimmed`` and at least 5 judges, the lowest and the highest totals are
    marked ``dropped`` (on equal totals the judge whose key sorts first is dropped
    for the low end and last for the high end, which does not change the score).
    """
    _check_method(method)
    check_decimals(decimals)
    if not sheets:
        raise ScoringError(_("Chưa có điểm của giám khảo nào."))
    totals: dict[Hashable, Decimal] = {}
    for judge, marks in sheets.items():
        try:
            totals[judge] = judge_total(rubric, marks)
        except ScoringError as exc:
            raise ScoringError(
                _("Giám khảo %(judge)s: %(error)s") % {"judge": _label(judge, names), "error": exc}
            ) from None
    order = sorted(totals, key=lambda j: (totals[j], order_key(j)))
    dropped = {order[0], order[-1]} if _trims(method, len(order)) else set()
    judge_totals = tuple(
        JudgeTotal(judge=j, total=totals[j], dropped=j in dropped)
        for j in sorted(totals, key=order_key)
    )
    return TeamPartScore(
        team=team,
        score=aggregate(list(totals.values()), method, decimals),
        method=method,
        decimals=decimals,
        judge_totals=judge_totals,
        rule=describe_aggregation(method, decimals, len(totals)),
    )


# ------------------------------------------------------------------ unusual marks


@dataclass(frozen=True)
class DeviationThreshold:
    """How far a judge's total may stray from the other judges' median.

    ``amount`` is in points, or, with ``relative=True``, a fraction of the
    rubric maximum (0.15 = 15 % of the highest possible total).
    """

    amount: Decimal
    relative: bool = False

    def limit(self, rubric_maximum: Decimal | None = None) -> Decimal:
        """The threshold in points."""
        amount = to_decimal(self.amount, lambda: _("Ngưỡng chênh lệch"))
        if amount <= 0:
            raise ScoringError(_("Ngưỡng chênh lệch phải lớn hơn 0."))
        if not self.relative:
            return amount
        if amount > 1:
            raise ScoringError(_("Ngưỡng theo tỷ lệ phải nằm trong khoảng 0 đến 1 (ví dụ 0.15)."))
        if rubric_maximum is None:
            raise ScoringError(_("Ngưỡng theo tỷ lệ cần biết điểm tối đa của thang điểm."))
        return amount * to_decimal(rubric_maximum, lambda: _("Điểm tối đa của thang điểm"))


@dataclass(frozen=True)
class UnusualMark:
    """A judge's total far from the median of the other judges' totals."""

    judge: Hashable
    team: Hashable
    total: Decimal
    median: Decimal
    deviation: Decimal
    limit: Decimal
    note: str


def flag_unusual_marks(
    totals: Mapping[Hashable, Mapping[Hashable, Any]],
    threshold: DeviationThreshold,
    rubric_maximum: Decimal | None = None,
    names: Mapping[Hashable, str] | None = None,
) -> tuple[UnusualMark, ...]:
    """Flag totals whose distance from the OTHER judges' median exceeds the limit.

    ``totals`` is team → judge → total. ``deviation`` is signed (total − median);
    a flag needs |deviation| strictly greater than the limit and at least
    ``MIN_OTHER_JUDGES`` (2) other judges: with one other judge there is no
    majority to stray from. Flags come out ordered by team, then judge. ``names``
    names teams and judges in the notes (default: their keys).
    """
    limit = plain(threshold.limit(rubric_maximum))
    flags: list[UnusualMark] = []
    for team in sorted(totals, key=order_key):
        by_judge = {j: to_decimal(v, lambda: _("Điểm giám khảo")) for j, v in totals[team].items()}
        for judge in sorted(by_judge, key=order_key):
            others = [v for j, v in by_judge.items() if j != judge]
            if len(others) < MIN_OTHER_JUDGES:
                continue
            median = plain(Decimal(statistics.median(others)))
            deviation = plain(by_judge[judge] - median)
            if abs(deviation) > limit:
                template = (
                    _(
                        "Giám khảo %(judge)s chấm đội %(team)s %(total)s điểm, cao hơn trung vị "
                        "của các giám khảo khác (%(median)s) %(gap)s điểm, vượt ngưỡng %(limit)s."
                    )
                    if deviation > 0
                    else _(
                        "Giám khảo %(judge)s chấm đội %(team)s %(total)s điểm, thấp hơn trung vị "
                        "của các giám khảo khác (%(median)s) %(gap)s điểm, vượt ngưỡng %(limit)s."
                    )
                )
                note = template % {
                    "judge": _label(judge, names),
                    "team": _label(team, names),
                    "total": format_number(plain(by_judge[judge])),
                    "median": format_number(median),
                    "gap": format_number(abs(deviation)),
                    "limit": format_number(limit),
                }
                flags.append(
                    UnusualMark(
                        judge=judge,
                        team=team,
                        total=plain(by_judge[judge]),
                        median=median,
                        deviation=deviation,
                        limit=limit,
                        note=note,
                    )
                )
    return tuple(flags)


# ---------------------------------------------------------------- knowledge part


def answer_points(mode: str, correct: bool, points_correct: Any, penalty_wrong: Any) -> Decimal:
    """The points one answer earns: ``points_correct`` when right; when wrong, nothing on a
    team's own turn and minus ``penalty_wrong`` for a buzz-in (or a silent buzz winner)."""
    if mode not in KNOWLEDGE_MODES:
        raise ScoringError(_("Hình thức phần kiến thức không hợp lệ: %(mode)r.") % {"mode": mode})
    reward = to_decimal(points_correct, lambda: _("Điểm mỗi câu đúng"))
    fine = to_decimal(penalty_wrong, lambda: _("Điểm trừ khi trả lời sai"))
    if reward < 0 or fine < 0:
        raise ScoringError(_("Điểm mỗi câu đúng và điểm trừ không được âm."))
    if correct:
        return plain(reward)
    if mode == BUZZ_IN:
        return plain(-fine)
    return Decimal(0)


def sum_points(points: Iterable[Any]) -> Decimal:
    """The points of several scored answers together (a team's answers to one question)."""
    return plain(
        sum((to_decimal(p, lambda: _("Điểm của câu trả lời")) for p in points), Decimal(0))
    )


@dataclass(frozen=True)
class AnswerOutcome:
    """One scored answer of the knowledge part, with the points it was given.

    ``member`` is None for a team's joint answer (no individual points). A wrong
    answer with negative points is a penalty.
    """

    mode: str
    team: Hashable
    member: Hashable | None
    correct: bool
    points: Decimal = Decimal(0)

    @property
    def penalty(self) -> bool:
        return not self.correct and self.points < 0


@dataclass(frozen=True)
class TeamKnowledge:
    """A team's knowledge-part result; ``points`` already has penalties deducted."""

    team: Hashable
    points: Decimal
    correct_count: int
    wrong_count: int
    penalty_count: int
    penalty_points: Decimal


@dataclass(frozen=True)
class MemberKnowledge:
    """A member's own knowledge points (for individual standings)."""

    member: Hashable
    team: Hashable
    points: Decimal
    correct_count: int
    wrong_count: int
    penalty_count: int
    penalty_points: Decimal
    name: str = ""


@dataclass(frozen=True)
class KnowledgeResult:
    """Team and member results of the knowledge part, each sorted by key."""

    teams: tuple[TeamKnowledge, ...]
    members: tuple[MemberKnowledge, ...]

    def team(self, team: Hashable) -> TeamKnowledge:
        """The row of one team."""
        for row in self.teams:
            if row.team == team:
                return row
        raise KeyError(team)

    def member(self, member: Hashable) -> MemberKnowledge:
        """The row of one member."""
        for row in self.members:
            if row.member == member:
                return row
        raise KeyError(member)


@dataclass
class _Tally:
    correct: int = 0
    wrong: int = 0
    penalties: int = 0
    points: Decimal = Decimal(0)
    penalty_points: Decimal = Decimal(0)


def score_knowledge(
    outcomes: Iterable[AnswerOutcome],
    teams: Iterable[Hashable] = (),
    members: Mapping[Hashable, Hashable] | None = None,
    names: Mapping[Hashable, str] | None = None,
) -> KnowledgeResult:
    """Knowledge points of teams and members: the sum of the points each answer was given.

    An answer counts for its team and, when a member gave it, for that member.
    ``teams`` and ``members`` (member → team) list those who must appear even with
    no answer. ``names`` names members and teams in error messages.
    """
    team_tally: dict[Hashable, _Tally] = {t: _Tally() for t in teams}
    member_tally: dict[Hashable, _Tally] = {}
    member_team: dict[Hashable, Hashable] = {}
    for member, team in (members or {}).items():
        member_tally[member] = _Tally()
        member_team[member] = team
        team_tally.setdefault(team, _Tally())
    for n, outcome in enumerate(outcomes, start=1):
        if outcome.mode not in KNOWLEDGE_MODES:
            raise ScoringError(
                _("Câu trả lời thứ %(n)d có hình thức không hợp lệ: %(mode)r.")
                % {"n": n, "mode": outcome.mode}
            )
        points = to_decimal(outcome.points, lambda: _("Điểm của câu trả lời"))
        if outcome.correct and points < 0:
            raise ScoringError(
                _("Câu trả lời thứ %(n)d vừa đúng vừa bị trừ điểm: dữ liệu không hợp lệ.")
                % {"n": n}
            )
        tallies = [team_tally.setdefault(outcome.team, _Tally())]
        if outcome.member is not None:
            known_team = member_team.setdefault(outcome.member, outcome.team)
            if known_team != outcome.team:
                raise ScoringError(
                    _("Thành viên %(member)s trả lời cho hai đội khác nhau (%(a)s và %(b)s).")
                    % {
                        "member": _label(outcome.member, names),
                        "a": _label(known_team, names),
                        "b": _label(outcome.team, names),
                    }
                )
            tallies.append(member_tally.setdefault(outcome.member, _Tally()))
        for tally in tallies:
            tally.points += points
            if outcome.correct:
                tally.correct += 1
            else:
                tally.wrong += 1
                if points < 0:
                    tally.penalties += 1
                    tally.penalty_points -= points

    return KnowledgeResult(
        teams=tuple(
            TeamKnowledge(
                team=team,
                points=plain(t.points),
                correct_count=t.correct,
                wrong_count=t.wrong,
                penalty_count=t.penalties,
                penalty_points=plain(t.penalty_points),
            )
            for team, t in sorted(team_tally.items(), key=lambda kv: order_key(kv[0]))
        ),
        members=tuple(
            MemberKnowledge(
                member=member,
                team=member_team[member],
                points=plain(t.points),
                correct_count=t.correct,
                wrong_count=t.wrong,
                penalty_count=t.penalties,
                penalty_points=plain(t.penalty_points),
                name=_label(member, names),
            )
            for member, t in sorted(member_tally.items(), key=lambda kv: order_key(kv[0]))
        ),
    )
