"""Units, teams, rosters, judges and staff logins of the demo contest.

The eight district-level units are the real administrative units of Đắk Nông
province in 2023 (one city, seven districts) with real commune names; the
people are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoMember:
    full_name: str
    position: str
    workplace: str


@dataclass(frozen=True)
class DemoTeam:
    number: int
    unit_code: str
    unit_name: str
    unit_kind: str  # Unit.Kind value
    team_name: str
    slogan: str
    skit_cast_size: int
    members: tuple[DemoMember, ...]
    answering: tuple[int, ...] = (1, 2, 3)  # 1-based positions in the roster

    def member_answers(self, position: int) -> bool:
        return position in self.answering


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


def m(full_name: str, position: str, workplace: str) -> DemoMember:
    return DemoMember(full_name, position, workplace)


TCNS = "Thành viên Tổ công nghệ số cộng đồng"

TEAMS: tuple[DemoTeam, ...] = (
    DemoTeam(
        1,
        "gia-nghia",
        "Thành phố Gia Nghĩa",
        "city",
        "Đội thành phố Gia Nghĩa",
        "Sáng kiến “Phường số - mỗi tổ dân phố một điểm hỗ trợ dịch vụ công trực tuyến”",
        8,
        (
            m(
                "Nguyễn Thị Thu Hà",
                "Công chức Văn phòng HĐND và UBND thành phố",
                "UBND thành phố Gia Nghĩa",
            ),
            m(
                "Trần Minh Đức",
                "Chuyên viên Phòng Văn hóa và Thông tin",
                "UBND thành phố Gia Nghĩa",
            ),
            m("Lê Thị Ngọc Ánh", f"{TCNS} phường Nghĩa Đức", "UBND phường Nghĩa Đức"),
            m("Phạm Quốc Huy", f"{TCNS} phường Nghĩa Tân", "Công an phường Nghĩa Tân"),
            m(
                "Hoàng Thị Mai Phương",
                "Công chức Văn hóa - Xã hội phường Nghĩa Thành",
                "UBND phường Nghĩa Thành",
            ),
            m("Điểu Thị Hồng", f"{TCNS} xã Đắk R'Moan", "Đoàn Thanh niên xã Đắk R'Moan"),
            m(
                "Võ Văn Thắng",
                "Viên chức Trung tâm Văn hóa - Thể thao và Truyền thông",
                "UBND thành phố Gia Nghĩa",
            ),
            m(
                "Bùi Thị Thanh Tâm",
                f"{TCNS} phường Nghĩa Trung",
                "Hội Liên hiệp Phụ nữ phường Nghĩa Trung",
            ),
        ),
    ),
    DemoTeam(
        2,
        "cu-jut",
        "Huyện Cư Jút",
        "district",
        "Đội huyện Cư Jút",
        "Sáng kiến “Chợ 4.0 - thanh toán không dùng tiền mặt tại chợ thị trấn Ea T'ling”",
        6,
        (
            m("Đặng Văn Hùng", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Cư Jút"),
            m("Nguyễn Thị Lan", "Chuyên viên Phòng Văn hóa và Thông tin", "UBND huyện Cư Jút"),
            m("H' Yến Niê", f"{TCNS} xã Đắk Drông", "Đoàn Thanh niên xã Đắk Drông"),
            m("Trương Công Tuấn", f"{TCNS} thị trấn Ea T'ling", "Bưu điện huyện Cư Jút"),
            m(
                "Lương Thị Hằng",
                "Công chức Tư pháp - Hộ tịch xã Tâm Thắng",
                "UBND xã Tâm Thắng",
            ),
            m("Y Thành Niê", f"{TCNS} xã Cư Knia", "Công an xã Cư Knia"),
            m("Mai Xuân Lộc", f"{TCNS} xã Nam Dong", "UBND xã Nam Dong"),
        ),
        answering=(2, 3, 5),
    ),
    DemoTeam(
        3,
        "dak-mil",
        "Huyện Đắk Mil",
        "district",
        "Đội huyện Đắk Mil",
        "Giải pháp “Đưa cà phê, hồ tiêu Đắk Mil lên sàn thương mại điện tử”",
        9,
        (
            m("Phan Thị Kim Oanh", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Đắk Mil"),
            m("Đỗ Minh Khoa", "Chuyên viên Phòng Văn hóa và Thông tin", "UBND huyện Đắk Mil"),
            m("Nguyễn Văn Sơn", f"{TCNS} thị trấn Đắk Mil", "UBND thị trấn Đắk Mil"),
            m("Trịnh Thị Hoa", f"{TCNS} xã Đức Mạnh", "Hội Liên hiệp Phụ nữ xã Đức Mạnh"),
            m("Lê Hoàng Nam", f"{TCNS} xã Thuận An", "Công an xã Thuận An"),
            m(
                "Vũ Thị Ngọc Diệp",
                "Công chức Văn hóa - Xã hội xã Đắk Lao",
                "UBND xã Đắk Lao",
            ),
            m("Hồ Đức Trí", f"{TCNS} xã Đắk Sắk", "Đoàn Thanh niên xã Đắk Sắk"),
            m("Nguyễn Thị Yến", f"{TCNS} xã Đức Minh", "UBND xã Đức Minh"),
            m("Đinh Văn Toàn", f"{TCNS} xã Long Sơn", "Viettel huyện Đắk Mil"),
            m(
                "Cao Thị Thùy Linh",
                "Viên chức Trung tâm Văn hóa - Thể thao và Truyền thông",
                "UBND huyện Đắk Mil",
            ),
        ),
        answering=(2, 4, 6),
    ),
    DemoTeam(
        4,
        "krong-no",
        "Huyện Krông Nô",
        "district",
        "Đội huyện Krông Nô",
        "Sáng kiến “Bản đồ số điểm đến Công viên địa chất toàn cầu UNESCO Đắk Nông”",
        6,
        (
            m("Nguyễn Hữu Phước", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Krông Nô"),
            m("Trần Thị Thảo", "Chuyên viên Phòng Văn hóa và Thông tin", "UBND huyện Krông Nô"),
            m("Nông Thị Hiền", f"{TCNS} xã Nâm Nung", "UBND xã Nâm Nung"),
            m("Lò Văn Tường", f"{TCNS} xã Quảng Phú", "Đoàn Thanh niên xã Quảng Phú"),
            m("Hoàng Văn Chiến", f"{TCNS} thị trấn Đắk Mâm", "Công an thị trấn Đắk Mâm"),
            m(
                "Ngô Thị Bích Ngọc",
                "Công chức Văn hóa - Xã hội xã Buôn Choáh",
                "UBND xã Buôn Choáh",
            ),
        ),
    ),
    DemoTeam(
        5,
        "dak-song",
        "Huyện Đắk Song",
        "district",
        "Đội huyện Đắk Song",
        "Giải pháp “Mỗi thôn một nhóm Zalo hỗ trợ người dân dùng VNeID và dịch vụ công”",
        8,
        (
            m("Phùng Văn Khải", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Đắk Song"),
            m("Lê Thị Hạnh", "Chuyên viên Phòng Văn hóa và Thông tin", "UBND huyện Đắk Song"),
            m("Trần Đình Quang", f"{TCNS} thị trấn Đức An", "UBND thị trấn Đức An"),
            m("Y Khuyên", f"{TCNS} xã Nâm N'Jang", "Đoàn Thanh niên xã Nâm N'Jang"),
            m("Nguyễn Thị Hương", f"{TCNS} xã Trường Xuân", "Hội Liên hiệp Phụ nữ xã Trường Xuân"),
            m("Đoàn Minh Tú", f"{TCNS} xã Thuận Hạnh", "Công an xã Thuận Hạnh"),
            m("Phạm Thị Loan", "Công chức Văn hóa - Xã hội xã Đắk Hòa", "UBND xã Đắk Hòa"),
            m("Vương Đình Lâm", f"{TCNS} xã Nam Bình", "Bưu điện văn hóa xã Nam Bình"),
            m("Hà Thị Thu", f"{TCNS} xã Đắk Môl", "UBND xã Đắk Môl"),
        ),
        answering=(1, 3, 6),
    ),
    DemoTeam(
        6,
        "dak-rlap",
        "Huyện Đắk R'Lấp",
        "district",
        "Đội huyện Đắk R'Lấp",
        "Sáng kiến “Thanh toán học phí, tiền điện, nước bằng mã QR cho mọi hộ gia đình”",
        7,
        (
            m("Huỳnh Văn Phúc", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Đắk R'Lấp"),
            m("Lâm Thị Ngân", "Chuyên viên Phòng Văn hóa và Thông tin", "UBND huyện Đắk R'Lấp"),
            m("Đào Quang Vinh", f"{TCNS} thị trấn Kiến Đức", "UBND thị trấn Kiến Đức"),
            m("Tạ Thị Mỹ Dung", f"{TCNS} xã Nhân Cơ", "Đoàn Thanh niên xã Nhân Cơ"),
            m("Nguyễn Đức Thịnh", f"{TCNS} xã Kiến Thành", "Công an xã Kiến Thành"),
            m("Trần Thị Kim Chi", "Công chức Tư pháp - Hộ tịch xã Đạo Nghĩa", "UBND xã Đạo Nghĩa"),
            m("Lê Văn Hậu", f"{TCNS} xã Quảng Tín", "VNPT huyện Đắk R'Lấp"),
        ),
    ),
    DemoTeam(
        7,
        "dak-glong",
        "Huyện Đắk Glong",
        "district",
        "Đội huyện Đắk Glong",
        "Giải pháp “Loa truyền thanh thông minh đưa thông tin chuyển đổi số đến buôn, bon”",
        5,
        (
            m("Nguyễn Văn Quý", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Đắk Glong"),
            m("Giàng A Sử", f"{TCNS} xã Quảng Hòa", "Đoàn Thanh niên xã Quảng Hòa"),
            m("Sùng Thị Mai", f"{TCNS} xã Đắk R'Măng", "Hội Liên hiệp Phụ nữ xã Đắk R'Măng"),
            m("Trần Văn Lực", f"{TCNS} xã Quảng Khê", "Công an xã Quảng Khê"),
            m(
                "Lê Thị Thanh Xuân",
                "Chuyên viên Phòng Văn hóa và Thông tin",
                "UBND huyện Đắk Glong",
            ),
        ),
    ),
    DemoTeam(
        8,
        "tuy-duc",
        "Huyện Tuy Đức",
        "district",
        "Đội huyện Tuy Đức",
        "Sáng kiến “Công dân số vùng biên - mỗi hộ một tài khoản định danh điện tử”",
        7,
        (
            m("Đỗ Văn Nghĩa", "Công chức Văn phòng HĐND và UBND huyện", "UBND huyện Tuy Đức"),
            m(
                "Nguyễn Thị Ánh Tuyết",
                "Chuyên viên Phòng Văn hóa và Thông tin",
                "UBND huyện Tuy Đức",
            ),
            m("Điểu Văn Bình", f"{TCNS} xã Đắk Buk So", "Đoàn Thanh niên xã Đắk Buk So"),
            m("Phạm Văn Hải", f"{TCNS} xã Quảng Tâm", "Công an xã Quảng Tâm"),
            m("Điểu Thị Ngoan", f"{TCNS} xã Đắk Ngo", "UBND xã Đắk Ngo"),
            m("Bùi Thị Lệ", "Công chức Văn hóa - Xã hội xã Quảng Trực", "UBND xã Quảng Trực"),
            m("Vũ Đình Hưng", f"{TCNS} xã Đắk R'Tíh", "Viettel huyện Tuy Đức"),
            m("Lê Thị Kiều Oanh", f"{TCNS} xã Quảng Tân", "UBND xã Quảng Tân"),
        ),
        answering=(1, 2, 4),
    ),
)

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
