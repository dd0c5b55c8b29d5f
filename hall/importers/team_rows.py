"""Reading the team file row by row: one member per row, grouped into units and teams.

Each row is checked on its own and against the rows before it (the same team in two
units, two numbers for one team, a member listed twice); whole-team rules come after,
in ``team_checks``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hall.import_files import ROW_KEY, normalize_key
from hall.importers.parsing import Aliases, clean_text, name_key, parse_int, vi_labels
from hall.importers.report import ImportReport, PreviewRow
from hall.importers.units import UnitPlan, unit_kinds
from hall.models import Contest, Member, Team, Unit

TEAM_COLUMNS: Aliases = {
    "don_vi": ("ten_don_vi", "unit", "unit_name", "huyen_thanh_pho"),
    "loai_don_vi": ("loai", "unit_type", "unit_kind"),
    "doi": ("ten_doi", "doi_thi", "team", "team_name"),
    "so_thu_tu": ("so_thu_tu_doi", "so_doi", "team_number", "number"),
    "ho_ten": ("ho_va_ten", "thanh_vien", "full_name", "name", "member"),
    "chuc_vu": ("position", "title"),
    "don_vi_cong_tac": ("noi_cong_tac", "co_quan_cong_tac", "workplace", "organization"),
    "tra_loi_kien_thuc": ("tra_loi", "answers_knowledge", "answers", "knowledge"),
    "so_nguoi_tieu_pham": ("so_nguoi_dien", "so_nguoi_dien_tieu_pham", "skit_cast_size"),
    "khau_hieu": ("sang_kien", "slogan"),
}
TEAM_REQUIRED = ("don_vi", "doi", "ho_ten")

YES = {"x", "co", "1", "yes", "y", "true", "dung", "v"}
NO = {"", "0", "khong", "no", "n", "false", "sai"}


@dataclass
class MemberPlan:
    row: int
    full_name: str
    position: str
    workplace: str
    answers: bool
    existing: Member | None


@dataclass
class TeamPlan:
    name: str
    unit_key: str
    first_row: int
    existing: Team | None
    number: int | None = None
    number_row: int | None = None
    cast: int | None = None
    cast_row: int | None = None
    slogan: str = ""
    members: dict[str, MemberPlan] = field(default_factory=dict)


def answering_limit(contest: Contest) -> int:
    return Team(contest=contest).max_answering()


def plan_teams(
    contest: Contest, rows: list[dict], report: ImportReport
) -> tuple[dict[str, UnitPlan], dict[str, TeamPlan]]:
    kinds = unit_kinds()
    existing_units = {name_key(u.name): u for u in Unit.objects.all()}
    existing_teams = {
        name_key(t.name): t
        for t in contest.teams.select_related("unit").prefetch_related("members")
    }
    units: dict[str, UnitPlan] = {}
    teams: dict[str, TeamPlan] = {}
    for row in rows:
        n = row[ROW_KEY]
        errs: list[str] = []
        unit_name = clean_text(row, "don_vi", 255, errs)
        team_name = clean_text(row, "doi", 255, errs)
        full_name = clean_text(row, "ho_ten", 255, errs)
        position = clean_text(row, "chuc_vu", 255, errs)
        workplace = clean_text(row, "don_vi_cong_tac", 255, errs)
        slogan = clean_text(row, "khau_hieu", 500, errs)
        number = parse_int(row, "so_thu_tu", errs, minimum=1)
        cast = parse_int(row, "so_nguoi_tieu_pham", errs, minimum=0)
        if not unit_name:
            errs.append(_("Thiếu tên đơn vị (cột don_vi)."))
        if not team_name:
            errs.append(_("Thiếu tên đội (cột doi)."))
        if not full_name:
            errs.append(_("Thiếu họ và tên thành viên (cột ho_ten)."))
        kind_text = str(row.get("loai_don_vi", "") or "").strip()
        kind = kinds.get(normalize_key(kind_text)) if kind_text else None
        if kind_text and kind is None:
            errs.append(
                _("Loại đơn vị “%(value)s” không hợp lệ; dùng một trong: %(choices)s.")
                % {"value": kind_text, "choices": vi_labels(Unit.Kind.choices)}
            )
        answer_text = str(row.get("tra_loi_kien_thuc", "") or "").strip()
        answers = normalize_key(answer_text) in YES
        if not answers and normalize_key(answer_text) not in NO:
            errs.append(
                _(
                    "Cột tra_loi_kien_thuc ghi “%(value)s”; ghi x (hoặc có, 1) nếu thành viên "
                    "trả lời phần kiến thức, để trống nếu không."
                )
                % {"value": answer_text}
            )
        report.preview.append(
            PreviewRow(
                n,
                [
                    unit_name,
                    team_name,
                    str(number or ""),
                    full_name,
                    position,
                    "x" if answers else "",
                ],
            )
        )
        if errs:
            for message in errs:
                report.error(n, message)
            continue

        unit_key = name_key(unit_name)
        unit = units.get(unit_key)
        if unit is None:
            unit = units[unit_key] = UnitPlan(unit_name, existing_units.get(unit_key))
        if kind is not None:
            if unit.kind is not None and unit.kind != kind:
                report.error(
                    n,
                    _("Đơn vị “%(unit)s” đã ghi loại “%(kind)s” ở dòng %(row)d.")
                    % {"unit": unit_name, "kind": Unit.Kind(unit.kind).label, "row": unit.kind_row},
                )
                continue
            unit.kind, unit.kind_row = kind, n

        team_key = name_key(team_name)
        team = teams.get(team_key)
        if team is None:
            team = teams[team_key] = TeamPlan(team_name, unit_key, n, existing_teams.get(team_key))
        elif team.unit_key != unit_key:
            report.error(
                n,
                _("Đội “%(team)s” đã thuộc đơn vị “%(unit)s” ở dòng %(row)d.")
                % {"team": team_name, "unit": units[team.unit_key].name, "row": team.first_row},
            )
            continue
        if number is not None:
            if team.number is not None and team.number != number:
                report.error(
                    n,
                    _("Đội “%(team)s” đã có số thứ tự %(number)d ở dòng %(row)d.")
                    % {"team": team_name, "number": team.number, "row": team.number_row},
                )
                continue
            if team.number is None:
                team.number, team.number_row = number, n
        if cast is not None:
            if team.cast is not None and team.cast != cast:
                report.error(
                    n,
                    _("Đội “%(team)s” đã ghi số người diễn tiểu phẩm %(cast)d ở dòng %(row)d.")
                    % {"team": team_name, "cast": team.cast, "row": team.cast_row},
                )
                continue
            if team.cast is None:
                team.cast, team.cast_row = cast, n
        team.slogan = team.slogan or slogan

        member_key = name_key(full_name)
        if member_key in team.members:
            report.error(
                n,
                _("Thành viên “%(name)s” bị trùng trong đội “%(team)s” (đã có ở dòng %(row)d).")
                % {"name": full_name, "team": team_name, "row": team.members[member_key].row},
            )
            continue
        existing_member = None
        if team.existing is not None:
            existing_member = next(
                (m for m in team.existing.members.all() if name_key(m.full_name) == member_key),
                None,
            )
        team.members[member_key] = MemberPlan(
            n, full_name, position, workplace, answers, existing_member
        )
        report.preview[-1].action = str(_("Cập nhật") if existing_member else _("Thêm mới"))
    return units, teams
