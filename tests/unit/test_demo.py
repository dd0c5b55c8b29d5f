"""The demo contest (``manage.py load_demo``): realistic, complete and idempotent."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from hall import domain
from hall.demo import CONTEST_SLUG, DEFAULT_PASSWORD, load_demo
from hall.demo.build import BANK_PACK, BUZZ_FILE, QUESTION_FILES, TEAM_TURN_FILE
from hall.demo.files import (
    TEAMS_FILE,
    DemoDataError,
    QuestionFile,
    import_question_file,
    import_team_file,
)
from hall.import_files import read_rows
from hall.importers import import_questions, import_teams
from hall.models import (
    Contest,
    Criterion,
    Device,
    Judge,
    Member,
    Option,
    Part,
    Question,
    QuestionPack,
    Rubric,
    Team,
    Unit,
)
from scoring.prizes import parse_structure
from scoring.results import compile_results

pytestmark = pytest.mark.django_db

USERNAMES = ["admin", "mc", "thuky", "bantochuc"] + [f"giamkhao{i}" for i in range(1, 6)]
COUNTED = [Contest, Part, Rubric, Criterion, Unit, Team, Member, Judge, Question, Option]
COUNTED += [QuestionPack, Device, Group, get_user_model()]


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    return load_demo()


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything that must not change when the demo is loaded again."""
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts["pack_links"] = QuestionPack.questions.through.objects.count()
    counts["group_links"] = get_user_model().groups.through.objects.count()
    return {
        "counts": counts,
        "codes": sorted(Device.objects.values_list("label", "join_code")),
        "members": sorted(Member.objects.values_list("pk", "team__number", "order", "full_name")),
        "options": sorted(
            Option.objects.values_list("question__code", "label", "text", "is_correct")
        ),
        "parts": sorted(Part.objects.values_list("pk", "order", "kind", "mode", "pack__name")),
    }


