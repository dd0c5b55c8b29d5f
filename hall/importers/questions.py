"""Import multiple-choice questions (one row each); an existing code updates that question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hall.import_files import ROW_KEY, normalize_key
from hall.importers.options import parse_options
from hall.importers.parsing import Aliases, choice_lookup, clean_text, map_columns, vi_labels
from hall.importers.report import ImportReport, PreviewRow, Written, write_all_or_nothing
from hall.models import Option, Question, QuestionPack

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


@dataclass
class QuestionPlan:
    row: int
    code: str
    values: dict[str, Any]
    options: list[tuple[str, str, bool]]  # (label, text, is_correct)
    existing: Question | None


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
    mapped = map_columns(rows, QUESTION_COLUMNS, QUESTION_REQUIRED, report)
    if mapped is None:
        return report
    plans = plan_questions(mapped, report)
    pack_name = pack.name if isinstance(pack, QuestionPack) else " ".join((pack or "").split())
    if len(pack_name) > 255:
        report.error(None, _("Tên bộ câu hỏi dài quá 255 ký tự."))
    elif dry_run and pack_name and not QuestionPack.objects.filter(name=pack_name).exists():
        report.notes.append(_("Sẽ tạo bộ câu hỏi mới “%(name)s”.") % {"name": pack_name})
    report.attach_errors_to_preview()
    if report.errors or dry_run:
        return report
    write_all_or_nothing(report, lambda: apply_questions(plans, pack_name))
    return report


def plan_questions(rows: list[dict], report: ImportReport) -> list[QuestionPlan]:
    areas = choice_lookup(Question.Area.choices, {})
    difficulties = choice_lookup(Question.Difficulty.choices, {"tb": Question.Difficulty.MEDIUM})
    codes = [str(r.get("ma", "") or "").strip() for r in rows]
    existing = {
        q.code: q for q in Question.objects.filter(code__in=codes).prefetch_related("options")
    }
    seen: dict[str, int] = {}
    plans: list[QuestionPlan] = []
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
        options = parse_options(row, errs)
        area_text = str(row.get("linh_vuc", "") or "").strip()
        area = areas.get(normalize_key(area_text))
        if not area_text:
            errs.append(_("Thiếu lĩnh vực (cột linh_vuc)."))
        elif area is None:
            errs.append(
                _("Lĩnh vực “%(value)s” không có; dùng một trong: %(choices)s.")
                % {"value": area_text, "choices": vi_labels(Question.Area.choices)}
            )
        level_text = str(row.get("do_kho", "") or "").strip()
        level = difficulties.get(normalize_key(level_text)) if level_text else "medium"
        if level is None:
            errs.append(
                _("Độ khó “%(value)s” không có; dùng một trong: %(choices)s.")
                % {"value": level_text, "choices": vi_labels(Question.Difficulty.choices)}
            )
        explanation = str(row.get("giai_thich", "") or "").strip()
        source = clean_text(row, "nguon", 500, errs)
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
        plan = QuestionPlan(n, code, values, options, current)
        plans.append(plan)
        if current is None:
            report.preview[-1].action = str(_("Thêm mới"))
        elif question_changed(plan):
            report.preview[-1].action = str(_("Cập nhật"))
        else:
            report.preview[-1].action = str(_("Giữ nguyên"))
    return plans


def question_changed(plan: QuestionPlan) -> bool:
    question = plan.existing
    if question is None:
        return True
    if any(getattr(question, f) != v for f, v in plan.values.items()):
        return True
    current = sorted((o.label, o.text, o.is_correct) for o in question.options.all())
    return current != sorted(plan.options)


def apply_questions(plans: list[QuestionPlan], pack_name: str) -> Written:
    created = updated = unchanged = 0
    questions: list[Question] = []
    for plan in plans:
        question = plan.existing
        if question is None:
            question = Question.objects.create(code=plan.code, **plan.values)
            created += 1
        elif question_changed(plan):
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
