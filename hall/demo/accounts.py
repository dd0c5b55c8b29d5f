"""The demo contest's accounts: judges, staff logins and the groups' permissions.

The judges are fictional officials of the provincial Department of Information and
Communications; every account gets the demo password (``build.demo_password``).
The teams, rosters and questions are data files in ``hall/demo/data/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoJudge:
    username: str
    display_name: str
    title: str
    is_head: bool = False


@dataclass(frozen=True)
class DemoStaff:
    username: str
    full_name: str
    role_label: str  # shown in the summary
    group: str | None  # auth Group name, None for the superuser
    is_superuser: bool = False


JUDGES: tuple[DemoJudge, ...] = (
    DemoJudge(
        "giamkhao1",
        "Nguyễn Văn Bình",
        "Phó Giám đốc Sở Thông tin và Truyền thông, Trưởng Ban Giám khảo",
        is_head=True,
    ),
    DemoJudge(
        "giamkhao2",
        "Lê Thị Hồng Nhung",
        "Trưởng phòng Công nghệ thông tin, Sở Thông tin và Truyền thông",
    ),
    DemoJudge(
        "giamkhao3",
        "Trần Quang Vinh",
        "Giám đốc Trung tâm Dữ liệu Công nghệ và Truyền thông",
    ),
    DemoJudge(
        "giamkhao4",
        "Phạm Thị Thu Trang",
        "Trưởng phòng Thông tin - Báo chí - Xuất bản, Sở Thông tin và Truyền thông",
    ),
    DemoJudge(
        "giamkhao5",
        "Hoàng Minh Tuấn",
        "Phó Trưởng phòng Bưu chính, Viễn thông, Sở Thông tin và Truyền thông",
    ),
)

GROUP_MC = "Người dẫn chương trình"
GROUP_SECRETARIAT = "Tổ Thư ký"
GROUP_COMMITTEE = "Ban Tổ chức"
GROUP_JUDGES = "Ban Giám khảo"

# Group -> permissions as "app_label.codename".
GROUP_PERMISSIONS: dict[str, tuple[str, ...]] = {
    GROUP_MC: ("hall.run_show", "hall.view_contest", "hall.view_team", "hall.view_part"),
    GROUP_SECRETARIAT: (
        "hall.compile_results",
        "hall.view_contest",
        "hall.view_team",
        "hall.view_member",
        "hall.view_part",
        "hall.view_judge",
    ),
    GROUP_COMMITTEE: (
        "hall.approve_results",
        "hall.view_contest",
        "hall.view_team",
        "hall.view_member",
        "hall.view_part",
        "hall.view_judge",
    ),
    GROUP_JUDGES: ("hall.view_contest", "hall.view_team", "hall.view_part", "hall.view_rubric"),
}

STAFF: tuple[DemoStaff, ...] = (
    DemoStaff("admin", "Quản trị hệ thống", "Quản trị hệ thống", None, is_superuser=True),
    DemoStaff("mc", "Người dẫn chương trình", "Người dẫn chương trình (MC)", GROUP_MC),
    DemoStaff("thuky", "Tổ Thư ký Hội thi", "Tổ Thư ký", GROUP_SECRETARIAT),
    DemoStaff("bantochuc", "Ban Tổ chức Hội thi", "Ban Tổ chức", GROUP_COMMITTEE),
)