def test_command_twice_gives_the_same_data_and_join_codes(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    run_command()
    first = snapshot()
    run_command()
    assert snapshot() == first
    assert first["counts"]["Contest"] == 1
    assert first["counts"]["Device"] == 9


def test_rerun_repairs_edited_demo_data(demo):
    team = Team.objects.get(contest=demo.contest, number=2)
    team.slogan = "đã sửa"
    team.save()
    Member.objects.create(team=team, full_name="Người thêm tay", order=99, answers_knowledge=True)
    Option.objects.filter(question__code="DN-001").delete()
    code_before = Device.objects.get(team=team).join_code

    load_demo()

    team.refresh_from_db()
    assert team.slogan != "đã sửa"
    assert not team.members.filter(full_name="Người thêm tay").exists()
    options = Question.objects.get(code="DN-001").options.all()
    assert domain.option_problems([(o.text, o.is_correct) for o in options]) == []
    assert Device.objects.get(team=team).join_code == code_before


def test_contest_settings(demo):
    contest = Contest.objects.get(slug=CONTEST_SLUG)
    assert contest.name == "Hội thi Chuyển đổi số - nhận thức và hành động"
    assert (contest.year, contest.province) == (2023, "Đắk Nông")
    assert contest.organizer == "Sở Thông tin và Truyền thông tỉnh Đắk Nông"
    assert contest.status == Contest.Status.READY
    assert "Gia Nghĩa" in contest.venue


def test_prizes_follow_the_plan(demo):
    """Đắk Nông's plan: team prizes 1 first, 1 second, 1 third (from the hall); individual
    prizes 1/1/2/3 ONCE (7 prizes, from the online round), not once per format (14)."""
    contest = Contest.objects.get(slug=CONTEST_SLUG)
    assert parse_structure(contest.team_prizes) == (1, 1, 1)
    assert contest.individual_prizes_from == Contest.IndividualPrizes.ONLINE
    online = contest.online_round
    assert online is not None and online.slug == "daknong2023"
    assert parse_structure(online.prize_structure) == (1, 1, 2, 3)
    assert online.periods.count() == 1  # prizes are per period: one set
    individual_sets = [online.prize_structure for _period in online.periods.all()]
    if contest.individual_prizes_from == Contest.IndividualPrizes.HALL:
        individual_sets.append(contest.individual_prizes)
    assert [sum(parse_structure(s)) for s in individual_sets] == [7]
    contest.full_clean()  # the admin accepts it as it is
    # the results say where the individual prizes come from and award none in the hall
    results = compile_results(contest)
    assert results.individual_prizes.source == "online"
    assert results.individual_prizes.awards == [] and online.name in (
        results.individual_prizes.note
    )


def test_parts_in_order_with_their_rules(demo):
    intro, turn, buzz, skit = demo.contest.parts.order_by("order")
    kinds = [p.kind for p in (intro, turn, buzz, skit)]
    assert kinds == ["intro", "knowledge", "knowledge", "skit"]
    assert (intro.presentation_seconds, intro.aggregation) == (300, Part.Aggregation.MEAN)
    assert (skit.presentation_seconds, skit.aggregation) == (480, Part.Aggregation.TRIMMED)
    assert (turn.mode, turn.answer_by, turn.answer_seconds) == ("team_turn", "member", 30)
    assert (turn.points_correct, turn.max_answering_members, turn.questions_per_team) == (10, 3, 1)
    assert (buzz.mode, buzz.answer_seconds, buzz.points_correct) == ("buzz_in", 15, 10)
    assert (buzz.penalty_wrong, buzz.reopen_on_wrong) == (5, True)
    for part in (intro, turn, buzz, skit):
        part.full_clean()


def test_rubrics_have_three_to_five_weighted_criteria(demo):
    for kind in ("intro", "skit"):
        rubric = Rubric.objects.get(part__contest=demo.contest, part__kind=kind)
        criteria = list(rubric.criteria.all())
        assert 3 <= len(criteria) <= 5
        assert sum(c.max_points for c in criteria) == 100
        assert all(c.weight > 0 and c.name for c in criteria)
    assert not Rubric.objects.filter(part__kind="knowledge").exists()


def test_eight_units_each_with_one_valid_team(demo):
    units = Unit.objects.filter(teams__contest=demo.contest).distinct()
    assert units.count() == 8
    assert units.filter(kind=Unit.Kind.CITY).get().name == "Thành phố Gia Nghĩa"
    assert units.filter(kind=Unit.Kind.DISTRICT).count() == 7
    teams = list(demo.contest.teams.order_by("number"))
    assert [t.number for t in teams] == list(range(1, 9))
    assert "Đội huyện Cư Jút" in {t.name for t in teams}
    for team in teams:
        members = list(team.members.all())
        assert 5 <= len(members) <= 10, team.name
        assert sum(m.answers_knowledge for m in members) == 3, team.name
        assert 0 < team.skit_cast_size <= len(members), team.name
        assert team.slogan
        assert all(m.full_name and m.position and m.workplace for m in members)
        team.full_clean()


def test_five_judges_with_exactly_one_head(demo):
    judges = list(Judge.objects.filter(contest=demo.contest).select_related("user"))
    assert sorted(j.user.username for j in judges) == [f"giamkhao{i}" for i in range(1, 6)]
    heads = [j for j in judges if j.is_head]
    assert [h.user.username for h in heads] == ["giamkhao1"]


def test_questions_are_valid_and_cover_every_area(demo):
    questions = list(Question.objects.filter(code__startswith="DN-").prefetch_related("options"))
    assert len(questions) == 84 == len(demo.question_codes)
    for question in questions:
        assert question.option_problems() == [], question.code
        assert question.is_sample and question.active
        assert question.explanation and question.source, question.code
        question.full_clean()
    assert {q.area for q in questions} == set(Question.Area.values)
    assert {q.difficulty for q in questions} == set(Question.Difficulty.values)


def test_correct_answers_are_spread_over_the_labels(demo):
    labels = list(Option.objects.filter(is_correct=True).values_list("label", flat=True))
    for label in "ABCD":
        assert labels.count(label) >= len(labels) // 8, label


def test_packs_are_disjoint_and_sized(demo):
    turn = Part.objects.get(contest=demo.contest, order=2).pack
    buzz = Part.objects.get(contest=demo.contest, order=3).pack
    turn_ids = set(turn.questions.values_list("id", flat=True))
    buzz_ids = set(buzz.questions.values_list("id", flat=True))
    assert (len(turn_ids), len(buzz_ids)) == (24, 16)
    assert not turn_ids & buzz_ids
    bank = QuestionPack.objects.get(name=BANK_PACK)
    assert bank.questions.count() == 84
    assert turn_ids | buzz_ids <= set(bank.questions.values_list("id", flat=True))
    for pack in (turn, buzz):
        assert set(pack.questions.values_list("area", flat=True)) == set(Question.Area.values)
    assert sorted(demo.team_turn_codes) == sorted(turn.questions.values_list("code", flat=True))


def test_every_user_logs_in_with_the_demo_password(demo):
    request = RequestFactory().post("/accounts/login/")
    for username in USERNAMES:
        user = authenticate(request, username=username, password=DEFAULT_PASSWORD)
        assert user is not None and user.username == username
    assert authenticate(request, username="mc", password="sai-mat-khau") is None


def test_roles_get_their_permissions(demo):
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    mc, thuky, btc = (users.get(username=u) for u in ("mc", "thuky", "bantochuc"))
    assert mc.has_perm("hall.run_show") and not mc.has_perm("hall.approve_results")
    assert thuky.has_perm("hall.compile_results") and not thuky.has_perm("hall.run_show")
    assert btc.has_perm("hall.approve_results") and not btc.has_perm("hall.compile_results")
    judge = users.get(username="giamkhao3")
    assert judge.groups.filter(name="Ban Giám khảo").exists()
    assert not judge.has_perm("hall.run_show")


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "matkhau-rieng-2023")
    output = run_command()
    assert "matkhau-rieng-2023" in output
    request = RequestFactory().post("/accounts/login/")
    assert authenticate(request, username="thuky", password="matkhau-rieng-2023") is not None
    assert authenticate(request, username="thuky", password=DEFAULT_PASSWORD) is None


