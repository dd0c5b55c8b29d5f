"""Downloadable templates (CSV and XLSX) for the team and question imports.

Built at request time from one definition, so a template always matches what the
importer accepts (a test imports each template as is).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hall.models import Question, Unit


@dataclass(frozen=True)
class Template:
    kind: str
    filename: str
    columns: list[tuple[str, str]]  # (header, what to write in it)
    examples: list[list[str]]
    choices: dict[str, list[str]]  # header -> allowed values (a drop-down in the XLSX)


def team_template() -> Template:
    return Template(
        kind="teams",
        filename="mau_doi_thi",
        columns=[
            ("don_vi", _("Tên đơn vị (huyện, thành phố, cơ quan) - bắt buộc")),
            ("loai_don_vi", _("thành phố / huyện / cơ quan, đơn vị")),
            ("doi", _("Tên đội - bắt buộc")),
            ("so_thu_tu", _("Số thứ tự của đội (số nguyên, để trống để tự đánh số)")),
            ("ho_ten", _("Họ và tên thành viên - bắt buộc, mỗi dòng một người")),
            ("chuc_vu", _("Chức vụ")),
            ("don_vi_cong_tac", _("Đơn vị công tác")),
            ("tra_loi_kien_thuc", _("x nếu trả lời phần kiến thức (tối đa 3 người mỗi đội)")),
            ("so_nguoi_tieu_pham", _("Số người diễn tiểu phẩm (không quá số thành viên)")),
        ],
        examples=[
            [
                "Thành phố Gia Nghĩa",
                "thành phố",
                "Đội Gia Nghĩa",
                "1",
                "Nguyễn Văn An",
                "Phó Chủ tịch UBND",
                "UBND thành phố Gia Nghĩa",
                "x",
                "3",
            ],
            [
                "Thành phố Gia Nghĩa",
                "thành phố",
                "Đội Gia Nghĩa",
                "1",
                "Trần Thị Bình",
                "Chuyên viên",
                "Phòng Văn hóa - Thông tin",
                "x",
                "",
            ],
            [
                "Thành phố Gia Nghĩa",
                "thành phố",
                "Đội Gia Nghĩa",
                "1",
                "Lê Hoàng Cường",
                "Tổ trưởng",
                "Tổ công nghệ số cộng đồng phường Nghĩa Đức",
                "",
                "",
            ],
            [
                "Huyện Cư Jút",
                "huyện",
                "Đội Cư Jút",
                "2",
                "Phạm Thị Dung",
                "Công chức",
                "UBND thị trấn Ea T'Ling",
                "x",
                "1",
            ],
        ],
        choices={
            "loai_don_vi": [str(label).lower() for _code, label in Unit.Kind.choices],
            "tra_loi_kien_thuc": ["x"],
        },
    )


def question_template() -> Template:
    return Template(
        kind="questions",
        filename="mau_cau_hoi",
        columns=[
            ("ma", _("Mã câu hỏi, không trùng - bắt buộc")),
            ("noi_dung", _("Nội dung câu hỏi - bắt buộc")),
            ("A", _("Phương án A - bắt buộc")),
            ("B", _("Phương án B - bắt buộc")),
            ("C", _("Phương án C - bắt buộc")),
            ("D", _("Phương án D - có thể để trống (câu 3 phương án)")),
            ("dap_an", _("Chữ cái của đáp án đúng: A, B, C hoặc D")),
            ("linh_vuc", _("Lĩnh vực (chọn trong danh sách)")),
            ("do_kho", _("dễ / trung bình / khó (trống = trung bình)")),
            ("giai_thich", _("Giải thích đáp án")),
            ("nguon", _("Nguồn, văn bản tham khảo")),
        ],
        examples=[
            [
                "CDS-001",
                "Cổng Dịch vụ công quốc gia có địa chỉ truy cập nào?",
                "dichvucong.gov.vn",
                "dichvucong.vn",
                "congdichvu.gov.vn",
                "dvc.gov.vn",
                "A",
                str(Question.Area.PUBLIC_SERVICES.label),
                "dễ",
                "Địa chỉ chính thức là https://dichvucong.gov.vn.",
                "Cổng Dịch vụ công quốc gia",
            ],
            [
                "CDS-002",
                "Chuyển đổi số gồm ba trụ cột nào?",
                "Chính quyền số, kinh tế số, xã hội số",
                "Hạ tầng, dữ liệu, con người",
                "Điện toán đám mây, AI, IoT",
                "",
                "A",
                str(Question.Area.DIGITAL_TRANSFORMATION.label),
                "trung bình",
                "",
                "Quyết định 749/QĐ-TTg ngày 03/6/2020",
            ],
        ],
        choices={
            "dap_an": ["A", "B", "C", "D"],
            "linh_vuc": [str(label) for _code, label in Question.Area.choices],
            "do_kho": [str(label).lower() for _code, label in Question.Difficulty.choices],
        },
    )


TEMPLATES = {"teams": team_template, "questions": question_template}


def template_csv(template: Template) -> bytes:
    """UTF-8 with a BOM, so Excel shows the Vietnamese diacritics correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for header, _help in template.columns])
    writer.writerows(template.examples)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(template: Template) -> bytes:
    """First sheet: the data (header + examples, drop-downs); second sheet: the guide."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Dữ liệu")
    headers = [header for header, _help in template.columns]
    sheet.append(headers)
    for row in template.examples:
        sheet.append(row)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    lists = workbook.create_sheet(_("Danh sách"))
    list_column = 0
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        width = max(len(header), *(len(r[index - 1]) for r in template.examples))
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
        allowed = template.choices.get(header)
        if allowed:
            # Values may contain commas ("Chủ trương, chính sách"): list them on a sheet.
            list_column += 1
            letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=header).font = bold
            for offset, value in enumerate(allowed, start=2):
                lists.cell(row=offset, column=list_column, value=value)
            lists.column_dimensions[letter].width = 28
            validation = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${letter}$2:${letter}${len(allowed) + 1}",
                allow_blank=True,
            )
            validation.showErrorMessage = False
            sheet.add_data_validation(validation)
            column = get_column_letter(index)
            validation.add(f"{column}2:{column}2000")
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.append([_("Cột"), _("Cách ghi")])
    for header, help_text in template.columns:
        guide.append([header, str(help_text)])
    guide.append([])
    guide.append([_("Dòng 1 là tiêu đề; mỗi dòng sau là một bản ghi. Giữ nguyên tên cột.")])
    for cell in guide[1]:
        cell.font = bold
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 80
    for row in guide.iter_rows(min_row=2):
        row[0].alignment = Alignment(vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
