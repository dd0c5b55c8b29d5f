"""What an organizer sets up before the day, and the hall's append-only event log."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hall import domain


class Contest(models.Model):
    class IndividualPrizes(models.TextChoices):
        HALL = "hall", _("Phần thi kiến thức của hội thi trực tiếp")
        ONLINE = "online", _("Vòng thi trực tuyến")
        NONE = "none", _("Không xét giải cá nhân")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang chuẩn bị")
        READY = "ready", _("Sẵn sàng")
        RUNNING = "running", _("Đang diễn ra")
        PAUSED = "paused", pgettext_lazy("contest status", "Tạm dừng")
        FINISHED = "finished", _("Đã kết thúc")

    name = models.CharField(_("tên hội thi"), max_length=255)
    theme = models.CharField(_("chủ đề"), max_length=255, blank=True)
    year = models.PositiveIntegerField(_("năm"))
    province = models.CharField(_("tỉnh"), max_length=100)
    organizer = models.CharField(_("cơ quan tổ chức"), max_length=255)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    held_on = models.DateField(_("ngày thi"), null=True, blank=True)
    slug = models.SlugField(_("mã"), unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    team_prizes = models.CharField(
        _("cơ cấu giải đồng đội"),
        max_length=100,
        default="1,1,1",
        help_text=_("Số giải Nhất, Nhì, Ba, Khuyến khích… cách nhau bởi dấu phẩy."),
    )
    individual_prizes_from = models.CharField(
        _("giải cá nhân xét từ"),
        max_length=16,
        choices=IndividualPrizes.choices,
        default=IndividualPrizes.HALL,
        help_text=_(
            "Nơi xét giải cá nhân: điểm cá nhân ở phần thi kiến thức của hội thi trực tiếp "
            "(theo cơ cấu giải cá nhân bên dưới), vòng thi trực tuyến đi kèm (theo cơ cấu giải "
            "của vòng thi trực tuyến đó), hoặc không xét. Mỗi hội thi chỉ có một bộ giải cá nhân."
        ),
    )
    online_round = models.ForeignKey(
        "online.OnlineRound",
        verbose_name=_("vòng thi trực tuyến đi kèm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contests",
        help_text=_("Bắt buộc khi giải cá nhân được xét từ vòng thi trực tuyến."),
    )
    individual_prizes = models.CharField(
        _("cơ cấu giải cá nhân"),
        max_length=100,
        default="1,1,2,3",
        blank=True,
        help_text=_(
            "Số giải Nhất, Nhì, Ba, Khuyến khích, cách nhau bởi dấu phẩy; chỉ dùng khi giải cá "
            "nhân xét từ phần thi kiến thức của hội thi trực tiếp."
        ),
    )
    tie_breaks = models.CharField(
        _("tiêu chí phụ khi bằng điểm"),
        max_length=200,
        default="knowledge,skit,penalties,draw",
        help_text=_(
            "Theo thứ tự: knowledge, skit, intro, penalties, draw. Bốc thăm của Ban Tổ chức "
            "luôn là tiêu chí cuối cùng. Được chốt khi hội thi bắt đầu."
        ),
    )

    class Meta:
        verbose_name = _("hội thi")
        verbose_name_plural = _("hội thi")
        ordering = ["-year", "name"]
        permissions = [
            ("run_show", _("Điều khiển hội thi (người dẫn chương trình)")),
            ("compile_results", _("Tổng hợp kết quả (Tổ Thư ký)")),
            ("approve_results", _("Phê duyệt kết quả (Ban Tổ chức)")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def clean(self) -> None:
        from scoring.numbers import ScoringError
        from scoring.prizes import parse_structure
        from scoring.standings import parse_tie_breaks

        errors: dict[str, str] = {}
        if self.individual_prizes_from == self.IndividualPrizes.ONLINE and not self.online_round_id:
            errors["online_round"] = _(
                "Cần chọn vòng thi trực tuyến khi giải cá nhân được xét từ vòng thi trực tuyến."
            )
        checks = [("team_prizes", parse_structure), ("tie_breaks", parse_tie_breaks)]
        if self.individual_prizes_from == self.IndividualPrizes.HALL:
            checks.append(("individual_prizes", parse_structure))
        for name, check in checks:
            try:
                check(getattr(self, name))
            except ScoringError as exc:
                errors[name] = str(exc)
        if errors:
            raise ValidationError(errors)


class Part(models.Model):
    """One part of the live show, in order (introduction, knowledge, skit)."""

    class Kind(models.TextChoices):
        INTRO = "intro", _("Giới thiệu đội và sáng kiến")
        KNOWLEDGE = "knowledge", _("Kiến thức (trắc nghiệm bốc thăm)")
        SKIT = "skit", _("Tiểu phẩm")

    class Mode(models.TextChoices):
        TEAM_TURN = "team_turn", _("Lượt từng đội (bốc thăm)")
        BUZZ_IN = "buzz_in", _("Giành quyền trả lời (bấm chuông)")

    class AnswerBy(models.TextChoices):
        MEMBER = "member", _("Từng thành viên trả lời (tính điểm cá nhân)")
        TEAM = "team", _("Một câu trả lời chung của đội")

    class Aggregation(models.TextChoices):
        MEAN = "mean", _("Trung bình cộng")
        TRIMMED = "trimmed", _("Bỏ điểm cao nhất và thấp nhất (từ 5 giám khảo)")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại phần thi"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("tên phần thi"), max_length=255)
    weight = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, default=1)
    # Judged parts (intro, skit)
    presentation_seconds = models.PositiveIntegerField(_("thời gian trình bày (giây)"), default=300)
    aggregation = models.CharField(
        _("cách tổng hợp điểm giám khảo"),
        max_length=16,
        choices=Aggregation.choices,
        default=Aggregation.MEAN,
    )
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân"), default=2)
    # Knowledge part
    mode = models.CharField(
        _("hình thức"), max_length=16, choices=Mode.choices, default=Mode.TEAM_TURN
    )
    answer_by = models.CharField(
        _("ai trả lời"), max_length=16, choices=AnswerBy.choices, default=AnswerBy.MEMBER
    )
    answer_seconds = models.PositiveIntegerField(_("thời gian trả lời (giây)"), default=30)
    points_correct = models.DecimalField(
        _("điểm mỗi câu đúng"), max_digits=6, decimal_places=2, default=10
    )
    penalty_wrong = models.DecimalField(
        _("điểm trừ khi trả lời sai (giành quyền)"), max_digits=6, decimal_places=2, default=0
    )
    reopen_on_wrong = models.BooleanField(_("mở lại cho đội khác khi trả lời sai"), default=True)
    max_answering_members = models.PositiveSmallIntegerField(
        _("số thành viên trả lời tối đa"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    questions_per_team = models.PositiveSmallIntegerField(_("số câu mỗi đội (lượt đội)"), default=1)
    pack = models.ForeignKey(
        "QuestionPack",
        verbose_name=_("bộ câu hỏi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )

    class Meta:
        verbose_name = _("phần thi")
        verbose_name_plural = _("phần thi")
        ordering = ["contest", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="part_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def is_judged(self) -> bool:
        return self.kind in (self.Kind.INTRO, self.Kind.SKIT)

    def clean(self) -> None:
        if self.kind == self.Kind.KNOWLEDGE and self.max_answering_members > 3:
            # The plans allow at most 3 answering members; keep the ceiling explicit.
            raise ValidationError(
                {"max_answering_members": _("Tối đa 3 thành viên được tham gia trả lời.")}
            )


class Unit(models.Model):
    """A district, city or agency that sends teams and participants."""

    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        DISTRICT = "district", _("Huyện")
        AGENCY = "agency", _("Cơ quan, đơn vị")

    name = models.CharField(_("tên đơn vị"), max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.DISTRICT)
    code = models.SlugField(_("mã"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="teams")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("tên đội"), max_length=255)
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    slogan = models.CharField(_("khẩu hiệu / sáng kiến"), max_length=500, blank=True)
    skit_cast_size = models.PositiveSmallIntegerField(_("số người diễn tiểu phẩm"), default=0)

    class Meta:
        verbose_name = _("đội thi")
        verbose_name_plural = _("đội thi")
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="team_number_unique"),
            models.UniqueConstraint(fields=["contest", "name"], name="team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def max_answering(self) -> int:
        limits = [
            p.max_answering_members
            for p in self.contest.parts.all()
            if p.kind == Part.Kind.KNOWLEDGE
        ]
        return min(limits) if limits else 3

    def setup_problems(self, roster_size: int, answering: int) -> list[str]:
        return domain.answering_problems(answering, self.max_answering()) + domain.cast_problems(
            self.skit_cast_size, roster_size
        )

    def clean(self) -> None:
        if self.pk:
            members = list(self.members.all())
            problems = self.setup_problems(
                len(members), sum(1 for m in members if m.answers_knowledge)
            )
            if problems:
                raise ValidationError(problems)


class Member(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    workplace = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    answers_knowledge = models.BooleanField(_("trả lời phần kiến thức"), default=False)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["team", "order", "id"]

    def __str__(self) -> str:
        return self.full_name


class Judge(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="judge_roles"
    )
    display_name = models.CharField(_("tên hiển thị"), max_length=255)
    title = models.CharField(_("chức danh"), max_length=255, blank=True)
    is_head = models.BooleanField(_("trưởng ban giám khảo"), default=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("giám khảo")
        verbose_name_plural = _("giám khảo")
        ordering = ["contest", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "user"], name="judge_user_unique"),
            models.UniqueConstraint(
                fields=["contest"],
                condition=models.Q(is_head=True),
                name="one_head_judge",
                violation_error_message=_("Mỗi hội thi chỉ có một trưởng ban giám khảo."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class Rubric(models.Model):
    part = models.OneToOneField(Part, on_delete=models.CASCADE, related_name="rubric")
    name = models.CharField(_("tên thang điểm"), max_length=255)

    class Meta:
        verbose_name = _("thang điểm")
        verbose_name_plural = _("thang điểm")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.part_id and not self.part.is_judged:
            raise ValidationError(_("Chỉ phần thi có giám khảo chấm mới có thang điểm."))


class Criterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tiêu chí"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("tiêu chí chấm")
        verbose_name_plural = _("tiêu chí chấm")
        ordering = ["rubric", "order", "id"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    class Area(models.TextChoices):
        E_GOVERNMENT = "e_government", _("Chính quyền điện tử")
        DIGITAL_GOVERNMENT = "digital_government", _("Chính quyền số")
        DIGITAL_ECONOMY = "digital_economy", _("Kinh tế số")
        DIGITAL_SOCIETY = "digital_society", _("Xã hội số")
        PUBLIC_SERVICES = "public_services", _("Dịch vụ công trực tuyến")
        DIGITAL_TRANSFORMATION = "digital_transformation", _("Chuyển đổi số")
        INFORMATION_SECURITY = "information_security", _("An toàn thông tin")
        POLICY = "policy", _("Chủ trương, chính sách")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Dễ")
        MEDIUM = "medium", _("Trung bình")
        HARD = "hard", _("Khó")

    code = models.CharField(_("mã câu hỏi"), max_length=32, unique=True)
    text = models.TextField(_("nội dung câu hỏi"))
    area = models.CharField(_("lĩnh vực"), max_length=32, choices=Area.choices)
    difficulty = models.CharField(
        _("độ khó"), max_length=16, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    explanation = models.TextField(_("giải thích"), blank=True)
    source = models.CharField(_("nguồn"), max_length=500, blank=True)
    is_sample = models.BooleanField(
        _("câu hỏi mẫu"),
        default=False,
        help_text=_("Câu hỏi mẫu để chạy thử; Ban Tổ chức thay bằng bộ câu hỏi chính thức."),
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("ngân hàng câu hỏi")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    def option_problems(self) -> list[str]:
        return domain.option_problems([(o.text, o.is_correct) for o in self.options.all()])


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("phương án"), max_length=1)
    text = models.CharField(_("nội dung"), max_length=1000)
    is_correct = models.BooleanField(_("đáp án đúng"), default=False)

    class Meta:
        verbose_name = _("phương án")
        verbose_name_plural = _("phương án")
        ordering = ["question", "label"]
        constraints = [
            models.UniqueConstraint(fields=["question", "label"], name="option_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label}. {self.text}"


class QuestionPack(models.Model):
    name = models.CharField(_("tên bộ câu hỏi"), max_length=255, unique=True)
    description = models.TextField(_("mô tả"), blank=True)
    questions = models.ManyToManyField(Question, related_name="packs", verbose_name=_("câu hỏi"))

    class Meta:
        verbose_name = _("bộ câu hỏi")
        verbose_name_plural = _("bộ câu hỏi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def _new_join_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class Device(models.Model):
    """A team pad or a screen that joins with a short code and holds a signed token."""

    class Role(models.TextChoices):
        TEAM = "team", _("Thiết bị đội thi")
        SCREEN = "screen", _("Màn hình lớn")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="devices")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="devices"
    )
    label = models.CharField(_("tên thiết bị"), max_length=255)
    join_code = models.CharField(
        _("mã tham gia"), max_length=12, unique=True, default=_new_join_code
    )
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thiết bị")
        verbose_name_plural = _("thiết bị")
        ordering = ["contest", "role", "label"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.role == self.Role.TEAM and not self.team_id:
            raise ValidationError(_("Thiết bị đội thi phải gắn với một đội."))


class Event(models.Model):
    """The append-only log: everything the hall knows is a fold of these rows."""

    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    epoch = models.PositiveIntegerField(default=1)
    type = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    actor = models.CharField(max_length=128, blank=True)
    command_id = models.CharField(max_length=64, blank=True, db_index=True)
    at_ms = models.BigIntegerField(help_text="server time in ms since the Unix epoch")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("nhật ký sự kiện")
        ordering = ["contest", "seq"]
        constraints = [models.UniqueConstraint(fields=["contest", "seq"], name="event_seq_unique")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.type}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValidationError("The event log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError("The event log is append-only.")


class Snapshot(models.Model):
    """The latest folded state of a contest's hall, for fast start-up."""

    contest = models.OneToOneField(Contest, on_delete=models.CASCADE, related_name="snapshot")
    seq = models.PositiveIntegerField(default=0)
    epoch = models.PositiveIntegerField(default=1)
    state = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trạng thái đã lưu")
        verbose_name_plural = _("trạng thái đã lưu")

    def __str__(self) -> str:
        return f"{self.contest_id}@{self.seq}"


class RefusedCommand(models.Model):
    """An audit trail of refused commands (late answers, late buzzes, forbidden actions).

    A refusal never changes the hall's state; it is recorded here, not in the event log.
    """

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="refusals")
    actor = models.CharField(max_length=128)
    command_type = models.CharField(max_length=64)
    command_id = models.CharField(max_length=64, blank=True)
    code = models.CharField(max_length=64)
    reason = models.CharField(max_length=500)
    payload = models.JSONField(default=dict)
    at_ms = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lệnh bị từ chối")
        verbose_name_plural = _("lệnh bị từ chối")
        ordering = ["contest", "at_ms"]

    def __str__(self) -> str:
        return f"{self.command_type}: {self.code}"
