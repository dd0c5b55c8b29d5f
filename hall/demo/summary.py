"""The Vietnamese summary printed by ``manage.py load_demo``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hall.demo.build import DEFAULT_BASE_URL, DemoInfo


def summary_lines(info: DemoInfo, base_url: str = DEFAULT_BASE_URL) -> list[str]:
    """Human-readable lines: contest, logins, join codes and the pages to open."""
    contest = info.contest
    urls = info.urls(base_url)
    lines = [
        _("Đã nạp dữ liệu mẫu: %(name)s (%(year)d)") % {"name": contest.name, "year": contest.year},
        _("Mã hội thi: %(slug)s — %(organizer)s")
        % {"slug": contest.slug, "organizer": contest.organizer},
        _("Số câu hỏi mẫu: %(all)d (bốc thăm: %(turn)d, giành quyền trả lời: %(buzz)d)")
        % {
            "all": len(info.question_codes),
            "turn": len(info.team_turn_codes),
            "buzz": len(info.buzz_codes),
        },
        "",
        _("Tài khoản đăng nhập (mật khẩu chung: %(password)s)") % {"password": info.password},
    ]
    lines += [f"  - {login.role}: {login.username}" for login in info.logins]
    lines += ["", _("Mã tham gia của thiết bị đội thi:")]
    lines += [f"  - {device.team_name}: {device.join_code}" for device in info.team_devices]
    lines += [
        "",
        _("Mã tham gia của màn hình lớn (%(label)s): %(code)s")
        % {"label": info.screen.label, "code": info.screen.join_code},
        "",
        _("Địa chỉ truy cập:"),
        _("  - Trang quản trị: %(url)s") % {"url": urls["admin"]},
        _("  - Bàn điều khiển MC: %(url)s") % {"url": urls["mc"]},
        _("  - Màn hình lớn: %(url)s (nhập mã màn hình)") % {"url": urls["screen"]},
        _("  - Thiết bị đội thi: %(url)s (nhập mã của đội)") % {"url": urls["pad"]},
        _("  - Giám khảo chấm điểm: %(url)s") % {"url": urls["judge"]},
        _("  - Thi trực tuyến: %(url)s") % {"url": urls["online"]},
    ]
    return lines
