"""All-or-nothing imports of teams and questions from organizers' spreadsheets.

Every row is checked first (the same rules as the admin, from ``hall.domain``);
if any row is bad nothing is written and each problem comes back with the row
number the person sees in the spreadsheet. A dry run checks and previews only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from hall import domain
from hall.import_files import ROW_KEY, ImportFileError, normalize_key, read_rows, strip_accents
from hall.models import Contest, Member, Option, Question, QuestionPack, Team, Unit

__all__ = [
    "ImportFileError",
    "ImportReport",
    "PreviewRow",
    "RowError",
    "import_questions",
    "import_teams",
    "read_rows",
]

HEADER_ROW = 1


@dataclass(frozen=True)
class RowError:
    """One problem; ``row_number`` as in the spreadsheet (header = 1), None for the file."""

    row_number: int | None
    message: str

    def __str__(self) -> str:
        if self.row_number is None:
            return self.message
        return _("Dòng %(row)d: %(message)s") % {"row": self.row_number, "message": self.message}


@dataclass
class PreviewRow:
    row_number: int
    cells: list[str]
    action: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did, or would do in a dry run."""

    kind: str
    dry_run: bool
    columns: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def row_count(self) -> int:
        return len(self.preview)

    def error(self, row_number: int | None, message: str) -> None:
        self.errors.append(RowError(row_number, message))

    def attach_errors_to_preview(self) -> None:
        by_row: dict[int, list[str]] = {}
        for err in self.errors:
            if err.row_number is not None:
                by_row.setdefault(err.row_number, []).append(err.message)
        for row in self.preview:
            row.errors = by_row.get(row.row_number, [])

    def summary(self) -> str:
        if self.errors:
            return _("Có %(n)d lỗi; không có dữ liệu nào được ghi. Hãy sửa tệp rồi nhập lại.") % {
                "n": len(self.errors)
            }
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return (
                _(
                    "Chạy thử: sẽ thêm mới %(created)d, cập nhật %(updated)d, giữ nguyên "
                    "%(unchanged)d. Chưa ghi gì vào cơ sở dữ liệu."
                )
                % counts
            )
        return (
            _("Đã thêm mới %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d.") % counts
        )


# --- shared helpers ---------------------------------------------------------------

Aliases = dict[str, tuple[str, ...]]


def _map_columns(
    rows: list[dict], aliases: Aliases, required: Iterable[str], report: ImportReport
) -> list[dict[str, Any]] | None:
    """Rename each row's headers to the canonical column names; None if columns are wrong."""
    if not rows:
        report.error(None, _("Tệp không có dòng dữ liệu nào."))
        return None
    lookup = {alias: canon for canon, names in aliases.items() for alias in (canon, *names)}
    headers = [key for key in rows[0] if key != ROW_KEY]
    source_of: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        canon = lookup.get(header)
        if canon is None:
            ignored.append(header)
        elif canon in source_of:
            report.error(
                HEADER_ROW,
                _("Cột “%(a)s” và cột “%(b)s” cùng là %(canon)s; chỉ giữ một cột.")
                % {"a": source_of[canon], "b": header, "canon": canon},
            )
        else:
            source_of[canon] = header
    missing = [name for name in required if name not in source_of]
    if missing:
        report.error(
            HEADER_ROW,
            _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)},
        )
    if ignored:
        report.notes.append(
            _("Bỏ qua các cột không dùng: %(columns)s.") % {"columns": ", ".join(ignored)}
        )
    if report.errors:
        return None
    mapped = []
    for row in rows:
        item: dict[str, Any] = {canon: row.get(header, "") for canon, header in source_of.items()}
        item[ROW_KEY] = row[ROW_KEY]
        mapped.append(item)
    return mapped