def test_summary_lists_logins_codes_and_urls(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = run_command("--base-url", "http://192.168.1.10:8000/")
    contest = Contest.objects.get(slug=CONTEST_SLUG)
    assert contest.name in output
    assert DEFAULT_PASSWORD in output
    for username in USERNAMES:
        assert username in output
    for device in Device.objects.filter(contest=contest, role=Device.Role.TEAM):
        assert f"{device.team.name}: {device.join_code}" in output
    screen = Device.objects.get(contest=contest, role=Device.Role.SCREEN)
    assert screen.join_code in output
    for path in ("/admin/", "/hall/daknong-2023/mc/", "/hall/join/", "/hall/daknong-2023/judge/"):
        assert f"http://192.168.1.10:8000{path}" in output
    assert "http://192.168.1.10:8000/online/" in output


def test_bad_base_url_is_refused_in_vietnamese():
    with pytest.raises(CommandError, match="Địa chỉ gốc phải bắt đầu"):
        run_command("--base-url", "192.168.1.10:8000")
    assert not Contest.objects.filter(slug=CONTEST_SLUG).exists()


# --- the data files, imported as an organizer's files are ----------------------------


def test_rosters_are_exactly_the_team_file(demo):
    """Every row of teams.csv is a member of its team, in file order, and nobody else."""
    rows = read_rows(TEAMS_FILE)
    expected: dict[str, list[tuple]] = {}
    for row in rows:
        answers = row["tra_loi_kien_thuc"] == "x"
        person = (row["ho_ten"], row["chuc_vu"], row["don_vi_cong_tac"], answers)
        expected.setdefault(row["doi"], []).append(person)
    assert len(rows) == Member.objects.filter(team__contest=demo.contest).count() == 60
    for team in demo.contest.teams.all():
        roster = team.members.order_by("order")
        got = [(m.full_name, m.position, m.workplace, m.answers_knowledge) for m in roster]
        assert got == expected[team.name], team.name
    assert [d.team_name for d in demo.team_devices] == list(expected)


def test_each_question_file_fills_its_pack(demo):
    """The team-turn and buzz files are their packs; the bank pack has every sample question."""
    every = set()
    for spec in QUESTION_FILES:
        codes = {row["ma"] for row in read_rows(spec.path)}
        in_pack = set(
            QuestionPack.objects.get(name=spec.pack).questions.values_list("code", flat=True)
        )
        assert codes <= in_pack and (codes == in_pack or spec.pack == BANK_PACK), spec.pack
        every |= codes
    bank = QuestionPack.objects.get(name=BANK_PACK).questions.values_list("code", flat=True)
    assert set(bank) == every == set(demo.question_codes)
    assert demo.team_turn_codes == tuple(sorted(r["ma"] for r in read_rows(TEAM_TURN_FILE.path)))
    assert demo.buzz_codes == tuple(sorted(r["ma"] for r in read_rows(BUZZ_FILE.path)))
    # the correct option is the one the file's dap_an names
    row = read_rows(BUZZ_FILE.path)[0]
    correct = Option.objects.get(question__code=row["ma"], is_correct=True)
    assert (correct.label, correct.text) == (row["dap_an"], row[row["dap_an"].lower()])


@pytest.mark.parametrize("spec", QUESTION_FILES, ids=lambda s: s.path.name)
def test_question_files_pass_the_organizer_import(spec):
    rows = read_rows(spec.path)
    report = import_questions(rows, dry_run=True, pack=spec.pack)
    assert report.ok and report.row_count == len(rows) > 0
    assert {row.action for row in report.preview} == {"Thêm mới"}
    out = StringIO()  # and the organizer's command accepts the file as it is
    call_command("import_questions", str(spec.path), "--dry-run", stdout=out)
    assert "Chạy thử" in out.getvalue()
    assert not Question.objects.exists()  # dry runs write nothing


def test_team_file_imported_again_changes_nothing(demo):
    report = import_teams(demo.contest, read_rows(TEAMS_FILE), dry_run=True)
    assert report.ok and report.row_count == 60
    assert {row.action for row in report.preview} == {"Cập nhật"}  # every member matched
    before = snapshot()
    call_command("import_teams", str(TEAMS_FILE), "--contest", CONTEST_SLUG, stdout=StringIO())
    assert snapshot() == before


def test_a_bad_row_stops_the_import_with_the_importers_message(tmp_path):
    lines = TEAM_TURN_FILE.path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("dap_an")] = "Z"  # row 3 of the spreadsheet
    bad = tmp_path / "questions_team_turn.csv"
    bad.write_text("\n".join([lines[0], lines[1], ",".join(cells)]), encoding="utf-8")
    with pytest.raises(DemoDataError) as exc:
        import_question_file(QuestionFile(bad, "Bộ hỏng", ""))
    message = str(exc.value)
    assert message.startswith("questions_team_turn.csv: Có 1 lỗi; không có dữ liệu nào được ghi.")
    assert "Dòng 3: Đáp án “Z” không hợp lệ" in message
    assert not Question.objects.exists() and not QuestionPack.objects.exists()


