"""The online quiz round: settings, periods, participants, attempts and results."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hall.models import Question, Unit
from online import rules


class Role(models.TextChoices):
    """Who a participant is; some roles are excluded by a round's rules."""

    OFFICIAL = "official", _("Cán bộ, công chức, viên chức")
    WORKER = "worker", _("Người lao động")
    COMMUNITY_TEAM = "community_team", _("Thành viên Tổ công nghệ số cộng đồng")
    STUDENT = "student", _("Học sinh, sinh viên")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    RESIDENT = "resident", _("Người dân")
    FOREIGN_RESIDENT = "foreign_resident", _("Người nước ngoài sinh sống tại tỉnh")
    ORGANIZING_COMMITTEE = "organizing_committee", _("Thành viên Ban Tổ chức")
    SECRETARIAT = "secretariat", _("Thành viên Tổ Thư ký")
    HELPER = "helper", _("Thành viên Tổ giúp việc")
    JUDGE = "judge", _("Thành viên Ban Giám khảo")
    QUESTION_AUTHOR = "question_author", _("Người biên soạn câu hỏi")
    SOFTWARE_UNIT = "software_unit", _("Đơn vị xây dựng, quản lý phần mềm")
    DEPARTMENT_ICT = "department_ict", _("Công chức, viên chức Sở Thông tin và Truyền thông")


