"""CSV/XLSX imports of teams and questions: all or nothing, with spreadsheet row numbers."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from hall.import_templates import question_template, team_template, template_csv, template_xlsx
from hall.importers import ImportFileError, import_questions, import_teams, read_rows
from hall.models import Member, Option, Question, QuestionPack, Team, Unit
from tests.unit.importer_data import csv_bytes, make_contest, make_question, make_team

pytestmark = pytest.mark.django_db

TEAM_HEADER = "don_vi,loai_don_vi,doi,so_thu_tu,ho_ten,chuc_vu,don_vi_cong_tac,tra_loi_kien_thuc"
GOOD_TEAMS = [
    TEAM_HEADER,
    "Huyện Cư Jút,huyện,Đội Cư Jút,1,Nguyễn Văn An,Phó Chủ tịch,UBND huyện,x",
    "Huyện Cư Jút,huyện,Đội Cư Jút,1,Trần Thị Bình,Chuyên viên,Phòng VH-TT,có",
    "Huyện Cư Jút,huyện,Đội Cư Jút,1,Lê Văn Cường,Tổ trưởng,Tổ CNS cộng đồng,",
    "Thành phố Gia Nghĩa,thành phố,Đội Gia Nghĩa,2,Phạm Thị Dung,Công chức,UBND phường,1",
]
QUESTION_HEADER = "ma,noi_dung,A,B,C,D,dap_an,linh_vuc,do_kho,giai_thich,nguon"
GOOD_QUESTIONS = [
    QUESTION_HEADER,
    "Q1,Cổng DVC quốc gia?,dichvucong.gov.vn,dvc.vn,congdv.vn,,A,Dịch vụ công trực tuyến,dễ,,",
    "Q2,Ba trụ cột chuyển đổi số?,Chính quyền số,Kinh tế số,Xã hội số,Cả ba,D,digital_transformation,khó,Theo QĐ 749,QĐ 749/QĐ-TTg",
]


def counts() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        Team.objects.count(),
        Member.objects.count(),
        Question.objects.count(),
        Option.objects.count(),
        QuestionPack.objects.count(),
    )


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def contest():
    return make_contest()


# --- reading files ---------------------------------------------------------------------


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("sep", [",", ";"])
def test_read_csv_with_or_without_bom_comma_or_semicolon(bom, sep):
    rows = read_rows(csv_bytes(GOOD_TEAMS, bom=bom, sep=sep), "doi.csv")
    assert len(rows) == 4
    assert rows[0]["_row"] == 2
    assert rows[0]["don_vi"] == "Huyện Cư Jút"
    assert rows[3]["ho_ten"] == "Phạm Thị Dung"


def test_read_csv_vietnamese_headers_are_normalized_and_blank_rows_keep_numbering():
    data = "Đơn vị,Đội,Họ và tên\n\nHuyện A,Đội A,Người Một\n".encode()
    rows = read_rows(data, "x.CSV")
    assert rows == [{"_row": 3, "don_vi": "Huyện A", "doi": "Đội A", "ho_va_ten": "Người Một"}]


def test_read_xlsx_numbers_become_text(tmp_path):
    path = tmp_path / "doi.xlsx"
    path.write_bytes(xlsx_bytes([["doi", "so_thu_tu"], ["Đội A", 3], [None, None], ["Đội B", 4.0]]))
    rows = read_rows(path)
    assert [(r["_row"], r["so_thu_tu"]) for r in rows] == [(2, "3"), (4, "4")]


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"a,b\n1,2\n", "x.xls", ".csv hoặc .xlsx"),
        ("don_vi\nĐà Lạt\n".encode("latin-1", "replace") + b"\xe0\xff", "x.csv", "UTF-8"),
        (b"not a zip", "x.xlsx", "Excel"),
        (b"", "x.csv", "trống"),
        (b"don_vi,doi\n", "x.csv", "không có dòng dữ liệu"),
        (b"ho_ten,Ho ten\nA,B\n", "x.csv", "nhiều lần"),
    ],
)
def test_unreadable_files_raise_a_vietnamese_error(data, name, fragment):
    with pytest.raises(ImportFileError, match=fragment):
        read_rows(data, name)


# --- teams -----------------------------------------------------------------------------


def test_import_good_team_csv(contest):
    report = import_teams(contest, read_rows(csv_bytes(GOOD_TEAMS), "t.csv"), dry_run=False)
    assert report.ok, [str(e) for e in report.errors]
    assert report.written and report.created == 4
    cu_jut = Team.objects.get(name="Đội Cư Jút")
    assert cu_jut.number == 1 and cu_jut.unit.kind == Unit.Kind.DISTRICT
    assert cu_jut.unit.code == "huyen-cu-jut"
    assert [m.full_name for m in cu_jut.members.all()] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ]
    assert cu_jut.members.filter(answers_knowledge=True).count() == 2
    assert Unit.objects.get(name="Thành phố Gia Nghĩa").kind == Unit.Kind.CITY


def test_import_good_team_xlsx_with_english_headers(contest):
    data = xlsx_bytes(
        [
            ["unit", "unit_type", "team", "team_number", "full_name", "position", "answers"],
            ["Huyện Krông Nô", "huyện", "Đội Krông Nô", 3, "Hồ Thị Én", "Bí thư", "x"],
            ["Huyện Krông Nô", "huyện", "Đội Krông Nô", 3, "Vũ Văn Phúc", None, None],
        ]
    )
    report = import_teams(contest, read_rows(data, "t.xlsx"), dry_run=False)
    assert report.ok, [str(e) for e in report.errors]
    team = Team.objects.get(name="Đội Krông Nô")
    assert team.number == 3
    assert team.members.count() == 2


def test_reimport_updates_members_instead_of_duplicating(contest):
    import_teams(contest, read_rows(csv_bytes(GOOD_TEAMS), "t.csv"), dry_run=False)
    changed = [*GOOD_TEAMS[:3], GOOD_TEAMS[3].replace("Tổ trưởng", "Tổ phó")]
    report = import_teams(contest, read_rows(csv_bytes(changed), "t.csv"), dry_run=False)
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Member.objects.count() == 4
    assert Member.objects.get(full_name="Lê Văn Cường").position == "Tổ phó"


def test_team_dry_run_writes_nothing(contest):
    before = counts()
    report = import_teams(contest, read_rows(csv_bytes(GOOD_TEAMS), "t.csv"), dry_run=True)
    assert report.ok and not report.written
    assert report.created == 0
    assert [row.action for row in report.preview] == ["Thêm mới"] * 4
    assert counts() == before


def test_bad_team_rows_report_row_numbers_and_write_nothing(contest):
    lines = [
        TEAM_HEADER,
        "Huyện Cư Jút,huyện,Đội Cư Jút,1,Nguyễn Văn An,,,x",  # row 2, good
        "Huyện Cư Jút,huyện,Đội Cư Jút,1,,,,",  # row 3: no name
        "Huyện Cư Jút,huyện,Đội Cư Jút,1,Nguyễn  văn an,,,",  # row 4: duplicate member
        "Huyện Đắk Mil,tỉnh lỵ,Đội Đắk Mil,2,Đỗ Văn Giang,,,",  # row 5: unknown unit type
        "Huyện Đắk Song,huyện,Đội Đắk Song,3,Mai Hoa,,,hình như",  # row 6: bad yes/no
    ]
    before = counts()
    report = import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=False)
    assert not report.ok and not report.written
    assert sorted({e.row_number for e in report.errors}) == [3, 4, 5, 6]
    text = "\n".join(str(e) for e in report.errors)
    assert "Dòng 3: Thiếu họ và tên" in text
    assert "Dòng 4: Thành viên “Nguyễn văn an” bị trùng" in text
    assert "đã có ở dòng 2" in text
    assert "Dòng 5: Loại đơn vị “tỉnh lỵ” không hợp lệ" in text
    assert counts() == before


def test_four_answering_members_refused_with_the_row_of_the_fourth(contest):
    lines = [TEAM_HEADER] + [
        f"Huyện Cư Jút,huyện,Đội Cư Jút,1,Thành viên {i},,,x" for i in range(1, 5)
    ]
    before = counts()
    report = import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=False)
    assert [e.row_number for e in report.errors] == [5]
    assert "tối đa 3 thành viên trả lời (đội đăng ký 4)" in report.errors[0].message
    assert counts() == before


def test_answering_limit_counts_members_already_in_the_database(contest):
    team = make_team(contest)
    for i in range(3):
        Member.objects.create(team=team, full_name=f"Cũ {i}", answers_knowledge=True)
    lines = [TEAM_HEADER, "Huyện Cư Jút,huyện,Đội Cư Jút,1,Người mới,,,x"]
    report = import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=False)
    assert [e.row_number for e in report.errors] == [2]
    assert Member.objects.count() == 3


def test_skit_cast_larger_than_roster_refused(contest):
    lines = [
        TEAM_HEADER + ",so_nguoi_tieu_pham",
        "Huyện Cư Jút,huyện,Đội Cư Jút,1,An,,,x,3",
        "Huyện Cư Jút,huyện,Đội Cư Jút,1,Bình,,,,",
    ]
    report = import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=False)
    assert [e.row_number for e in report.errors] == [2]
    assert "vượt quá số thành viên" in report.errors[0].message
    assert Team.objects.count() == 0


def test_team_number_conflicts(contest):
    make_team(contest, name="Đội có sẵn", number=1)
    lines = [
        TEAM_HEADER,
        "Huyện A,huyện,Đội A,1,An,,,",  # row 2: number 1 taken by "Đội có sẵn"
        "Huyện A,huyện,Đội A,5,Bình,,,",  # row 3: same team, other number
        "Huyện B,huyện,Đội B,,Chi,,,",  # row 4: no number: fine
    ]
    report = import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=True)
    messages = {e.row_number: e.message for e in report.errors}
    assert set(messages) == {2, 3}
    assert "đã có số thứ tự 1 ở dòng 2" in messages[3]
    assert "đã dùng cho đội “Đội có sẵn”" in messages[2]


def test_new_team_without_number_gets_the_next_one(contest):
    make_team(contest, name="Đội có sẵn", number=4)
    lines = [TEAM_HEADER, "Huyện B,huyện,Đội B,,Chi,,,"]
    assert import_teams(contest, read_rows(csv_bytes(lines), "t.csv"), dry_run=False).ok
    assert Team.objects.get(name="Đội B").number == 5


def test_missing_required_column_is_reported_on_row_1(contest):
    report = import_teams(contest, read_rows(b"don_vi,doi\nA,B\n", "t.csv"), dry_run=False)
    assert [str(e) for e in report.errors] == ["Dòng 1: Thiếu cột bắt buộc: ho_ten."]


# --- questions ---------------------------------------------------------------------------


def test_import_good_question_csv_into_a_pack():
    rows = read_rows(csv_bytes(GOOD_QUESTIONS, bom=True), "q.csv")
    report = import_questions(rows, dry_run=False, pack="Vòng kiến thức")
    assert report.ok, [str(e) for e in report.errors]
    q1 = Question.objects.get(code="Q1")
    assert q1.area == Question.Area.PUBLIC_SERVICES and q1.difficulty == "easy"
    assert [(o.label, o.is_correct) for o in q1.options.all()] == [
        ("A", True),
        ("B", False),
        ("C", False),
    ]
    q2 = Question.objects.get(code="Q2")
    assert q2.options.get(is_correct=True).label == "D"
    assert q2.source == "QĐ 749/QĐ-TTg" and q2.difficulty == "hard"
    pack = QuestionPack.objects.get(name="Vòng kiến thức")
    assert set(pack.questions.values_list("code", flat=True)) == {"Q1", "Q2"}


def test_import_good_question_xlsx():
    header = ["Mã", "Nội dung", "A", "B", "C", "D", "Đáp án", "Lĩnh vực", "Độ khó"]
    data = xlsx_bytes(
        [header, ["X-1", "Câu một?", "Một", "Hai", "Ba", "Bốn", "c", "An toàn thông tin", None]]
    )
    report = import_questions(read_rows(data, "q.xlsx"), dry_run=False)
    assert report.ok, [str(e) for e in report.errors]
    question = Question.objects.get(code="X-1")
    assert question.area == "information_security" and question.difficulty == "medium"
    assert question.options.get(is_correct=True).text == "Ba"


def test_existing_code_updates_question_and_options():
    make_question("Q1")
    report = import_questions(read_rows(csv_bytes(GOOD_QUESTIONS), "q.csv"), dry_run=False)
    assert (report.created, report.updated) == (1, 1)
    q1 = Question.objects.get(code="Q1")
    assert q1.text == "Cổng DVC quốc gia?"
    assert sorted(q1.options.values_list("text", flat=True)) == sorted(
        ["dichvucong.gov.vn", "dvc.vn", "congdv.vn"]
    )


def test_question_dry_run_writes_nothing():
    before = counts()
    report = import_questions(
        read_rows(csv_bytes(GOOD_QUESTIONS), "q.csv"), dry_run=True, pack="Bộ mới"
    )
    assert report.ok and not report.written
    assert any("Bộ mới" in note for note in report.notes)
    assert counts() == before


def test_bad_question_rows_report_row_numbers_and_write_nothing():
    lines = [
        QUESTION_HEADER,
        "Q1,Tốt?,Một,Hai,Ba,,A,policy,,,",  # row 2: good
        "Q2,Hai phương án?,Một,Hai,,,A,policy,,,",  # row 3: 2 options
        "Q3,Đáp án trống?,Một,Hai,Ba,,D,policy,,,",  # row 4: answer D is empty
        "Q4,Lĩnh vực lạ?,Một,Hai,Ba,,A,Thiên văn,,,",  # row 5: unknown area
        "Q1,Trùng mã?,Một,Hai,Ba,,B,policy,,,",  # row 6: duplicate code
        "Q6,Đáp án lạ?,Một,Hai,Ba,,F,policy,,,",  # row 7: answer not A-D
        "Q7,Trùng phương án?,Một,một,Ba,,A,policy,quá khó,,",  # row 8: same options, level
    ]
    before = counts()
    report = import_questions(read_rows(csv_bytes(lines), "q.csv"), dry_run=False, pack="P")
    assert not report.written
    rows = sorted({e.row_number for e in report.errors})
    assert rows == [3, 4, 5, 6, 7, 8]
    text = "\n".join(str(e) for e in report.errors)
    assert "Dòng 3: Câu hỏi phải có 3 hoặc 4 phương án trả lời (đang có 2)." in text
    assert "Dòng 4: Đáp án là D nhưng phương án D để trống." in text
    assert "Dòng 5: Lĩnh vực “Thiên văn” không có" in text
    assert "Dòng 6: Mã câu hỏi “Q1” trùng với dòng 2." in text
    assert "Dòng 8: Hai phương án trả lời trùng nhau." in text
    assert "Dòng 8: Độ khó “quá khó” không có" in text
    assert counts() == before


def test_five_options_refused():
    lines = ["ma,noi_dung,A,B,C,D,E,dap_an,linh_vuc", "Q5,Năm?,1,2,3,4,5,A,policy"]
    report = import_questions(read_rows(csv_bytes(lines), "q.csv"), dry_run=False)
    assert [str(e) for e in report.errors] == [
        "Dòng 2: Câu hỏi phải có 3 hoặc 4 phương án trả lời (đang có 5)."
    ]
    assert Question.objects.count() == 0


def test_gap_between_options_refused():
    lines = [QUESTION_HEADER, "Q1,Gap?,Một,Hai,,Bốn,A,policy,,,"]
    report = import_questions(read_rows(csv_bytes(lines), "q.csv"), dry_run=True)
    assert [e.row_number for e in report.errors] == [2]
    assert "Phương án C để trống" in report.errors[0].message


# --- the downloadable templates import as they are -------------------------------------------


@pytest.mark.parametrize("builder", [template_csv, template_xlsx])
def test_templates_import_cleanly(contest, builder):
    ext = "csv" if builder is template_csv else "xlsx"
    teams = import_teams(contest, read_rows(builder(team_template()), f"t.{ext}"), dry_run=False)
    assert teams.ok and teams.created == 4, [str(e) for e in teams.errors]
    questions = import_questions(read_rows(builder(question_template()), f"q.{ext}"), False)
    assert questions.ok and questions.created == 2, [str(e) for e in questions.errors]


# --- management commands -------------------------------------------------------------------


def test_import_teams_command_good_file(contest, tmp_path, capsys):
    path = tmp_path / "doi.csv"
    path.write_bytes(csv_bytes(GOOD_TEAMS))
    call_command("import_teams", str(path), "--contest", contest.slug)
    assert Member.objects.count() == 4
    assert "Đã thêm mới 4" in capsys.readouterr().out


def test_import_teams_command_contest_optional_with_one_contest(contest, tmp_path):
    path = tmp_path / "doi.csv"
    path.write_bytes(csv_bytes(GOOD_TEAMS))
    call_command("import_teams", str(path), "--dry-run")
    assert Member.objects.count() == 0


def test_import_teams_command_bad_file_fails_and_lists_rows(contest, tmp_path, capsys):
    path = tmp_path / "doi.csv"
    path.write_bytes(csv_bytes([TEAM_HEADER, "Huyện A,huyện,Đội A,1,,,,"]))
    with pytest.raises(CommandError, match="không có dữ liệu nào được ghi"):
        call_command("import_teams", str(path))
    assert "Dòng 2: Thiếu họ và tên" in capsys.readouterr().err
    assert Team.objects.count() == 0


def test_import_teams_command_needs_contest_when_several(contest, tmp_path):
    make_contest(slug="khac")
    path = tmp_path / "doi.csv"
    path.write_bytes(csv_bytes(GOOD_TEAMS))
    with pytest.raises(CommandError, match="--contest"):
        call_command("import_teams", str(path))


def test_import_questions_command_good_and_bad(tmp_path, capsys):
    good = tmp_path / "cau_hoi.xlsx"
    good.write_bytes(template_xlsx(question_template()))
    call_command("import_questions", str(good), "--pack", "Mẫu")
    assert QuestionPack.objects.get(name="Mẫu").questions.count() == 2

    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([QUESTION_HEADER, "Z1,Hai?,Một,Hai,,,A,policy,,,"]))
    with pytest.raises(CommandError):
        call_command("import_questions", str(bad))
    assert "Dòng 2:" in capsys.readouterr().err
    assert not Question.objects.filter(code="Z1").exists()


def test_import_command_exit_status_from_the_command_line(tmp_path):
    bad = tmp_path / "loi.csv"
    bad.write_bytes(csv_bytes([QUESTION_HEADER, "Z1,Hai?,Một,Hai,,,A,policy,,,"]))
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_questions", str(bad)]).execute()
    assert exit_info.value.code == 1
