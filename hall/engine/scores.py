"""Scores derived from the state: judged-part aggregates, standings, unusual-mark flags."""

from __future__ import annotations

from statistics import median

from hall.engine.state import HallState, MarkSheet, PartSetup


def aggregate(part: PartSetup, totals: list[float]) -> float | None:
    """Mean of the judges' weighted totals; "trimmed" drops one highest and one lowest (≥ 5)."""
    if not totals:
        return None
    values = sorted(totals)
    if part.aggregation == "trimmed" and len(values) >= 5:
        values = values[1:-1]
    return round(sum(values) / len(values), part.decimals)


def sheets(state: HallState, part_id: int, team_id: int | None = None) -> list[MarkSheet]:
    return sorted(
        (
            s
            for s in state.marks.values()
            if s.part_id == part_id and (team_id is None or s.team_id == team_id)
        ),
        key=lambda s: (s.team_id, s.judge_id),
    )


def part_scores(state: HallState, part: PartSetup) -> dict[int, float]:
    """team id -> aggregate of the judges' totals for one judged part."""
    result: dict[int, float] = {}
    for team in state.setup.teams:
        score = aggregate(part, [s.total for s in sheets(state, part.id, team.id)])
        if score is not None:
            result[team.id] = score
    return result


def standings(state: HallState) -> list[dict]:
    """Teams by total: knowledge points (all parts) + released judged parts, each × part weight."""
    setup = state.setup
    if setup is None:
        return []
    judged = {
        p.id: part_scores(state, p)
        for p in setup.parts
        if p.judged and p.id in state.released_parts
    }
    rows = []
    for team in setup.teams:
        parts: dict[str, float] = {}
        total = 0.0
        for part in setup.parts:
            if part.kind == "knowledge":
                score = state.part_points.get(f"{part.id}:{team.id}", 0.0)
            elif part.id in judged:
                score = judged[part.id].get(team.id, 0.0)
            else:
                continue
            parts[str(part.id)] = score
            total += score * part.weight
        rows.append(
            {
                "team_id": team.id,
                "number": team.number,
                "name": team.name,
                "unit_name": team.unit_name,
                "knowledge": state.team_points.get(str(team.id), 0.0),
                "penalties": state.penalties.get(str(team.id), 0.0),
                "parts": parts,
                "total": round(total, 2),
            }
        )
    rows.sort(key=lambda r: (-r["total"], r["number"]))
    rank = 0
    for index, row in enumerate(rows):
        if index == 0 or row["total"] != rows[index - 1]["total"]:
            rank = index + 1
        row["rank"] = rank
    return rows


def unusual_marks(state: HallState) -> list[dict]:
    """Sheets whose total is far from the median of the other judges' totals for that team."""
    setup = state.setup
    flags: list[dict] = []
    if setup is None:
        return flags
    for part in setup.parts:
        if not part.judged or part.max_total <= 0:
            continue
        limit = setup.unusual_mark_threshold * part.max_total
        for team in setup.teams:
            team_sheets = sheets(state, part.id, team.id)
            for sheet in team_sheets:
                others = [s.total for s in team_sheets if s.judge_id != sheet.judge_id]
                if len(others) < 2:
                    continue
                mid = median(others)
                if abs(sheet.total - mid) > limit:
                    flags.append(
                        {
                            "part_id": part.id,
                            "team_id": team.id,
                            "judge_id": sheet.judge_id,
                            "total": sheet.total,
                            "median_others": mid,
                            "deviation": round(sheet.total - mid, 6),
                        }
                    )
    return flags
