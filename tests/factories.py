"""Database rows for tests: a small but complete contest (4 parts, 3 teams, 3 judges)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Permission, User

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

PASSWORD = "pw-for-tests-123"


@dataclass
class HallFixture:
    contest: Contest
    parts: list[Part]
    teams: list[Team]
    judges: list[Judge]
    questions: list[Question]
    pads: dict[int, Device] = field(default_factory=dict)
    screen: Device | None = None
    mc_user: User | None = None


def make_questions(prefix: str, count: int) -> list[Question]:
    out = []
    for i in range(count):
        q = Question.objects.create(
            code=f"{prefix}-{i:03d}",
            text=f"Câu hỏi thử số {i} ({prefix})?",
            area=Question.Area.DIGITAL_TRANSFORMATION,
        )
        correct = "ABCD"[i % 4]
        for label in "ABCD":
            Option.objects.create(
                question=q,
                label=label,
                text=f"Phương án {label} của câu {i}",
                is_correct=label == correct,
            )
        out.append(q)
    return out


def make_hall(teams: int = 3, judges: int = 3, slug: str = "test-hall") -> HallFixture:
    contest = Contest.objects.create(
        name="Hội thi thử",
        year=2023,
        province="Đắk Nông",
        organizer="Sở TT&TT",
        slug=slug,
        status=Contest.Status.READY,
    )
    qs = make_questions(slug, 16)
    pack_a = QuestionPack.objects.create(name=f"{slug} lượt đội")
    pack_a.questions.set(qs[:8])
    pack_b = QuestionPack.objects.create(name=f"{slug} giành quyền")
    pack_b.questions.set(qs[8:])
    intro = Part.objects.create(contest=contest, order=1, kind=Part.Kind.INTRO, title="Giới thiệu")
    know = Part.objects.create(
        contest=contest,
        order=2,
        kind=Part.Kind.KNOWLEDGE,
        title="Kiến thức",
        pack=pack_a,
        answer_seconds=20,
    )
    buzz = Part.objects.create(
        contest=contest,
        order=3,
        kind=Part.Kind.KNOWLEDGE,
        title="Giành quyền",
        mode=Part.Mode.BUZZ_IN,
        pack=pack_b,
        answer_seconds=10,
        penalty_wrong=5,
    )
    skit = Part.objects.create(contest=contest, order=4, kind=Part.Kind.SKIT, title="Tiểu phẩm")
    for part in (intro, skit):
        rubric = Rubric.objects.create(part=part, name=f"Thang điểm {part.title}")
        Criterion.objects.create(rubric=rubric, order=1, name="Nội dung", max_points=60)
        Criterion.objects.create(rubric=rubric, order=2, name="Trình bày", max_points=40)
    team_rows = []
    for n in range(1, teams + 1):
        unit = Unit.objects.create(name=f"Huyện thử {slug} {n}", code=f"{slug}-u{n}")
        team = Team.objects.create(
            contest=contest, unit=unit, name=f"Đội {n}", number=n, skit_cast_size=4
        )
        for m in range(5):
            Member.objects.create(
                team=team, full_name=f"Thành viên {n}.{m}", order=m, answers_knowledge=m < 3
            )
        team_rows.append(team)
    judge_rows = []
    for j in range(1, judges + 1):
        user = User.objects.create_user(f"{slug}-gk{j}", password=PASSWORD)
        judge_rows.append(
            Judge.objects.create(
                contest=contest, user=user, display_name=f"Giám khảo {j}", is_head=j == 1, order=j
            )
        )
    mc_user = User.objects.create_user(f"{slug}-mc", password=PASSWORD)
    mc_user.user_permissions.add(Permission.objects.get(codename="run_show"))
    fixture = HallFixture(
        contest, [intro, know, buzz, skit], team_rows, judge_rows, qs, mc_user=mc_user
    )
    for team in team_rows:
        fixture.pads[team.id] = Device.objects.create(
            contest=contest, role=Device.Role.TEAM, team=team, label=f"Máy {team.name}"
        )
    fixture.screen = Device.objects.create(
        contest=contest, role=Device.Role.SCREEN, label="Màn hình lớn"
    )
    return fixture
