"""Join codes, QR codes and signed tokens for every device and console.

A token is signed with the project's SECRET_KEY, bound to one contest and role
(and team, device or judge), and checked against the database at ``hello``:
a revoked device or a user who lost the permission is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.core import signing
from django.utils import timezone

SALT = "hall.token.v1"
DEVICE_MAX_AGE = 60 * 60 * 24 * 3  # a pad or screen stays joined for the contest days
STAFF_MAX_AGE = 60 * 60 * 16  # a console token lasts one working day

ROLES = frozenset({"mc", "screen", "team", "judge", "head_judge"})


@dataclass(frozen=True)
class Claims:
    contest_id: int
    role: str
    team_id: int | None = None
    device_id: int | None = None
    user_id: int | None = None
    judge_id: int | None = None

    @property
    def device_key(self) -> str:
        if self.device_id is not None:
            return f"device:{self.device_id}"
        if self.judge_id is not None:
            return f"judge:{self.judge_id}"
        return f"user:{self.user_id}:{self.role}"


class TokenError(Exception):
    """A token that is missing, forged, expired, revoked or for another role."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def make_token(claims: Claims) -> str:
    payload = {
        "c": claims.contest_id,
        "r": claims.role,
        "t": claims.team_id,
        "d": claims.device_id,
        "u": claims.user_id,
        "j": claims.judge_id,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: object) -> Claims:
    """Check the signature and age; the database checks happen in ``verify_claims``."""
    if not isinstance(token, str) or not token or len(token) > 1000:
        raise TokenError("no_token", "Thiết bị chưa được cấp quyền tham gia (thiếu mã truy cập).")
    try:
        data = signing.loads(token, salt=SALT, max_age=DEVICE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenError("token_expired", "Mã truy cập đã hết hạn. Vui lòng tham gia lại.") from exc
    except signing.BadSignature as exc:
        raise TokenError("bad_token", "Mã truy cập không hợp lệ.") from exc
    role = data.get("r")
    if role not in ROLES or not isinstance(data.get("c"), int):
        raise TokenError("bad_token", "Mã truy cập không hợp lệ.")
    return Claims(
        contest_id=data["c"],
        role=role,
        team_id=data.get("t"),
        device_id=data.get("d"),
        user_id=data.get("u"),
        judge_id=data.get("j"),
    )


def verify_claims(claims: Claims) -> Claims:
    """Database checks: the device is not revoked; the user still holds the role."""
    from django.contrib.auth import get_user_model

    from hall.models import Device, Judge

    if claims.role in ("team", "screen"):
        device = Device.objects.filter(pk=claims.device_id, contest_id=claims.contest_id).first()
        if device is None or device.role != claims.role or device.team_id != claims.team_id:
            raise TokenError("bad_token", "Thiết bị không thuộc hội thi này.")
        if device.revoked_at is not None:
            raise TokenError("revoked", "Thiết bị này đã bị thu hồi quyền tham gia.")
        return claims
    user = get_user_model().objects.filter(pk=claims.user_id, is_active=True).first()
    if user is None:
        raise TokenError("bad_token", "Tài khoản không còn hiệu lực.")
    if claims.role == "mc":
        if not user.has_perm("hall.run_show"):
            raise TokenError("forbidden", "Tài khoản không có quyền điều khiển hội thi.")
        return claims
    judge = Judge.objects.filter(
        pk=claims.judge_id, contest_id=claims.contest_id, user=user
    ).first()
    if judge is None:
        raise TokenError("forbidden", "Tài khoản không phải giám khảo của hội thi này.")
    expected = "head_judge" if judge.is_head else "judge"
    if claims.role != expected:
        raise TokenError("forbidden", "Vai trò giám khảo không khớp.")
    return claims


def device_token(device: object) -> str:
    return make_token(
        Claims(
            contest_id=device.contest_id,  # type: ignore[attr-defined]
            role=device.role,  # type: ignore[attr-defined]
            team_id=device.team_id,  # type: ignore[attr-defined]
            device_id=device.pk,  # type: ignore[attr-defined]
        )
    )


def revoke(device: object) -> None:
    device.revoked_at = timezone.now()  # type: ignore[attr-defined]
    device.save(update_fields=["revoked_at"])  # type: ignore[attr-defined]


def qr_svg(url: str, scale: int = 6) -> str:
    """An inline SVG QR code (server-side, no JS library needed)."""
    return segno.make(url, error="m").svg_inline(scale=scale, dark="#0f172a", light="#ffffff")
