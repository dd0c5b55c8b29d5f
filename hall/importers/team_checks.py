"""Rules on whole teams once every row is read: numbers, answering members, skit cast."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hall import domain
from hall.importers.parsing import name_key
from hall.importers.report import ImportReport
from hall.importers.team_rows import TeamPlan
from hall.models import Contest, Team


def answering_limit(contest: Contest) -> int:
    return Team(contest=contest).max_answering()


def check_team_totals(
    contest: Contest, teams: dict[str, TeamPlan], report: ImportReport, rows_ok: bool
) -> None:
    """Rules on a whole team: team numbers, answering members, skit cast vs roster.

    The roster check needs every member row; it waits until the rows themselves are good.
    """
    limit = answering_limit(contest)
    planned_keys = {key for key, t in teams.items() if t.existing is not None}
    taken: dict[int, str] = {
        t.number: t.name for t in contest.teams.all() if name_key(t.name) not in planned_keys
    }
    for team in teams.values():
        if team.number is None:
            continue
        if team.number in taken:
            report.error(
                team.number_row,
                _("Số thứ tự %(number)d đã dùng cho đội “%(other)s”.")
                % {"number": team.number, "other": taken[team.number]},
            )
        else:
            taken[team.number] = team.name
    for team in teams.values():
        if team.number is None and team.existing is not None:
            team.number = team.existing.number
            if team.number in taken:
                report.error(
                    team.first_row,
                    _("Số thứ tự %(number)d của đội “%(team)s” đã dùng cho đội “%(other)s”.")
                    % {"number": team.number, "team": team.name, "other": taken[team.number]},
                )
            taken.setdefault(team.number, team.name)
    next_number = max(taken, default=0) + 1
    for team in teams.values():
        if team.number is None:
            team.number = next_number
            taken[next_number] = team.name
            next_number += 1

    for team in teams.values():
        planned = {m.existing.pk for m in team.members.values() if m.existing is not None}
        kept = (
            [m for m in team.existing.members.all() if m.pk not in planned]
            if team.existing is not None
            else []
        )
        roster = len(kept) + len(team.members)
        answering_rows = [m.row for m in team.members.values() if m.answers]
        answering = len(answering_rows) + sum(1 for m in kept if m.answers_knowledge)
        for message in domain.answering_problems(answering, limit):
            over = answering_rows[max(0, len(answering_rows) - (answering - limit))]
            report.error(
                over, _("Đội “%(team)s”: %(problem)s") % {"team": team.name, "problem": message}
            )
        if not rows_ok:
            continue
        cast = (
            team.cast
            if team.cast is not None
            else (team.existing.skit_cast_size if team.existing is not None else 0)
        )
        for message in domain.cast_problems(cast, roster):
            report.error(
                team.cast_row or team.first_row,
                _("Đội “%(team)s”: %(problem)s") % {"team": team.name, "problem": message},
            )
