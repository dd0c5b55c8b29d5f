"""Import units, teams and members for one contest (one row per member)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hall.importers.parsing import map_columns
from hall.importers.report import ImportReport, write_all_or_nothing
from hall.importers.team_checks import check_team_totals
from hall.importers.team_rows import TEAM_COLUMNS, TEAM_REQUIRED, plan_teams
from hall.importers.team_writes import apply_teams
from hall.models import Contest


def import_teams(contest: Contest, rows: list[dict], dry_run: bool = True) -> ImportReport:
    """Import units, teams and members (one row per member) for ``contest``."""
    report = ImportReport(
        kind="teams",
        dry_run=dry_run,
        columns=[
            _("Đơn vị"),
            _("Đội"),
            _("Số thứ tự"),
            _("Họ và tên"),
            _("Chức vụ"),
            _("Trả lời kiến thức"),
        ],
    )
    mapped = map_columns(rows, TEAM_COLUMNS, TEAM_REQUIRED, report)
    if mapped is None:
        return report
    units, teams = plan_teams(contest, mapped, report)
    check_team_totals(contest, teams, report, rows_ok=not report.errors)
    report.attach_errors_to_preview()
    if report.errors or dry_run:
        return report
    write_all_or_nothing(report, lambda: apply_teams(contest, units, teams))
    return report
