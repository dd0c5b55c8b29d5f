"""The demo contest (``manage.py load_demo``): realistic, complete and idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from hall import domain
from hall.demo import CONTEST_SLUG, DEFAULT_PASSWORD, load_demo
from hall.demo.build import BANK_PACK
from hall.demo.questions import QUESTIONS
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


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    assert len(questions) >= 64
    assert len(questions) == len(QUESTIONS)
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
    assert bank.questions.count() == len(QUESTIONS)
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
