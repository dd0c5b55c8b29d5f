"""The setup rules, through the admin's inline formsets and the shared domain functions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hall import domain
from hall.models import Member, Option, Question, Team
from tests.unit.importer_data import make_contest, make_question, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest():
    return make_contest()


def question_data(options: list[tuple[str, str, bool]], code: str = "Q-9") -> dict[str, str]:
    data = {
        "code": code,
        "text": "Chuyển đổi số là gì?",
        "area": "digital_transformation",
        "difficulty": "medium",
        "explanation": "",
        "source": "",
        "active": "on",
        "options-TOTAL_FORMS": str(len(options)),
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "4",
    }
    for i, (label, text, correct) in enumerate(options):
        data[f"options-{i}-label"] = label
        data[f"options-{i}-text"] = text
        if correct:
            data[f"options-{i}-is_correct"] = "on"
    return data


def team_data(contest, unit_id: int, members: list[tuple[str, bool]], cast: int = 0) -> dict:
    data = {
        "contest": str(contest.pk),
        "unit": str(unit_id),
        "name": "Đội Tuy Đức",
        "number": "7",
        "slogan": "",
        "skit_cast_size": str(cast),
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i, (name, answers) in enumerate(members):
        data[f"members-{i}-full_name"] = name
        data[f"members-{i}-order"] = str(i + 1)
        data[f"members-{i}-position"] = ""
        data[f"members-{i}-workplace"] = ""
        if answers:
            data[f"members-{i}-answers_knowledge"] = "on"
    return data


def inline_errors(response) -> str:
    formsets = response.context["inline_admin_formsets"]
    return " ".join(str(e) for fs in formsets for e in fs.formset.non_form_errors())


# --- questions through the Option inline formset ---------------------------------------------

THREE_GOOD = [("A", "Một", True), ("B", "Hai", False), ("C", "Ba", False)]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([("A", "Một", True), ("B", "Hai", False)], "3 hoặc 4 phương án trả lời (đang có 2)"),
        (
            [
                ("A", "1", True),
                ("B", "2", False),
                ("C", "3", False),
                ("D", "4", False),
                ("E", "5", False),
            ],
            "3 hoặc 4 phương án trả lời (đang có 5)",
        ),
        (
            [("A", "Một", False), ("B", "Hai", False), ("C", "Ba", False)],
            "đúng một đáp án đúng (đang có 0)",
        ),
        (
            [("A", "Một", True), ("B", "Hai", True), ("C", "Ba", False)],
            "đúng một đáp án đúng (đang có 2)",
        ),
        (
            [("A", "Một", True), ("A", "Hai", False), ("C", "Ba", False)],
            "Hai phương án cùng nhãn A",
        ),
        (
            [("A", "Một", True), ("B", "một", False), ("C", "Ba", False)],
            "Hai phương án trả lời trùng nhau",
        ),
    ],
)
def test_admin_refuses_bad_options(admin_client, options, message):
    response = admin_client.post(reverse("admin:hall_question_add"), question_data(options))
    assert response.status_code == 200
    assert message in inline_errors(response)
    assert Question.objects.count() == 0 and Option.objects.count() == 0


@pytest.mark.parametrize("n", [3, 4])
def test_admin_accepts_three_or_four_options_with_one_correct(admin_client, n):
    options = [*THREE_GOOD, ("D", "Bốn", False)][:n]
    response = admin_client.post(reverse("admin:hall_question_add"), question_data(options))
    assert response.status_code == 302, inline_errors(response)
    question = Question.objects.get(code="Q-9")
    assert question.options.count() == n
    assert question.option_problems() == []


def test_lowercase_labels_are_stored_upper_case(admin_client):
    options = [("a", "Một", True), ("b", "Hai", False), ("c", "Ba", False)]
    response = admin_client.post(reverse("admin:hall_question_add"), question_data(options))
    assert response.status_code == 302
    assert sorted(Option.objects.values_list("label", flat=True)) == ["A", "B", "C"]


def test_editing_cannot_delete_down_to_two_options(admin_client):
    question = make_question("Q-1")
    options = list(question.options.order_by("label"))
    data = question_data([(o.label, o.text, o.is_correct) for o in options], code="Q-1")
    data["options-INITIAL_FORMS"] = "3"
    for i, option in enumerate(options):
        data[f"options-{i}-id"] = str(option.pk)
        data[f"options-{i}-question"] = str(question.pk)
    data["options-2-DELETE"] = "on"
    response = admin_client.post(reverse("admin:hall_question_change", args=[question.pk]), data)
    assert "đang có 2" in inline_errors(response)
    assert question.options.count() == 3


def test_add_page_prefills_labels_a_to_d(admin_client):
    response = admin_client.get(reverse("admin:hall_question_add"))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.initial.get("label") for form in formset.forms] == ["A", "B", "C", "D"]


# --- teams through the Member inline formset ---------------------------------------------


def test_admin_refuses_four_answering_members(admin_client, contest):
    unit_id = make_team(contest).unit_id
    members = [(f"Thành viên {i}", True) for i in range(4)]
    response = admin_client.post(
        reverse("admin:hall_team_add"), team_data(contest, unit_id, members)
    )
    assert response.status_code == 200
    assert "tối đa 3 thành viên trả lời (đội đăng ký 4)" in inline_errors(response)
    assert not Team.objects.filter(name="Đội Tuy Đức").exists()


def test_admin_refuses_skit_cast_larger_than_roster(admin_client, contest):
    unit_id = make_team(contest).unit_id
    members = [("An", True), ("Bình", False)]
    response = admin_client.post(
        reverse("admin:hall_team_add"), team_data(contest, unit_id, members, cast=3)
    )
    assert "Số người tham gia tiểu phẩm (3) vượt quá" in inline_errors(response)
    assert not Team.objects.filter(name="Đội Tuy Đức").exists()


def test_admin_accepts_three_answering_and_cast_equal_to_roster(admin_client, contest):
    unit_id = make_team(contest).unit_id
    members = [("An", True), ("Bình", True), ("Chi", True), ("Dũng", False)]
    response = admin_client.post(
        reverse("admin:hall_team_add"), team_data(contest, unit_id, members, cast=4)
    )
    assert response.status_code == 302, inline_errors(response)
    team = Team.objects.get(name="Đội Tuy Đức")
    assert team.members.count() == 4 and team.skit_cast_size == 4


def test_adding_members_and_raising_cast_in_one_save_is_accepted(admin_client, contest):
    team = make_team(contest)
    Member.objects.create(team=team, full_name="Người cũ")
    data = team_data(
        contest, team.unit_id, [("Người cũ", False), ("Mới 1", False), ("Mới 2", False)]
    )
    data.update({"name": team.name, "number": str(team.number), "skit_cast_size": "3"})
    data["members-INITIAL_FORMS"] = "1"
    data["members-0-id"] = str(team.members.get().pk)
    data["members-0-team"] = str(team.pk)
    response = admin_client.post(reverse("admin:hall_team_change", args=[team.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    team.refresh_from_db()
    assert team.skit_cast_size == 3 and team.members.count() == 3


def test_member_page_refuses_a_fourth_answering_member(admin_client, contest):
    team = make_team(contest)
    for i in range(3):
        Member.objects.create(team=team, full_name=f"TV {i}", answers_knowledge=True)
    data = {
        "team": str(team.pk),
        "full_name": "Thứ tư",
        "position": "",
        "workplace": "",
        "order": "4",
        "answers_knowledge": "on",
    }
    response = admin_client.post(reverse("admin:hall_member_add"), data)
    assert response.status_code == 200
    assert "tối đa 3 thành viên trả lời" in response.content.decode()
    assert team.members.count() == 3


# --- the domain functions the admin and importer share --------------------------------------


@pytest.mark.parametrize(
    ("options", "ok"),
    [
        ([("a", True), ("b", False)], False),
        ([("a", True), ("b", False), ("c", False)], True),
        ([("a", True), ("b", False), ("c", False), ("d", False)], True),
        ([("a", True), ("b", False), ("c", False), ("d", False), ("e", False)], False),
        ([("a", False), ("b", False), ("c", False)], False),
        ([("a", True), ("b", True), ("c", False)], False),
    ],
)
def test_domain_option_rules(options, ok):
    assert (domain.option_problems(options) == []) is ok


def test_domain_answering_and_cast_rules(contest):
    team = make_team(contest)
    assert team.max_answering() == 3
    assert domain.answering_problems(3, 3) == []
    assert domain.answering_problems(4, 3)
    assert domain.cast_problems(5, 5) == []
    assert domain.cast_problems(6, 5)
