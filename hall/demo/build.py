"""Build the demo contest (Đắk Nông 2023) idempotently.

``load_demo()`` creates or updates every row on stable keys (slug, code,
username, order…), so running it twice leaves exactly the same data and keeps
the devices' join codes. The teams, rosters and questions come from the data
files in ``hall/demo/data/``, imported through ``hall.importers`` as an
organizer's files are (``hall.demo.files``). It is used by the ``load_demo``
management command and by tests that need a realistic contest.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction

from hall.demo.accounts import GROUP_JUDGES, GROUP_PERMISSIONS, JUDGES, STAFF
from hall.demo.files import DATA_DIR, QuestionFile, import_question_file, import_team_file
from hall.models import (
    Contest,
    Criterion,
    Device,
    Judge,
    Part,
    Question,
    QuestionPack,
    Rubric,
    Team,
)
from online.presets import load as load_online_preset

CONTEST_SLUG = "daknong-2023"
ONLINE_PRESET = "daknong2023"
DEFAULT_PASSWORD = "hoithi2023"
PASSWORD_ENV = "DEMO_PASSWORD"
DEFAULT_BASE_URL = "http://127.0.0.1:8000"

TEAM_TURN_PACK = "Đắk Nông 2023 - Kiến thức: câu hỏi bốc thăm"
BUZZ_PACK = "Đắk Nông 2023 - Kiến thức: giành quyền trả lời"
BANK_PACK = "Ngân hàng câu hỏi mẫu"
# Each file's questions go into its pack; the bank pack then holds every sample question.
TEAM_TURN_FILE = QuestionFile(
    DATA_DIR / "questions_team_turn.csv",
    TEAM_TURN_PACK,
    "Phần thi kiến thức, lượt từng đội: mỗi thành viên trả lời một câu bốc thăm.",
)
BUZZ_FILE = QuestionFile(
    DATA_DIR / "questions_buzz.csv",
    BUZZ_PACK,
    "Phần thi kiến thức, giành quyền trả lời bằng chuông bấm.",
)
BANK_FILE = QuestionFile(
    DATA_DIR / "questions_bank.csv",
    BANK_PACK,
    "Toàn bộ câu hỏi mẫu để chạy thử; Ban Tổ chức thay bằng bộ câu hỏi chính thức.",
)
QUESTION_FILES = (TEAM_TURN_FILE, BUZZ_FILE, BANK_FILE)
SCREEN_LABEL = "Màn hình lớn hội trường"

CONTEST_FIELDS = {
    "name": "Hội thi Chuyển đổi số - nhận thức và hành động",
    "theme": "Chuyển đổi số - nhận thức và hành động",
    "year": 2023,
    "province": "Đắk Nông",
    "organizer": "Sở Thông tin và Truyền thông tỉnh Đắk Nông",
    "venue": "Hội trường Trung tâm Văn hóa tỉnh Đắk Nông, thành phố Gia Nghĩa",
    "held_on": date(2023, 10, 10),
    "status": Contest.Status.READY,
    # The plan: team prizes 1/1/1 from the hall; ONE set of individual prizes 1/1/2/3,
    # from the online round (its preset holds the 1,1,2,3 structure).
    "team_prizes": "1,1,1",
    "individual_prizes_from": Contest.IndividualPrizes.ONLINE,
    "individual_prizes": "",
    "tie_breaks": "knowledge,skit,penalties,draw",
}

INTRO_CRITERIA = (
    ("Nội dung giới thiệu", 20, "Giới thiệu đội, địa phương và kết quả chuyển đổi số."),
    ("Tính khả thi của giải pháp", 30, "Giải pháp, sáng kiến áp dụng được tại địa phương."),
    ("Tính sáng tạo", 30, "Cách tiếp cận mới, phù hợp chủ đề của Hội thi."),
    ("Phong cách trình bày", 20, "Tự tin, rõ ràng, đúng thời gian quy định."),
)
SKIT_CRITERIA = (
    ("Nội dung, thông điệp", 40, "Câu chuyện về chuyển đổi số của tỉnh, thông điệp rõ ràng."),
    ("Diễn xuất", 30, "Diễn xuất tự nhiên, truyền cảm."),
    ("Dàn dựng, trang phục", 20, "Dàn dựng sân khấu, đạo cụ, trang phục phù hợp."),
    ("Thời gian", 10, "Bảo đảm thời lượng quy định."),
)


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str


@dataclass(frozen=True)
class DemoDevice:
    label: str
    join_code: str
    team_name: str | None = None


@dataclass(frozen=True)
class DemoInfo:
    """What the demo created: the contest, logins, join codes and question packs."""

    contest: Contest
    password: str
    logins: tuple[DemoLogin, ...]
    team_devices: tuple[DemoDevice, ...]
    screen: DemoDevice
    question_codes: tuple[str, ...]
    team_turn_codes: tuple[str, ...]
    buzz_codes: tuple[str, ...]

    def urls(self, base_url: str = DEFAULT_BASE_URL) -> dict[str, str]:
        """The pages of the demo, keyed by role, under ``base_url``."""
        base = base_url.rstrip("/")
        slug = self.contest.slug
        return {
            "admin": f"{base}/admin/",
            "mc": f"{base}/hall/{slug}/mc/",
            "screen": f"{base}/hall/join/",
            "pad": f"{base}/hall/join/",
            "judge": f"{base}/hall/{slug}/judge/",
            "online": f"{base}/online/",
        }


def demo_password() -> str:
    """The demo password: ``DEMO_PASSWORD`` from the environment, else the default."""
    return os.environ.get(PASSWORD_ENV) or DEFAULT_PASSWORD


def load_demo(password: str | None = None) -> DemoInfo:
    """Create or update the demo contest; safe to run any number of times."""
    password = password or demo_password()
    with transaction.atomic():
        codes, team_turn, buzz = _questions()
        online_round = load_online_preset(ONLINE_PRESET)
        contest, _ = Contest.objects.update_or_create(
            slug=CONTEST_SLUG, defaults={**CONTEST_FIELDS, "online_round": online_round}
        )
        _parts(contest, team_turn_pack=team_turn, buzz_pack=buzz)
        teams = import_team_file(contest)
        logins = _users_and_judges(contest, password)
        team_devices = tuple(_team_device(contest, team) for team in teams)
        screen = _screen_device(contest)
    return DemoInfo(
        contest=contest,
        password=password,
        logins=logins,
        team_devices=team_devices,
        screen=screen,
        question_codes=codes,
        team_turn_codes=tuple(q.code for q in team_turn.questions.order_by("code")),
        buzz_codes=tuple(q.code for q in buzz.questions.order_by("code")),
    )


# --- Questions and packs -------------------------------------------------------


def _questions() -> tuple[tuple[str, ...], QuestionPack, QuestionPack]:
    """Import the question files into their packs; every one is a sample question."""
    packs: dict[QuestionFile, QuestionPack] = {}
    every_code: list[str] = []
    for spec in QUESTION_FILES:
        codes = import_question_file(spec)
        packs[spec] = _pack(spec, Question.objects.filter(code__in=codes))
        every_code += codes
    questions = Question.objects.filter(code__in=every_code)
    questions.update(is_sample=True, active=True)
    packs[BANK_FILE].questions.set(questions)
    return tuple(sorted(every_code)), packs[TEAM_TURN_FILE], packs[BUZZ_FILE]


def _pack(spec: QuestionFile, questions: Iterable[Question]) -> QuestionPack:
    """The file's pack holds exactly the file's questions (the import only adds)."""
    pack, _ = QuestionPack.objects.update_or_create(
        name=spec.pack, defaults={"description": spec.description}
    )
    pack.questions.set(questions)
    return pack


# --- Parts and rubrics ---------------------------------------------------------


def _parts(contest: Contest, *, team_turn_pack: QuestionPack, buzz_pack: QuestionPack) -> None:
    judged = {"answer_seconds": 30, "points_correct": 0, "penalty_wrong": 0, "pack": None}
    specs: list[dict] = [
        {
            "kind": Part.Kind.INTRO,
            "title": "Giới thiệu đội và giải pháp, sáng kiến chuyển đổi số",
            "presentation_seconds": 300,
            "aggregation": Part.Aggregation.MEAN,
            **judged,
        },
        {
            "kind": Part.Kind.KNOWLEDGE,
            "title": "Kiến thức: trả lời câu hỏi bốc thăm",
            "mode": Part.Mode.TEAM_TURN,
            "answer_by": Part.AnswerBy.MEMBER,
            "answer_seconds": 30,
            "points_correct": 10,
            "penalty_wrong": 0,
            "reopen_on_wrong": False,
            "max_answering_members": 3,
            "questions_per_team": 1,
            "pack": team_turn_pack,
        },
        {
            "kind": Part.Kind.KNOWLEDGE,
            "title": "Kiến thức: giành quyền trả lời",
            "mode": Part.Mode.BUZZ_IN,
            "answer_by": Part.AnswerBy.TEAM,
            "answer_seconds": 15,
            "points_correct": 10,
            "penalty_wrong": 5,
            "reopen_on_wrong": True,
            "max_answering_members": 3,
            "questions_per_team": 1,
            "pack": buzz_pack,
        },
        {
            "kind": Part.Kind.SKIT,
            "title": "Tiểu phẩm truyền thông về chuyển đổi số",
            "presentation_seconds": 480,
            "aggregation": Part.Aggregation.TRIMMED,
            **judged,
        },
    ]
    for order, spec in enumerate(specs, start=1):
        part, _ = Part.objects.update_or_create(
            contest=contest, order=order, defaults={"weight": 1, "decimals": 2, **spec}
        )
        if part.kind == Part.Kind.INTRO:
            _rubric(part, "Thang điểm phần giới thiệu đội và giải pháp", INTRO_CRITERIA)
        elif part.kind == Part.Kind.SKIT:
            _rubric(part, "Thang điểm phần tiểu phẩm", SKIT_CRITERIA)
        else:
            Rubric.objects.filter(part=part).delete()
    contest.parts.exclude(order__in=range(1, len(specs) + 1)).delete()


def _rubric(part: Part, name: str, criteria: tuple[tuple[str, int, str], ...]) -> None:
    rubric, _ = Rubric.objects.update_or_create(part=part, defaults={"name": name})
    for order, (title, max_points, description) in enumerate(criteria, start=1):
        Criterion.objects.update_or_create(
            rubric=rubric,
            order=order,
            defaults={
                "name": title,
                "description": description,
                "max_points": Decimal(max_points),
                "weight": Decimal(1),
            },
        )
    rubric.criteria.exclude(order__in=range(1, len(criteria) + 1)).delete()


# --- Users, groups and judges --------------------------------------------------


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    lookup = {"content_type__app_label": app_label, "codename": codename}
    found = Permission.objects.filter(**lookup).first()
    if found is None:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
        found = Permission.objects.get(**lookup)
    return found


def _groups() -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for name, labels in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(label) for label in labels])
        groups[name] = group
    return groups


def _user(
    username: str,
    full_name: str,
    password_hash: str,
    *,
    group: Group | None,
    superuser: bool = False,
) -> AbstractUser:
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first() or user_model(username=username)
    user.first_name = full_name[:150]
    user.last_name = ""
    user.email = f"{username}@hoithi.local"
    user.is_active = True
    user.is_staff = superuser
    user.is_superuser = superuser
    user.password = password_hash
    user.save()
    user.groups.set([group] if group else [])
    return user


def _users_and_judges(contest: Contest, password: str) -> tuple[DemoLogin, ...]:
    groups = _groups()
    password_hash = make_password(password)  # hashed once: one slow hash per run
    logins: list[DemoLogin] = []
    for staff in STAFF:
        _user(
            staff.username,
            staff.full_name,
            password_hash,
            group=groups[staff.group] if staff.group else None,
            superuser=staff.is_superuser,
        )
        logins.append(DemoLogin(staff.role_label, staff.username))

    head = next(j for j in JUDGES if j.is_head)
    contest.judges.exclude(user__username=head.username).update(is_head=False)
    kept: list[int] = []
    for order, spec in enumerate(JUDGES, start=1):
        user = _user(spec.username, spec.display_name, password_hash, group=groups[GROUP_JUDGES])
        judge, _ = Judge.objects.update_or_create(
            contest=contest,
            user=user,
            defaults={
                "display_name": spec.display_name,
                "title": spec.title,
                "is_head": spec.is_head,
                "order": order,
            },
        )
        kept.append(judge.pk)
        role = "Trưởng Ban Giám khảo" if spec.is_head else f"Giám khảo {order}"
        logins.append(DemoLogin(role, spec.username))
    contest.judges.exclude(pk__in=kept).delete()
    return tuple(logins)


# --- Devices -------------------------------------------------------------------


def _team_device(contest: Contest, team: Team) -> DemoDevice:
    label = f"Thiết bị {team.name}"
    device = (
        Device.objects.filter(contest=contest, role=Device.Role.TEAM, team=team)
        .order_by("id")
        .first()
    )
    if device is None:
        device = Device.objects.create(
            contest=contest, role=Device.Role.TEAM, team=team, label=label
        )
    elif device.label != label:
        device.label = label
        device.save(update_fields=["label"])
    return DemoDevice(label=device.label, join_code=device.join_code, team_name=team.name)


def _screen_device(contest: Contest) -> DemoDevice:
    device = (
        Device.objects.filter(contest=contest, role=Device.Role.SCREEN, label=SCREEN_LABEL)
        .order_by("id")
        .first()
    ) or Device.objects.create(contest=contest, role=Device.Role.SCREEN, label=SCREEN_LABEL)
    return DemoDevice(label=device.label, join_code=device.join_code)