def test_a_broken_data_file_fails_load_demo_and_writes_nothing(tmp_path, monkeypatch):
    bad = tmp_path / "questions_buzz.csv"
    text = BUZZ_FILE.path.read_text(encoding="utf-8-sig")
    bad.write_text(text.replace(",trung bình,", ",rất khó,", 1), encoding="utf-8")
    broken = (QUESTION_FILES[0], QuestionFile(bad, BUZZ_FILE.pack, ""), QUESTION_FILES[2])
    monkeypatch.setattr("hall.demo.build.QUESTION_FILES", broken)
    with pytest.raises(CommandError, match="questions_buzz.csv: Có 1 lỗi") as exc:
        run_command()
    assert "Độ khó “rất khó” không có" in str(exc.value)
    assert not Contest.objects.exists() and not Question.objects.exists()


def test_a_bad_team_file_leaves_the_rosters_as_they_were(demo, tmp_path):
    team = Team.objects.get(contest=demo.contest, number=2)
    Member.objects.create(team=team, full_name="Người thêm tay", order=99)
    rows = list(csv.reader(TEAMS_FILE.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][rows[0].index("tra_loi_kien_thuc")] = "có lẽ"  # row 2 of the spreadsheet
    bad = tmp_path / "teams.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(DemoDataError) as exc:
        import_team_file(demo.contest, bad)
    assert str(exc.value).startswith("teams.csv: Có 1 lỗi")
    assert "Dòng 2: Cột tra_loi_kien_thuc ghi “có lẽ”" in str(exc.value)
    assert team.members.filter(full_name="Người thêm tay").exists()  # nothing removed
