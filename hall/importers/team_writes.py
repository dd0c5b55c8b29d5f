"""Writing planned teams and members (units first); run inside the import's transaction."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hall.importers.report import Written
from hall.importers.team_rows import TeamPlan
from hall.importers.units import UnitPlan, save_units
from hall.models import Contest, Member, Team


def apply_teams(
    contest: Contest, units: dict[str, UnitPlan], teams: dict[str, TeamPlan]
) -> Written:
    """Save the units, then each team and its members; returns the member counts."""
    saved_units, new_units = save_units(units)
    new_teams = changed_teams = 0
    created = updated = unchanged = 0
    for plan in teams.values():
        unit = saved_units[plan.unit_key]
        team = plan.existing
        if team is None:
            team = Team.objects.create(
                contest=contest,
                unit=unit,
                name=plan.name,
                number=plan.number,
                skit_cast_size=plan.cast or 0,
                slogan=plan.slogan,
            )
            new_teams += 1
        else:
            wanted = {"unit_id": unit.pk, "number": plan.number}
            if plan.cast is not None:
                wanted["skit_cast_size"] = plan.cast
            if plan.slogan:
                wanted["slogan"] = plan.slogan
            changed = [f for f, v in wanted.items() if getattr(team, f) != v]
            if changed:
                for name in changed:
                    setattr(team, name, wanted[name])
                team.save(update_fields=[f.removesuffix("_id") for f in changed])
                changed_teams += 1
        next_order = max((m.order for m in team.members.all()), default=0) + 1
        for member in plan.members.values():
            values = {
                "full_name": member.full_name,
                "position": member.position,
                "workplace": member.workplace,
                "answers_knowledge": member.answers,
            }
            if member.existing is None:
                Member.objects.create(team=team, order=next_order, **values)
                next_order += 1
                created += 1
                continue
            changed = [f for f, v in values.items() if getattr(member.existing, f) != v]
            if changed:
                for name in changed:
                    setattr(member.existing, name, values[name])
                member.existing.save(update_fields=changed)
                updated += 1
            else:
                unchanged += 1
    notes = [
        _("Đơn vị mới: %(units)d; đội mới: %(teams)d; đội cập nhật: %(changed)d.")
        % {"units": new_units, "teams": new_teams, "changed": changed_teams}
    ]
    return created, updated, unchanged, notes
