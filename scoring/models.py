"""Results approval (compiled by the Secretariat, approved by the Organizing Committee),
its history, and the certificates issued on approval."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hall.models import Contest


def new_certificate_code() -> str:
    """A random, unguessable verification code (about 120 bits), safe in a URL."""
    return secrets.token_urlsafe(15)


class ResultsApproval(models.Model):
    """The current approval state of one contest's results, with the frozen copy."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Chưa tổng hợp")
        COMPILED = "compiled", _("Đã tổng hợp, chờ phê duyệt")
        APPROVED = "approved", _("Đã phê duyệt")
        REOPENED = "reopened", _("Mở lại: cần tổng hợp và phê duyệt lại")

    contest = models.OneToOneField(
        Contest, on_delete=models.CASCADE, related_name="results_approval"
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    log_seq = models.PositiveIntegerField(_("đến sự kiện số"), default=0)
    results = models.JSONField(_("kết quả đã chốt"), default=dict, blank=True)
    results_hash = models.CharField(_("mã băm kết quả"), max_length=64, blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    compiled_at = models.DateTimeField(_("tổng hợp lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    reopened_seq = models.PositiveIntegerField(_("mở lại do sự kiện số"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("mở lại lúc"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phê duyệt kết quả")
        verbose_name_plural = _("phê duyệt kết quả")

    def __str__(self) -> str:
        return f"{self.contest} — {self.get_status_display()}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class ApprovalAction(models.Model):
    """One step in the approval history: compiled, approved or re-opened (for the minutes)."""

    class Action(models.TextChoices):
        COMPILED = "compiled", _("Tổng hợp kết quả")
        APPROVED = "approved", _("Phê duyệt kết quả")
        REOPENED = "reopened", _("Mở lại phê duyệt")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="approval_actions")
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    log_seq = models.PositiveIntegerField(_("đến sự kiện số"), default=0)
    results_hash = models.CharField(_("mã băm kết quả"), max_length=64, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử phê duyệt")
        verbose_name_plural = _("lịch sử phê duyệt")
        ordering = ["contest", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.log_seq}"


class Certificate(models.Model):
    """A certificate (Giấy chứng nhận) for a prize winner, verifiable by its code."""

    class Kind(models.TextChoices):
        TEAM = "team", _("Đồng đội")
        INDIVIDUAL = "individual", _("Cá nhân")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    recipient = models.CharField(_("người/đội nhận"), max_length=255)
    team_name = models.CharField(_("đội"), max_length=255, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    prize_label = models.CharField(_("giải"), max_length=100)
    tier = models.PositiveSmallIntegerField(_("bậc giải"))
    rank = models.PositiveSmallIntegerField(_("thứ hạng"))
    code = models.CharField(
        _("mã xác minh"), max_length=32, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    results_hash = models.CharField(_("mã băm kết quả"), max_length=64)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["contest", "kind", "tier", "rank", "recipient"]

    def __str__(self) -> str:
        return f"{self.prize_label} — {self.recipient}"

    @property
    def identity(self) -> tuple[str, str, str, str, int, int]:
        """What a certificate certifies: the same identity keeps the same code."""
        return (self.kind, self.recipient, self.team_name, self.prize_label, self.tier, self.rank)