def _name_key(text: str) -> str:
    """Names compared the way a person would: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def _clean_text(row: dict, column: str, max_length: int, errors: list[str]) -> str:
    value = " ".join(str(row.get(column, "") or "").split())
    if len(value) > max_length:
        errors.append(
            _("Cột %(column)s dài quá %(max)d ký tự.") % {"column": column, "max": max_length}
        )
    return value


def _parse_int(
    row: dict, column: str, errors: list[str], minimum: int, maximum: int = 32767
) -> int | None:
    raw = str(row.get(column, "") or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        errors.append(
            _("Cột %(column)s phải là số nguyên từ %(min)d (đang ghi “%(value)s”).")
            % {"column": column, "min": minimum, "value": raw}
        )
        return None
    return value


def _choice_lookup(choices: Iterable[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    """Map normalized codes and labels (Vietnamese and the active language) to codes."""
    lookup = {normalize_key(k): v for k, v in extra.items()}
    pairs = list(choices)
    with override("vi"):
        vi_labels = [(code, str(label)) for code, label in pairs]
    for code, label in [*vi_labels, *((c, str(lbl)) for c, lbl in pairs)]:
        lookup[normalize_key(code)] = code
        lookup[normalize_key(label)] = code
    return lookup


def _vi_labels(choices: Iterable[tuple[str, Any]]) -> str:
    return ", ".join(str(label).lower() for _code, label in choices)


# --- teams and members ----------------------------------------------------------

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


def _unit_kinds() -> dict[str, str]:
    return _choice_lookup(
        Unit.Kind.choices,
        {
            "tp": Unit.Kind.CITY,
            "thanh_pho_truc_thuoc_tinh": Unit.Kind.CITY,
            "thi_xa": Unit.Kind.DISTRICT,
            "quan": Unit.Kind.DISTRICT,
            "co_quan": Unit.Kind.AGENCY,
            "don_vi": Unit.Kind.AGENCY,
            "so": Unit.Kind.AGENCY,
            "so_ban_nganh": Unit.Kind.AGENCY,
        },
    )


@dataclass
class _UnitPlan:
    name: str
    existing: Unit | None
    kind: str | None = None
    kind_row: int | None = None


@dataclass
class _MemberPlan:
    row: int
    full_name: str
    position: str
    workplace: str
    answers: bool
    existing: Member | None


@dataclass
class _TeamPlan:
    name: str
    unit_key: str
    first_row: int
    existing: Team | None
    number: int | None = None
    number_row: int | None = None
    cast: int | None = None
    cast_row: int | None = None
    slogan: str = ""
    members: dict[str, _MemberPlan] = field(default_factory=dict)


def _answering_limit(contest: Contest) -> int:
    return Team(contest=contest).max_answering()


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
    mapped = _map_columns(rows, TEAM_COLUMNS, TEAM_REQUIRED, report)
    if mapped is None:
        return report
    units, teams = _plan_teams(contest, mapped, report)
    _check_team_totals(contest, teams, report, rows_ok=not report.errors)
    report.attach_errors_to_preview()
    if report.errors or dry_run:
        return report
    _write(report, lambda: _apply_teams(contest, units, teams))
    return report


def _plan_teams(
    contest: Contest, rows: list[dict], report: ImportReport
) -> tuple[dict[str, _UnitPlan], dict[str, _TeamPlan]]:
    kinds = _unit_kinds()
    existing_units = {_name_key(u.name): u for u in Unit.objects.all()}
    existing_teams = {
        _name_key(t.name): t
        for t in contest.teams.select_related("unit").prefetch_related("members")
    }
    units: dict[str, _UnitPlan] = {}
    teams: dict[str, _TeamPlan] = {}
    for row in rows:
        n = row[ROW_KEY]
        errs: list[str] = []
        unit_name = _clean_text(row, "don_vi", 255, errs)
        team_name = _clean_text(row, "doi", 255, errs)
        full_name = _clean_text(row, "ho_ten", 255, errs)
        position = _clean_text(row, "chuc_vu", 255, errs)
        workplace = _clean_text(row, "don_vi_cong_tac", 255, errs)
        slogan = _clean_text(row, "khau_hieu", 500, errs)
        number = _parse_int(row, "so_thu_tu", errs, minimum=1)
        cast = _parse_int(row, "so_nguoi_tieu_pham", errs, minimum=0)
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
                % {"value": kind_text, "choices": _vi_labels(Unit.Kind.choices)}
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

        unit_key = _name_key(unit_name)
        unit = units.get(unit_key)
        if unit is None:
            unit = units[unit_key] = _UnitPlan(unit_name, existing_units.get(unit_key))
        if kind is not None:
            if unit.kind is not None and unit.kind != kind:
                report.error(
                    n,
                    _("Đơn vị “%(unit)s” đã ghi loại “%(kind)s” ở dòng %(row)d.")
                    % {"unit": unit_name, "kind": Unit.Kind(unit.kind).label, "row": unit.kind_row},
                )
                continue
            unit.kind, unit.kind_row = kind, n

        team_key = _name_key(team_name)
        team = teams.get(team_key)
        if team is None:
            team = teams[team_key] = _TeamPlan(team_name, unit_key, n, existing_teams.get(team_key))
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

        member_key = _name_key(full_name)
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
                (m for m in team.existing.members.all() if _name_key(m.full_name) == member_key),
                None,
            )
        team.members[member_key] = _MemberPlan(
            n, full_name, position, workplace, answers, existing_member
        )
        report.preview[-1].action = str(_("Cập nhật") if existing_member else _("Thêm mới"))
    return units, teams


def _check_team_totals(
    contest: Contest, teams: dict[str, _TeamPlan], report: ImportReport, rows_ok: bool
) -> None:
    """Rules on a whole team: team numbers, answering members, skit cast vs roster.

    The roster check needs every member row; it waits until the rows themselves are good.
    """
    limit = _answering_limit(contest)
    planned_keys = {key for key, t in teams.items() if t.existing is not None}
    taken: dict[int, str] = {
        t.number: t.name for t in contest.teams.all() if _name_key(t.name) not in planned_keys
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


def _unique_unit_code(name: str, used: set[str]) -> str:
    base = slugify(strip_accents(name))[:40] or "don-vi"
    code, suffix = base, 2
    while code in used:
        code = f"{base}-{suffix}"
        suffix += 1
    used.add(code)
    return code


def _apply_teams(
    contest: Contest, units: dict[str, _UnitPlan], teams: dict[str, _TeamPlan]
) -> tuple[int, int, int, list[str]]:
    used_codes = set(Unit.objects.values_list("code", flat=True))
    saved_units: dict[str, Unit] = {}
    new_units = new_teams = changed_teams = 0
    for key, plan in units.items():
        unit = plan.existing
        if unit is None:
            unit = Unit.objects.create(
                name=plan.name,
                kind=plan.kind or Unit.Kind.DISTRICT,
                code=_unique_unit_code(plan.name, used_codes),
            )
            new_units += 1
        elif plan.kind and unit.kind != plan.kind:
            unit.kind = plan.kind
            unit.save(update_fields=["kind"])
        saved_units[key] = unit

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


def _write(report: ImportReport, apply: Callable[[], tuple[int, int, int, list[str]]]) -> None:
    """Run ``apply`` in one transaction; any database error leaves nothing written."""
    try:
        with transaction.atomic():
            created, updated, unchanged, notes = apply()
    except DatabaseError as exc:
        report.error(
            None,
            _("Không ghi được dữ liệu (%(error)s); không có gì được lưu, hãy thử lại.")
            % {"error": exc},
        )
        return
    report.created, report.updated, report.unchanged = created, updated, unchanged
    report.notes.extend(notes)
    report.written = True


# --- questions ----------------------------------------------------------------------

QUESTION_COLUMNS: Aliases = {
    "ma": ("ma_cau_hoi", "code"),
    "noi_dung": ("cau_hoi", "noi_dung_cau_hoi", "question", "text"),
    "a": ("phuong_an_a", "option_a"),
    "b": ("phuong_an_b", "option_b"),
    "c": ("phuong_an_c", "option_c"),
    "d": ("phuong_an_d", "option_d"),
    "e": ("phuong_an_e", "option_e"),
    "dap_an": ("dap_an_dung", "answer", "correct", "correct_answer"),
    "linh_vuc": ("chu_de", "area", "field", "topic"),
    "do_kho": ("muc_do", "difficulty", "level"),
    "giai_thich": ("explanation",),
    "nguon": ("source",),
}
QUESTION_REQUIRED = ("ma", "noi_dung", "a", "b", "c", "dap_an", "linh_vuc")
ANSWER_PATTERN = re.compile(r"(?:phuong_an_|dap_an_)?([a-z])")


@dataclass
class _QuestionPlan:
    row: int
    code: str
    values: dict[str, Any]
    options: list[tuple[str, str, bool]]  # (label, text, is_correct)
    existing: Question | None


def _parse_options(row: dict, errs: list[str]) -> list[tuple[str, str, bool]]:
    labels = "ABCDE" if "e" in row else "ABCD"
    texts = [(label, _clean_text(row, label.lower(), 1000, errs)) for label in labels]
    last_filled = max((i for i, (_l, text) in enumerate(texts) if text), default=-1)
    for label, text in texts[: last_filled + 1]:
        if not text:
            errs.append(
                _("Phương án %(label)s để trống nhưng có phương án sau nó.") % {"label": label}
            )
    filled = [(label, text) for label, text in texts if text]

    raw_answer = str(row.get("dap_an", "") or "").strip()
    match = ANSWER_PATTERN.fullmatch(normalize_key(raw_answer))
    answer = match.group(1).upper() if match else ""
    answer_ok = False
    if not raw_answer:
        errs.append(_("Thiếu đáp án đúng (cột dap_an)."))
    elif answer not in domain.OPTION_LABELS:
        errs.append(
            _("Đáp án “%(value)s” không hợp lệ; ghi một chữ cái A, B, C hoặc D.")
            % {"value": raw_answer}
        )
    elif answer not in {label for label, _t in filled}:
        errs.append(
            _("Đáp án là %(label)s nhưng phương án %(label)s để trống.") % {"label": answer}
        )
    else:
        answer_ok = True
    # When the answer itself is wrong the message above says so; mark the first option
    # correct for the shared check so it reports only the other problems (count, duplicates).
    correct = answer if answer_ok else (filled[0][0] if filled else "")
    options = [(label, text, label == correct) for label, text in filled]
    errs.extend(domain.option_problems([(text, ok) for _l, text, ok in options]))
    return options


def import_questions(
    rows: list[dict], dry_run: bool = True, pack: QuestionPack | str | None = None
) -> ImportReport:
    """Import questions (one row each); an existing code updates that question.

    ``pack`` (a pack or a pack name, created if new) receives every imported question.
    """
    report = ImportReport(
        kind="questions",
        dry_run=dry_run,
        columns=[
            _("Mã"),
            _("Nội dung"),
            _("Số phương án"),
            _("Đáp án"),
            _("Lĩnh vực"),
            _("Độ khó"),
        ],
    )
    mapped = _map_columns(rows, QUESTION_COLUMNS, QUESTION_REQUIRED, report)
    if mapped is None:
        return report
    plans = _plan_questions(mapped, report)
    pack_name = pack.name if isinstance(pack, QuestionPack) else " ".join((pack or "").split())
    if len(pack_name) > 255:
        report.error(None, _("Tên bộ câu hỏi dài quá 255 ký tự."))
    elif dry_run and pack_name and not QuestionPack.objects.filter(name=pack_name).exists():
        report.notes.append(_("Sẽ tạo bộ câu hỏi mới “%(name)s”.") % {"name": pack_name})
    report.attach_errors_to_preview()
    if report.errors or dry_run:
        return report
    _write(report, lambda: _apply_questions(plans, pack_name))
    return report


def _plan_questions(rows: list[dict], report: ImportReport) -> list[_QuestionPlan]:
    areas = _choice_lookup(Question.Area.choices, {})
    difficulties = _choice_lookup(Question.Difficulty.choices, {"tb": Question.Difficulty.MEDIUM})
    codes = [str(r.get("ma", "") or "").strip() for r in rows]
    existing = {
        q.code: q for q in Question.objects.filter(code__in=codes).prefetch_related("options")
    }
    seen: dict[str, int] = {}
    plans: list[_QuestionPlan] = []
    for row in rows:
        n = row[ROW_KEY]
        errs: list[str] = []
        code = str(row.get("ma", "") or "").strip()
        if not code:
            errs.append(_("Thiếu mã câu hỏi (cột ma)."))
        elif len(code) > 32:
            errs.append(_("Mã câu hỏi dài quá 32 ký tự."))
        elif code in seen:
            errs.append(
                _("Mã câu hỏi “%(code)s” trùng với dòng %(row)d.")
                % {"code": code, "row": seen[code]}
            )
        else:
            seen[code] = n
        text = str(row.get("noi_dung", "") or "").strip()
        if not text:
            errs.append(_("Thiếu nội dung câu hỏi (cột noi_dung)."))
        options = _parse_options(row, errs)
        area_text = str(row.get("linh_vuc", "") or "").strip()
        area = areas.get(normalize_key(area_text))
        if not area_text:
            errs.append(_("Thiếu lĩnh vực (cột linh_vuc)."))
        elif area is None:
            errs.append(
                _("Lĩnh vực “%(value)s” không có; dùng một trong: %(choices)s.")
                % {"value": area_text, "choices": _vi_labels(Question.Area.choices)}
            )
        level_text = str(row.get("do_kho", "") or "").strip()
        level = difficulties.get(normalize_key(level_text)) if level_text else "medium"
        if level is None:
            errs.append(
                _("Độ khó “%(value)s” không có; dùng một trong: %(choices)s.")
                % {"value": level_text, "choices": _vi_labels(Question.Difficulty.choices)}
            )
        explanation = str(row.get("giai_thich", "") or "").strip()
        source = _clean_text(row, "nguon", 500, errs)
        answer = next((label for label, _t, ok in options if ok), "")
        current = existing.get(code)
        report.preview.append(
            PreviewRow(
                n,
                [
                    code,
                    text if len(text) <= 90 else text[:89] + "…",
                    str(len(options)),
                    answer if not errs else str(row.get("dap_an", "")),
                    str(Question.Area(area).label) if area else area_text,
                    str(Question.Difficulty(level).label) if level else level_text,
                ],
            )
        )
        if errs:
            for message in errs:
                report.error(n, message)
            continue
        values = {
            "text": text,
            "area": area,
            "difficulty": level,
            "explanation": explanation,
            "source": source,
        }
        plan = _QuestionPlan(n, code, values, options, current)
        plans.append(plan)
        if current is None:
            report.preview[-1].action = str(_("Thêm mới"))
        elif _question_changed(plan):
            report.preview[-1].action = str(_("Cập nhật"))
        else:
            report.preview[-1].action = str(_("Giữ nguyên"))
    return plans


def _question_changed(plan: _QuestionPlan) -> bool:
    question = plan.existing
    if question is None:
        return True
    if any(getattr(question, f) != v for f, v in plan.values.items()):
        return True
    current = sorted((o.label, o.text, o.is_correct) for o in question.options.all())
    return current != sorted(plan.options)


def _apply_questions(plans: list[_QuestionPlan], pack_name: str) -> tuple[int, int, int, list[str]]:
    created = updated = unchanged = 0
    questions: list[Question] = []
    for plan in plans:
        question = plan.existing
        if question is None:
            question = Question.objects.create(code=plan.code, **plan.values)
            created += 1
        elif _question_changed(plan):
            for name, value in plan.values.items():
                setattr(question, name, value)
            question.save()
            question.options.all().delete()
            updated += 1
        else:
            unchanged += 1
            questions.append(question)
            continue
        Option.objects.bulk_create(
            Option(question=question, label=label, text=text, is_correct=ok)
            for label, text, ok in plan.options
        )
        questions.append(question)
    notes: list[str] = []
    if pack_name:
        pack_obj, _created = QuestionPack.objects.get_or_create(name=pack_name)
        pack_obj.questions.add(*questions)
        notes.append(
            _("Đã đưa %(n)d câu hỏi vào bộ “%(name)s”.") % {"n": len(questions), "name": pack_name}
        )
    return created, updated, unchanged, notes