class OnlineRound(models.Model):
    """One online contest; every rule that differs between the provinces' plans is a field."""

    class Prediction(models.TextChoices):
        NONE = "none", _("Không có câu hỏi dự đoán")
        PARTICIPANTS = "participants", _("Số người tham gia")
        PARTICIPATIONS = "participations", _("Số lượt tham gia")
        PERFECT = "perfect", _("Số người trả lời đúng tất cả các câu trong đợt")

    class Reveal(models.TextChoices):
        AFTER_ATTEMPT = "after_attempt", _("Ngay sau khi nộp bài")
        AFTER_PERIOD = "after_period", _("Sau khi đợt thi kết thúc")

    name = models.CharField(_("tên cuộc thi"), max_length=255)
    slug = models.SlugField(_("mã"), unique=True)
    preset = models.CharField(_("mẫu thiết lập"), max_length=32, blank=True)
    organizer = models.CharField(_("cơ quan tổ chức"), max_length=255, blank=True)
    description = models.TextField(_("giới thiệu"), blank=True)
    is_active = models.BooleanField(_("đang mở"), default=True)
    questions_per_attempt = models.PositiveSmallIntegerField(_("số câu mỗi lượt thi"), default=30)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian mỗi lượt thi (phút)"), default=30
    )
    attempts_per_period = models.PositiveSmallIntegerField(
        _("số lượt thi tối đa mỗi người trong một đợt"), default=2
    )
    spread_over_areas = models.BooleanField(_("chia đều câu hỏi theo lĩnh vực"), default=True)
    prediction = models.CharField(
        _("câu hỏi dự đoán"),
        max_length=16,
        choices=Prediction.choices,
        default=Prediction.PARTICIPATIONS,
    )
    ranking_criteria = models.CharField(
        _("tiêu chí xếp hạng"),
        max_length=100,
        default=rules.DEFAULT_CRITERIA,
        help_text=_(
            "Theo thứ tự, cách nhau bởi dấu phẩy: correct (nhiều câu đúng hơn), "
            "prediction (dự đoán gần đúng hơn), duration (thời gian làm bài ngắn hơn), "
            "submitted (nộp bài sớm hơn)."
        ),
    )
    min_age = models.PositiveSmallIntegerField(
        _("tuổi tối thiểu"), default=0, help_text=_("0: không giới hạn.")
    )
    excluded_roles = models.CharField(
        _("đối tượng không được dự thi"),
        max_length=500,
        blank=True,
        help_text=_("Mã đối tượng, cách nhau bởi dấu phẩy."),
    )
    excluded_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("đơn vị không được dự thi")
    )
    units = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="online_rounds",
        verbose_name=_("đơn vị, địa phương tham gia"),
    )
    required_fields = models.CharField(
        _("thông tin đăng ký bắt buộc"),
        max_length=200,
        default="full_name,date_of_birth,phone,unit",
        help_text=_("Trong: full_name, date_of_birth, phone, email, unit, address."),
    )
    min_registrations_per_unit = models.PositiveIntegerField(
        _("số người đăng ký tối thiểu mỗi đơn vị"), default=0
    )
    prize_structure = models.CharField(
        _("cơ cấu giải"),
        max_length=100,
        default="1,2,3,5",
        help_text=_("Số giải Nhất, Nhì, Ba, Khuyến khích, cách nhau bởi dấu phẩy."),
    )
    prize_amounts = models.CharField(_("giá trị giải (đồng)"), max_length=200, blank=True)
    reveal = models.CharField(
        _("hiện đáp án"), max_length=16, choices=Reveal.choices, default=Reveal.AFTER_PERIOD
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc thi trực tuyến")
        verbose_name_plural = _("cuộc thi trực tuyến")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def criteria(self) -> list[str]:
        return rules.parse_criteria(self.ranking_criteria)

    @property
    def prizes(self) -> list[int]:
        return rules.parse_prizes(self.prize_structure)

    @property
    def amounts(self) -> list[int]:
        return rules.parse_prizes(self.prize_amounts) if self.prize_amounts else []

    @property
    def excluded_role_codes(self) -> set[str]:
        return {c.strip() for c in self.excluded_roles.split(",") if c.strip()}

    @property
    def required(self) -> set[str]:
        return {c.strip() for c in self.required_fields.split(",") if c.strip()}

    @property
    def time_limit(self) -> timedelta:
        return timedelta(minutes=self.time_limit_minutes)

    def excluded_role_labels(self) -> list[str]:
        return [str(label) for code, label in Role.choices if code in self.excluded_role_codes]

    def current_period(self, now=None) -> Period | None:
        now = now or timezone.now()
        return self.periods.filter(opens_at__lte=now, closes_at__gt=now).first()


class Period(models.Model):
    """An open/close window of a round; prizes are awarded per period."""

    round = models.ForeignKey(OnlineRound, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("đợt"))
    name = models.CharField(_("tên đợt"), max_length=255)
    opens_at = models.DateTimeField(_("mở lúc"))
    closes_at = models.DateTimeField(_("đóng lúc"))
    actual_value = models.PositiveIntegerField(_("đáp án câu hỏi dự đoán"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("tổng hợp kết quả lúc"), null=True, blank=True)
    lots = models.JSONField(
        _("kết quả bốc thăm phân định"),
        default=list,
        blank=True,
        help_text=_("Các lần Ban Tổ chức bốc thăm giữa những người đồng hạng (có ghi hạt giống)."),
    )

    class Meta:
        verbose_name = _("đợt thi")
        verbose_name_plural = _("đợt thi")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="online_period_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="online_period_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round.name} — {self.name}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class Participant(models.Model):
    """A registered person; the login name is the phone number or the e-mail address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant"
    )
    round = models.ForeignKey(OnlineRound, on_delete=models.PROTECT, related_name="participants")
    full_name = models.CharField(_("họ và tên"), max_length=255)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_participants",
        verbose_name=_("đơn vị, địa phương"),
    )
    unit_name = models.CharField(_("đơn vị công tác / nơi ở (ghi rõ)"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    role = models.CharField(_("đối tượng"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người dự thi")
        verbose_name_plural = _("người dự thi")
        ordering = ["round", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def unit_label(self) -> str:
        return self.unit.name if self.unit_id else self.unit_name


class Attempt(models.Model):
    """One attempt (lượt thi): official, counted against the limit, or practice."""

    class Mode(models.TextChoices):
        OFFICIAL = "official", _("Thi chính thức")
        PRACTICE = "practice", _("Thi thử")

    round = models.ForeignKey(OnlineRound, on_delete=models.CASCADE, related_name="attempts")
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, null=True, blank=True, related_name="attempts"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="attempts"
    )
    session_key = models.CharField(max_length=64, blank=True, db_index=True)
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.OFFICIAL)
    number = models.PositiveSmallIntegerField(_("lượt thứ"), default=1)
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    deadline = models.DateTimeField(_("hạn nộp bài"))
    submitted_at = models.DateTimeField(_("nộp bài lúc"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("tự động nộp khi hết giờ"), default=False)
    correct_count = models.PositiveSmallIntegerField(_("số câu đúng"), default=0)
    question_count = models.PositiveSmallIntegerField(_("số câu"), default=0)
    prediction = models.PositiveIntegerField(_("dự đoán"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt thi")
        verbose_name_plural = _("lượt thi")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "period", "number"],
                condition=models.Q(mode="official"),
                name="online_attempt_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["period", "submitted_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_mode_display()}"

    @property
    def is_official(self) -> bool:
        return self.mode == self.Mode.OFFICIAL

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def duration(self) -> timedelta | None:
        if self.submitted_at is None:
            return None
        return min(self.submitted_at, self.deadline) - self.started_at

    def remaining_seconds(self, now=None) -> int:
        now = now or timezone.now()
        return max(0, int((self.deadline - now).total_seconds()))

    def answers_visible(self, now=None) -> bool:
        """Correct answers may be shown for this attempt now."""
        if not self.is_submitted:
            return False
        if not self.is_official or self.round.reveal == OnlineRound.Reveal.AFTER_ATTEMPT:
            return True
        return self.period is not None and self.period.is_closed(now)


class AttemptQuestion(models.Model):
    """A drawn question in an attempt, with its shuffled option order and the choice."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option_order = models.JSONField(default=list, help_text="option ids in display order")
    chosen = models.ForeignKey(
        "hall.Option", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    is_correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "order"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "order"], name="online_item_order_unique"),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="online_item_question_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.order}"


class Refusal(models.Model):
    """An answer or action that was refused: late, foreign, or out of the attempt."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, null=True, blank=True, related_name="refusals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=32)
    reason = models.CharField(max_length=500)
    payload = models.JSONField(default=dict)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thao tác bị từ chối")
        verbose_name_plural = _("thao tác bị từ chối")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code}: {self.reason}"


def _verification_code() -> str:
    return secrets.token_urlsafe(12)


class Winner(models.Model):
    """A prize awarded at period close; the code backs the public certificate check."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="winners")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="prizes")
    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("thứ hạng"))
    prize_level = models.PositiveSmallIntegerField(_("giải"))
    amount = models.PositiveIntegerField(_("giá trị (đồng)"), default=0)
    code = models.CharField(max_length=32, unique=True, default=_verification_code)

    class Meta:
        verbose_name = _("người đạt giải")
        verbose_name_plural = _("người đạt giải")
        ordering = ["period", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["period", "participant"], name="online_winner_unique")
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.prize_label}"

    @property
    def prize_label(self) -> str:
        return str(rules.prize_label(self.prize_level))
