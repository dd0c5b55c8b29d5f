"""Sample multiple-choice questions for the demo contest (Đắk Nông 2023).

Every question is written from the contest plans in the project's seeds or from
well-established public documents (decisions, decrees and laws cited in
``source``). The correct option is marked with a leading ``*``; the marker is
stripped when the question is stored. Codes are given by position: ``DN-001``…

They are *sample* questions (``is_sample=True``): the Organizing Committee
replaces them with its official question bank before the real contest.
"""

from __future__ import annotations

from dataclasses import dataclass

CORRECT_MARK = "*"


@dataclass(frozen=True)
class DemoQuestion:
    area: str
    difficulty: str
    text: str
    options: tuple[str, ...]
    explanation: str
    source: str
    keep_order: bool = False

    @property
    def correct_index(self) -> int:
        marked = [i for i, o in enumerate(self.options) if o.startswith(CORRECT_MARK)]
        if len(marked) != 1:
            raise ValueError(f"exactly one option must be marked correct: {self.text!r}")
        return marked[0]

    @property
    def option_texts(self) -> tuple[str, ...]:
        return tuple(o.removeprefix(CORRECT_MARK).strip() for o in self.options)

    def arranged(self, number: int) -> tuple[tuple[str, bool], ...]:
        """The options as (text, is_correct), in the order they are stored.

        Options whose order carries meaning (numbers, sizes) keep the written
        order; for the others the correct option is moved to position
        ``number % len(options)``, so correct answers spread evenly over A-D
        while the distractors keep their relative order.
        """
        texts = self.option_texts
        correct = texts[self.correct_index]
        if self.keep_order:
            ordered = list(texts)
        else:
            ordered = [t for i, t in enumerate(texts) if i != self.correct_index]
            ordered.insert(number % len(texts), correct)
        return tuple((t, t == correct) for t in ordered)


def q(
    area: str,
    difficulty: str,
    text: str,
    options: list[str],
    explanation: str,
    source: str,
    *,
    keep_order: bool = False,
) -> DemoQuestion:
    return DemoQuestion(area, difficulty, text, tuple(options), explanation, source, keep_order)


QD749 = "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ"
QD411 = "Quyết định số 411/QĐ-TTg ngày 31/3/2022 của Thủ tướng Chính phủ"
QD06 = "Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (Đề án 06)"
ND42 = "Nghị định số 42/2022/NĐ-CP của Chính phủ về cung cấp thông tin và dịch vụ công trực tuyến"
KH_DAKNONG = (
    "Kế hoạch tổ chức Hội thi “Chuyển đổi số - nhận thức và hành động” tỉnh Đắk Nông "
    "năm 2023 của Sở Thông tin và Truyền thông"
)
CAM_NANG = "Cẩm nang Chuyển đổi số, Bộ Thông tin và Truyền thông (2021)"
ATTT = (
    "Kiến thức phổ thông về an toàn thông tin, Cục An toàn thông tin (Bộ Thông tin và Truyền thông)"
)

POLICY = "policy"
DX = "digital_transformation"
EGOV = "e_government"
DGOV = "digital_government"
PUBLIC = "public_services"
ECONOMY = "digital_economy"
SOCIETY = "digital_society"
SECURITY = "information_security"
EASY, MEDIUM, HARD = "easy", "medium", "hard"

QUESTIONS: tuple[DemoQuestion, ...] = (
    # --- Chủ trương, chính sách -------------------------------------------------
    q(
        POLICY,
        EASY,
        "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 "
        "được Thủ tướng Chính phủ phê duyệt tại văn bản nào?",
        [
            "*Quyết định số 749/QĐ-TTg ngày 03/6/2020",
            "Quyết định số 942/QĐ-TTg ngày 15/6/2021",
            "Quyết định số 411/QĐ-TTg ngày 31/3/2022",
            "Quyết định số 06/QĐ-TTg ngày 06/01/2022",
        ],
        "Quyết định 749/QĐ-TTg phê duyệt Chương trình Chuyển đổi số quốc gia. Quyết định 942 "
        "là Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số; Quyết định 411 là "
        "Chiến lược phát triển kinh tế số và xã hội số; Quyết định 06 phê duyệt Đề án 06.",
        QD749,
    ),
    q(
        POLICY,
        EASY,
        "Ngày Chuyển đổi số quốc gia là ngày nào hằng năm?",
        ["Ngày 03 tháng 6", "*Ngày 10 tháng 10", "Ngày 01 tháng 7", "Ngày 09 tháng 12"],
        "Thủ tướng Chính phủ quyết định lấy ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia; "
        "ngày 10/10/2022 là Ngày Chuyển đổi số quốc gia đầu tiên.",
        "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ",
    ),
    q(
        POLICY,
        MEDIUM,
        "Theo Chương trình Chuyển đổi số quốc gia, yếu tố nào đóng vai trò quyết định "
        "trong chuyển đổi số?",
        ["Kinh phí đầu tư", "Thiết bị phần cứng", "*Nhận thức", "Số lượng phần mềm"],
        "Quyết định 749/QĐ-TTg nêu rõ: nhận thức đóng vai trò quyết định trong chuyển đổi số.",
        QD749,
    ),
    q(
        POLICY,
        MEDIUM,
        "Văn bản nào của Thủ tướng Chính phủ lấy ngày 10 tháng 10 hằng năm là "
        "Ngày Chuyển đổi số quốc gia?",
        [
            "Quyết định số 749/QĐ-TTg ngày 03/6/2020",
            "Chỉ thị số 14/CT-TTg ngày 07/6/2019",
            "*Quyết định số 505/QĐ-TTg ngày 22/4/2022",
            "Nghị định số 42/2022/NĐ-CP",
        ],
        "Quyết định 505/QĐ-TTg ngày 22/4/2022 về Ngày Chuyển đổi số quốc gia.",
        "Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ",
    ),
    q(
        POLICY,
        MEDIUM,
        "Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng "
        "đến năm 2030 được phê duyệt tại văn bản nào?",
        [
            "Quyết định số 942/QĐ-TTg ngày 15/6/2021",
            "*Quyết định số 411/QĐ-TTg ngày 31/3/2022",
            "Quyết định số 749/QĐ-TTg ngày 03/6/2020",
            "Quyết định số 505/QĐ-TTg ngày 22/4/2022",
        ],
        "Quyết định 411/QĐ-TTg ngày 31/3/2022 phê duyệt Chiến lược quốc gia phát triển "
        "kinh tế số và xã hội số.",
        QD411,
    ),
    q(
        POLICY,
        MEDIUM,
        "Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, "
        "định hướng đến năm 2030 được phê duyệt tại văn bản nào?",
        [
            "*Quyết định số 942/QĐ-TTg ngày 15/6/2021",
            "Quyết định số 411/QĐ-TTg ngày 31/3/2022",
            "Quyết định số 06/QĐ-TTg ngày 06/01/2022",
        ],
        "Quyết định 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ.",
        "Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ",
    ),
    q(
        POLICY,
        HARD,
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị đề cập đến nội dung nào?",
        [
            "Chiến lược phát triển bền vững kinh tế biển",
            "*Một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
            "Cải cách chính sách tiền lương",
            "Phát triển giáo dục mầm non",
        ],
        "Nghị quyết 52-NQ/TW là nền tảng chủ trương của Đảng về chủ động tham gia cuộc "
        "Cách mạng công nghiệp lần thứ tư, trong đó có chuyển đổi số.",
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị",
    ),
    q(
        POLICY,
        HARD,
        "Chương trình Chuyển đổi số quốc gia có “mục tiêu kép” là gì?",
        [
            "Vừa tăng trưởng GDP, vừa giảm nghèo bền vững",
            "Vừa xây dựng hạ tầng viễn thông, vừa xuất khẩu thiết bị điện tử",
            "*Vừa phát triển Chính phủ số, kinh tế số, xã hội số, vừa hình thành các doanh "
            "nghiệp công nghệ số Việt Nam có năng lực đi ra toàn cầu",
            "Vừa tinh giản biên chế, vừa tăng thu ngân sách",
        ],
        "Quyết định 749/QĐ-TTg xác định mục tiêu kép: phát triển Chính phủ số, kinh tế số, xã "
        "hội số và hình thành các doanh nghiệp công nghệ số Việt Nam có năng lực đi ra toàn cầu.",
        QD749,
    ),
    q(
        POLICY,
        MEDIUM,
        "Tầm nhìn đến năm 2030 của Chương trình Chuyển đổi số quốc gia là Việt Nam trở thành…",
        [
            "*quốc gia số, ổn định và thịnh vượng, tiên phong thử nghiệm các công nghệ và mô "
            "hình mới",
            "trung tâm sản xuất phần cứng lớn nhất châu Á",
            "quốc gia hoàn toàn không sử dụng tiền mặt",
        ],
        "Đây là tầm nhìn đến năm 2030 nêu tại Quyết định 749/QĐ-TTg.",
        QD749,
    ),
    q(
        POLICY,
        MEDIUM,
        "Luật Giao dịch điện tử năm 2023 (Luật số 20/2023/QH15) có hiệu lực thi hành từ ngày nào?",
        ["Ngày 01/01/2024", "*Ngày 01/7/2024", "Ngày 22/6/2023", "Ngày 10/10/2023"],
        "Luật được Quốc hội thông qua ngày 22/6/2023, có hiệu lực từ ngày 01/7/2024, "
        "thay thế Luật Giao dịch điện tử năm 2005.",
        "Luật Giao dịch điện tử số 20/2023/QH15",
    ),
    # --- Chuyển đổi số ---------------------------------------------------------
    q(
        DX,
        EASY,
        "Theo Cẩm nang Chuyển đổi số của Bộ Thông tin và Truyền thông, chuyển đổi số là gì?",
        [
            "Việc mua sắm máy tính cho toàn bộ cơ quan",
            "Việc quét toàn bộ tài liệu giấy thành tệp PDF",
            "*Quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức về cách sống, cách "
            "làm việc và phương thức sản xuất dựa trên các công nghệ số",
            "Việc đưa trang thông tin điện tử của cơ quan lên Internet",
        ],
        "Chuyển đổi số không chỉ là trang bị thiết bị hay số hóa tài liệu mà là thay đổi "
        "toàn diện cách sống, cách làm việc và phương thức sản xuất dựa trên công nghệ số.",
        CAM_NANG,
    ),
    q(
        DX,
        EASY,
        "Ba trụ cột của chuyển đổi số quốc gia là gì?",
        [
            "Nông nghiệp số, công nghiệp số, dịch vụ số",
            "*Chính phủ số, kinh tế số, xã hội số",
            "Hạ tầng số, thiết bị số, phần mềm số",
            "Giáo dục số, y tế số, giao thông số",
        ],
        "Chương trình Chuyển đổi số quốc gia phát triển đồng thời Chính phủ số, kinh tế số "
        "và xã hội số.",
        QD749,
    ),
    q(
        DX,
        EASY,
        "Theo Kế hoạch Hội thi, phần thi tìm hiểu kiến thức về chuyển đổi số có tối đa bao "
        "nhiêu thành viên của mỗi đội tham gia trả lời câu hỏi trắc nghiệm?",
        ["02 người", "*03 người", "05 người", "Không giới hạn"],
        "Kế hoạch quy định tối đa không quá 03 người tham gia trả lời câu hỏi trắc nghiệm "
        "của Ban Tổ chức.",
        KH_DAKNONG,
        keep_order=True,
    ),
    q(
        DX,
        MEDIUM,
        "Việc chuyển tài liệu, hồ sơ giấy thành dữ liệu dạng số (tệp điện tử) được gọi là gì?",
        ["*Số hóa", "Chuyển đổi số toàn diện", "Tự động hóa", "Điện toán đám mây"],
        "Số hóa là bước đầu tiên; chuyển đổi số rộng hơn, là thay đổi mô hình, quy trình "
        "hoạt động dựa trên công nghệ số và dữ liệu.",
        CAM_NANG,
    ),
    q(
        DX,
        MEDIUM,
        "Ủy ban Quốc gia về chuyển đổi số do ai làm Chủ tịch?",
        [
            "Bộ trưởng Bộ Thông tin và Truyền thông",
            "*Thủ tướng Chính phủ",
            "Chủ tịch Quốc hội",
            "Bộ trưởng Bộ Công an",
        ],
        "Thủ tướng Chính phủ là Chủ tịch Ủy ban Quốc gia về chuyển đổi số.",
        "Ủy ban Quốc gia về chuyển đổi số, Chính phủ",
    ),
    q(
        DX,
        EASY,
        "Công nghệ nào sau đây KHÔNG phải là công nghệ số cốt lõi của cuộc Cách mạng công "
        "nghiệp lần thứ tư?",
        [
            "Trí tuệ nhân tạo (AI)",
            "Dữ liệu lớn (Big Data)",
            "Internet vạn vật (IoT)",
            "*Máy hơi nước",
        ],
        "Máy hơi nước gắn với cuộc Cách mạng công nghiệp lần thứ nhất.",
        CAM_NANG,
    ),
    q(
        DX,
        MEDIUM,
        "Điện toán đám mây (cloud computing) là gì?",
        [
            "Công nghệ dự báo thời tiết bằng vệ tinh",
            "*Mô hình cung cấp tài nguyên tính toán (máy chủ, lưu trữ, phần mềm) qua mạng theo "
            "nhu cầu sử dụng",
            "Phần mềm chỉ chạy được trên một máy tính cá nhân",
            "Mạng Wi-Fi phủ sóng ngoài trời",
        ],
        "Điện toán đám mây cho phép thuê và dùng tài nguyên tính toán qua mạng, trả theo "
        "nhu cầu, thay vì tự đầu tư máy chủ riêng.",
        CAM_NANG,
    ),
    q(
        DX,
        MEDIUM,
        "Chuyên trang chuyển đổi số của tỉnh Đắk Nông, nơi tổ chức thi trực tuyến của Hội thi, "
        "có địa chỉ nào?",
        [
            "https://dichvucong.gov.vn",
            "*https://chuyendoiso.daknong.gov.vn",
            "https://vneid.gov.vn",
        ],
        "Kế hoạch Hội thi quy định thi trực tuyến trên Chuyên trang chuyển đổi số của tỉnh: "
        "https://chuyendoiso.daknong.gov.vn.",
        KH_DAKNONG,
    ),
    q(
        DX,
        EASY,
        "Hình thức thi trực tiếp của Hội thi “Chuyển đổi số - nhận thức và hành động” tỉnh "
        "Đắk Nông năm 2023 gồm những phần thi nào?",
        [
            "Chỉ có phần thi trắc nghiệm kiến thức",
            "Thi viết tự luận và thi vấn đáp",
            "*Giới thiệu đội và đề xuất giải pháp, sáng kiến; tìm hiểu kiến thức về chuyển đổi "
            "số; tiểu phẩm truyền thông",
            "Thi lập trình phần mềm và thi thiết kế trang web",
        ],
        "Kế hoạch Hội thi gồm ba phần thi trực tiếp: giới thiệu đội và giải pháp, sáng kiến; "
        "tìm hiểu kiến thức; sân khấu hóa tiểu phẩm truyền thông.",
        KH_DAKNONG,
    ),
    q(
        DX,
        MEDIUM,
        "Theo Kế hoạch Hội thi, đối với hình thức thi trực tuyến, mỗi huyện, thành phố của "
        "tỉnh Đắk Nông đăng ký tối thiểu bao nhiêu người dự thi?",
        ["10 người", "20 người", "*30 người", "50 người"],
        "Mỗi huyện, thành phố đăng ký tối thiểu 30 người dự thi trực tuyến, gửi Ban Tổ chức "
        "trước ngày 06/10/2023.",
        KH_DAKNONG,
        keep_order=True,
    ),
    q(
        DX,
        MEDIUM,
        "Hội thi “Chuyển đổi số - nhận thức và hành động” tỉnh Đắk Nông năm 2023 được tổ chức "
        "nhằm hưởng ứng sự kiện nào?",
        [
            "*Ngày Chuyển đổi số năm 2023",
            "Ngày Pháp luật Việt Nam",
            "Ngày Khoa học và Công nghệ Việt Nam",
            "Ngày Sách và Văn hóa đọc Việt Nam",
        ],
        "Hội thi thực hiện Kế hoạch 221/KH-UBND ngày 11/4/2023 của UBND tỉnh về tổ chức các "
        "hoạt động hưởng ứng Ngày Chuyển đổi số năm 2023.",
        KH_DAKNONG,
    ),
    # --- Chính quyền điện tử -------------------------------------------------
    q(
        EGOV,
        EASY,
        "Khi trao đổi văn bản, tài liệu công việc, cán bộ, công chức nên sử dụng hộp thư nào?",
        [
            "Hộp thư cá nhân miễn phí bất kỳ",
            "*Hộp thư điện tử công vụ do cơ quan nhà nước cấp",
            "Tin nhắn mạng xã hội",
        ],
        "Cơ quan nhà nước cấp và yêu cầu sử dụng thư điện tử công vụ trong trao đổi công việc "
        "để bảo đảm an toàn, bảo mật thông tin.",
        "Chỉ thị số 34/2008/CT-TTg của Thủ tướng Chính phủ về tăng cường sử dụng hệ thống "
        "thư điện tử trong hoạt động của cơ quan nhà nước",
    ),
    q(
        EGOV,
        MEDIUM,
        "Theo Nghị định số 30/2020/NĐ-CP về công tác văn thư, văn bản điện tử được ký số bởi "
        "người có thẩm quyền và ký số của cơ quan, tổ chức theo quy định có giá trị pháp lý "
        "như thế nào?",
        [
            "Chỉ có giá trị tham khảo",
            "Phải in ra và đóng dấu đỏ mới có giá trị",
            "*Có giá trị pháp lý như bản gốc văn bản giấy",
            "Chỉ có giá trị trong nội bộ cơ quan ban hành",
        ],
        "Nghị định 30/2020/NĐ-CP quy định văn bản điện tử ký số đúng quy định có giá trị "
        "pháp lý như bản gốc văn bản giấy.",
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
    ),
    q(
        EGOV,
        MEDIUM,
        "Hệ thống nào kết nối, liên thông việc gửi, nhận văn bản điện tử giữa các cơ quan "
        "hành chính nhà nước các cấp, được khai trương ngày 12/3/2019?",
        [
            "Cổng Dịch vụ công quốc gia",
            "*Trục liên thông văn bản quốc gia",
            "Cơ sở dữ liệu quốc gia về dân cư",
            "Hệ thống thông tin báo cáo quốc gia",
        ],
        "Trục liên thông văn bản quốc gia giúp gửi, nhận văn bản điện tử giữa các bộ, "
        "ngành, địa phương thay cho văn bản giấy.",
        "Văn phòng Chính phủ",
    ),
    q(
        EGOV,
        HARD,
        "Chữ ký số là một dạng chữ ký điện tử sử dụng loại công nghệ nào?",
        [
            "Ảnh chụp chữ ký tay được chèn vào văn bản",
            "*Hệ thống mật mã khóa không đối xứng (cặp khóa bí mật và khóa công khai)",
            "Mật khẩu gửi qua tin nhắn SMS",
            "Mã vạch in trên văn bản giấy",
        ],
        "Chữ ký số dùng cặp khóa: khóa bí mật để ký, khóa công khai để kiểm tra chữ ký.",
        "Luật Giao dịch điện tử số 20/2023/QH15",
    ),
    q(
        EGOV,
        HARD,
        "Khi ký số một văn bản điện tử, người ký sử dụng khóa nào?",
        [
            "*Khóa bí mật của chính mình",
            "Khóa công khai của người nhận",
            "Mật khẩu hộp thư điện tử",
            "Mã OTP do ngân hàng gửi",
        ],
        "Người ký dùng khóa bí mật (chỉ mình nắm giữ) để tạo chữ ký số; người nhận dùng khóa "
        "công khai tương ứng để kiểm tra.",
        "Luật Giao dịch điện tử số 20/2023/QH15",
    ),
    q(
        EGOV,
        EASY,
        "Phần mềm nào được các cơ quan nhà nước dùng để xử lý, gửi, nhận văn bản điện tử và "
        "điều hành công việc?",
        [
            "Mạng xã hội Facebook",
            "Ứng dụng VNeID",
            "*Hệ thống quản lý văn bản và điều hành",
            "Phần mềm kế toán",
        ],
        "Hệ thống quản lý văn bản và điều hành là nền tảng xử lý văn bản điện tử trong cơ "
        "quan nhà nước, kết nối với Trục liên thông văn bản quốc gia.",
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
    ),
    q(
        EGOV,
        HARD,
        "Chứng thư chữ ký số chuyên dùng công vụ cho cán bộ, công chức trong cơ quan nhà nước "
        "do cơ quan nào cấp?",
        [
            "Ngân hàng Nhà nước Việt Nam",
            "Bộ Tài chính",
            "*Ban Cơ yếu Chính phủ",
            "Ủy ban nhân dân cấp xã",
        ],
        "Ban Cơ yếu Chính phủ cung cấp dịch vụ chứng thực chữ ký số chuyên dùng công vụ.",
        "Nghị định số 130/2018/NĐ-CP của Chính phủ về chữ ký số và dịch vụ chứng thực chữ ký số",
    ),
    q(
        EGOV,
        MEDIUM,
        "Hệ thống nào giúp các bộ, ngành, địa phương gửi báo cáo điện tử, cung cấp số liệu "
        "phục vụ chỉ đạo, điều hành của Chính phủ, Thủ tướng Chính phủ?",
        [
            "*Hệ thống thông tin báo cáo quốc gia",
            "Cổng thông tin điện tử của huyện",
            "Ứng dụng VNeID",
        ],
        "Hệ thống thông tin báo cáo quốc gia thay thế việc gửi báo cáo giấy, giúp tổng hợp số "
        "liệu nhanh, chính xác.",
        "Văn phòng Chính phủ",
    ),
    q(
        EGOV,
        HARD,
        "Nền tảng tích hợp, chia sẻ dữ liệu cấp bộ, cấp tỉnh thường được viết tắt là gì?",
        ["NDXP", "*LGSP", "VNeID", "IOC"],
        "LGSP là nền tảng tích hợp, chia sẻ dữ liệu cấp bộ, cấp tỉnh; NDXP là Nền tảng tích "
        "hợp, chia sẻ dữ liệu quốc gia, kết nối các LGSP với nhau.",
        "Khung Kiến trúc Chính phủ điện tử Việt Nam, Bộ Thông tin và Truyền thông",
    ),
    # --- Chính quyền số --------------------------------------------------------
    q(
        DGOV,
        MEDIUM,
        "Điểm khác biệt cơ bản của chính quyền số so với chính quyền điện tử là gì?",
        [
            "Chính quyền số chỉ cần dùng nhiều máy tính hơn",
            "*Chính quyền số vận hành dựa trên dữ liệu và công nghệ số, thiết kế lại quy trình "
            "và mô hình hoạt động",
            "Chính quyền số không cần kết nối Internet",
            "Chính quyền số thay thế hoàn toàn cán bộ, công chức",
        ],
        "Chính quyền điện tử chủ yếu ứng dụng công nghệ thông tin vào quy trình sẵn có; "
        "chính quyền số thay đổi mô hình hoạt động, ra quyết định dựa trên dữ liệu.",
        "Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ",
    ),
    q(
        DGOV,
        EASY,
        "Mã số định danh cá nhân của công dân Việt Nam gồm bao nhiêu chữ số?",
        ["9 chữ số", "10 chữ số", "*12 chữ số", "15 chữ số"],
        "Mã số định danh cá nhân gồm 12 chữ số, cũng là số thẻ căn cước công dân gắn chip.",
        "Luật Căn cước công dân năm 2014; Nghị định số 137/2015/NĐ-CP",
        keep_order=True,
    ),
    q(
        DGOV,
        EASY,
        "Cơ sở dữ liệu quốc gia về dân cư do cơ quan nào quản lý?",
        ["Bộ Tư pháp", "*Bộ Công an", "Bộ Thông tin và Truyền thông", "Tổng cục Thống kê"],
        "Bộ Công an xây dựng, quản lý Cơ sở dữ liệu quốc gia về dân cư.",
        "Luật Cư trú năm 2020; Luật Căn cước công dân năm 2014",
    ),
    q(
        DGOV,
        EASY,
        "Đề án 06 là đề án gì?",
        [
            "Đề án xây dựng nông thôn mới giai đoạn 2021 - 2025",
            "*Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục "
            "vụ chuyển đổi số quốc gia giai đoạn 2022 - 2025, tầm nhìn đến năm 2030",
            "Đề án phổ cập Internet cho trường học",
            "Đề án phát triển du lịch cộng đồng",
        ],
        "Đề án 06 được phê duyệt tại Quyết định 06/QĐ-TTg ngày 06/01/2022.",
        QD06,
    ),
    q(
        DGOV,
        HARD,
        "Cơ sở dữ liệu quốc gia về dân cư chính thức được đưa vào vận hành từ ngày nào?",
        ["Ngày 01/01/2020", "*Ngày 01/7/2021", "Ngày 10/10/2022", "Ngày 01/7/2023"],
        "Cơ sở dữ liệu quốc gia về dân cư vận hành chính thức từ ngày 01/7/2021, cùng thời "
        "điểm Luật Cư trú năm 2020 có hiệu lực.",
        "Bộ Công an; Luật Cư trú năm 2020",
        keep_order=True,
    ),
    q(
        DGOV,
        HARD,
        "Theo Đề án 06, dữ liệu dân cư, định danh và xác thực điện tử phục vụ mấy nhóm tiện ích?",
        ["3 nhóm", "4 nhóm", "*5 nhóm", "6 nhóm"],
        "Năm nhóm tiện ích: giải quyết thủ tục hành chính và dịch vụ công trực tuyến; phát "
        "triển kinh tế - xã hội; phát triển công dân số; hoàn thiện hệ sinh thái kết nối, khai "
        "thác, làm giàu dữ liệu dân cư; phục vụ chỉ đạo, điều hành.",
        QD06,
        keep_order=True,
    ),
    q(
        DGOV,
        MEDIUM,
        "Khi thực hiện thủ tục hành chính trên môi trường điện tử, thông tin đã có trong cơ sở "
        "dữ liệu quốc gia và được kết nối, chia sẻ thì người dân…",
        [
            "phải nộp lại bản sao có chứng thực",
            "*không phải cung cấp lại",
            "phải cung cấp lại mỗi lần nộp hồ sơ",
            "phải đến trực tiếp cơ quan để xác nhận",
        ],
        "Nguyên tắc: cơ quan nhà nước không yêu cầu người dân cung cấp lại thông tin, giấy tờ "
        "đã có trong cơ sở dữ liệu được kết nối, chia sẻ.",
        "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ",
    ),
    q(
        DGOV,
        MEDIUM,
        "Trong xây dựng chính quyền số cấp tỉnh, IOC là tên gọi tắt của…",
        [
            "Hệ thống hộp thư công vụ",
            "*Trung tâm giám sát, điều hành thông minh",
            "Cổng thông tin điện tử tỉnh",
            "Ứng dụng thanh toán không dùng tiền mặt",
        ],
        "IOC (Intelligent Operations Center) tổng hợp dữ liệu từ nhiều hệ thống để lãnh đạo "
        "giám sát, chỉ đạo, điều hành dựa trên dữ liệu.",
        "Bộ Thông tin và Truyền thông",
    ),
    q(
        DGOV,
        HARD,
        "Nghị định nào của Chính phủ quy định về quản lý, kết nối và chia sẻ dữ liệu số của cơ "
        "quan nhà nước?",
        [
            "*Nghị định số 47/2020/NĐ-CP",
            "Nghị định số 13/2023/NĐ-CP",
            "Nghị định số 123/2020/NĐ-CP",
            "Nghị định số 85/2016/NĐ-CP",
        ],
        "Nghị định 47/2020/NĐ-CP ngày 09/4/2020 quy định về quản lý, kết nối và chia sẻ dữ "
        "liệu số của cơ quan nhà nước.",
        "Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ",
    ),
    # --- Dịch vụ công trực tuyến ---------------------------------------------
    q(
        PUBLIC,
        EASY,
        "Cổng Dịch vụ công quốc gia có địa chỉ truy cập nào?",
        [
            "*https://dichvucong.gov.vn",
            "https://chinhphu.vn",
            "https://vneid.gov.vn",
            "https://baochinhphu.vn",
        ],
        "Cổng Dịch vụ công quốc gia tại địa chỉ dichvucong.gov.vn là đầu mối cung cấp dịch "
        "vụ công trực tuyến cho người dân, doanh nghiệp.",
        "Văn phòng Chính phủ",
    ),
    q(
        PUBLIC,
        MEDIUM,
        "Theo Nghị định số 42/2022/NĐ-CP, dịch vụ công trực tuyến gồm những loại nào?",
        [
            "Mức độ 1, 2, 3 và 4",
            "*Dịch vụ công trực tuyến toàn trình và dịch vụ công trực tuyến một phần",
            "Dịch vụ công có thu phí và không thu phí",
            "Dịch vụ công cấp xã và cấp huyện",
        ],
        "Nghị định 42/2022/NĐ-CP thay cách phân loại mức độ 1 - 4 trước đây bằng hai loại: "
        "toàn trình và một phần.",
        ND42,
    ),
    q(
        PUBLIC,
        MEDIUM,
        "Dịch vụ công trực tuyến toàn trình là dịch vụ…",
        [
            "chỉ cung cấp thông tin về thủ tục hành chính",
            "cho phép tải mẫu đơn về để điền và nộp trực tiếp",
            "*bảo đảm cung cấp toàn bộ thông tin, việc thực hiện và giải quyết thủ tục hành "
            "chính đều được thực hiện trên môi trường mạng",
            "chỉ dành cho doanh nghiệp",
        ],
        "Với dịch vụ toàn trình, người dân không phải đến cơ quan nhà nước; trường hợp luật "
        "yêu cầu trả bản gốc thì kết quả được trả trực tiếp hoặc qua bưu chính.",
        ND42,
    ),
    q(
        PUBLIC,
        HARD,
        "Cổng Dịch vụ công quốc gia chính thức khai trương vào ngày nào?",
        ["Ngày 12/3/2019", "*Ngày 09/12/2019", "Ngày 01/7/2021", "Ngày 10/10/2022"],
        "Cổng Dịch vụ công quốc gia khai trương ngày 09/12/2019.",
        "Văn phòng Chính phủ",
        keep_order=True,
    ),
    q(
        PUBLIC,
        EASY,
        "Người dân có thể nhận kết quả giải quyết thủ tục hành chính tại nhà thông qua hình "
        "thức nào?",
        [
            "*Dịch vụ bưu chính công ích",
            "Nhờ người quen lấy hộ không cần giấy tờ",
            "Tin nhắn mạng xã hội",
        ],
        "Người dân có thể đăng ký nộp hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích.",
        "Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ",
    ),
    q(
        PUBLIC,
        MEDIUM,
        "Nghị định nào của Chính phủ quy định về thực hiện cơ chế một cửa, một cửa liên thông "
        "trong giải quyết thủ tục hành chính?",
        [
            "Nghị định số 42/2022/NĐ-CP",
            "*Nghị định số 61/2018/NĐ-CP",
            "Nghị định số 59/2022/NĐ-CP",
            "Nghị định số 52/2013/NĐ-CP",
        ],
        "Nghị định 61/2018/NĐ-CP quy định về thực hiện cơ chế một cửa, một cửa liên thông.",
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
    ),
    q(
        PUBLIC,
        MEDIUM,
        "Theo Nghị định số 61/2018/NĐ-CP, Bộ phận Một cửa cấp tỉnh có tên gọi là gì?",
        [
            "Phòng Tiếp dân tỉnh",
            "*Trung tâm Phục vụ hành chính công",
            "Văn phòng Đoàn đại biểu Quốc hội",
            "Trung tâm Lưu trữ lịch sử",
        ],
        "Bộ phận Một cửa cấp tỉnh được tổ chức thành Trung tâm Phục vụ hành chính công.",
        "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
    ),
    q(
        PUBLIC,
        HARD,
        "Nghị định nào của Chính phủ quy định về thực hiện thủ tục hành chính trên môi trường "
        "điện tử?",
        [
            "*Nghị định số 45/2020/NĐ-CP",
            "Nghị định số 30/2020/NĐ-CP",
            "Nghị định số 47/2020/NĐ-CP",
            "Nghị định số 123/2020/NĐ-CP",
        ],
        "Nghị định 45/2020/NĐ-CP ngày 08/4/2020 quy định về thực hiện thủ tục hành chính trên "
        "môi trường điện tử.",
        "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ",
    ),
    q(
        PUBLIC,
        EASY,
        "Sau khi nộp hồ sơ trực tuyến, người dân theo dõi tình trạng giải quyết hồ sơ bằng "
        "cách nào?",
        [
            "Chỉ có thể đến trực tiếp cơ quan để hỏi",
            "*Tra cứu theo mã hồ sơ trên Cổng dịch vụ công",
            "Gọi điện cho bất kỳ cán bộ nào",
        ],
        "Mỗi hồ sơ được cấp mã; người dân tra cứu tiến độ trên Cổng dịch vụ công hoặc nhận "
        "thông báo qua thư điện tử, tin nhắn.",
        ND42,
    ),
    q(
        PUBLIC,
        MEDIUM,
        "Người dân có thể dùng tài khoản nào để đăng nhập Cổng Dịch vụ công quốc gia?",
        [
            "Tài khoản Facebook",
            "Tài khoản trò chơi trực tuyến",
            "*Tài khoản định danh điện tử do Bộ Công an cấp (VNeID)",
            "Bất kỳ địa chỉ thư điện tử nào chưa đăng ký",
        ],
        "Cổng Dịch vụ công quốc gia cho phép đăng nhập bằng tài khoản định danh điện tử VNeID.",
        "Nghị định số 59/2022/NĐ-CP ngày 05/9/2022 của Chính phủ",
    ),
    # --- Kinh tế số ------------------------------------------------------------
    q(
        ECONOMY,
        MEDIUM,
        "Theo Chương trình Chuyển đổi số quốc gia, đến năm 2025 kinh tế số chiếm bao nhiêu "
        "phần trăm GDP?",
        ["10%", "*20%", "30%", "50%"],
        "Mục tiêu đến năm 2025: kinh tế số chiếm 20% GDP; đến năm 2030: 30% GDP.",
        QD749,
        keep_order=True,
    ),
    q(
        ECONOMY,
        MEDIUM,
        "Theo Chương trình Chuyển đổi số quốc gia, đến năm 2030 kinh tế số chiếm bao nhiêu "
        "phần trăm GDP?",
        ["20%", "25%", "*30%", "40%"],
        "Mục tiêu đến năm 2030: kinh tế số chiếm 30% GDP.",
        QD749,
        keep_order=True,
    ),
    q(
        ECONOMY,
        MEDIUM,
        "Theo Chiến lược quốc gia phát triển kinh tế số và xã hội số, kinh tế số là gì?",
        [
            "Chỉ là hoạt động bán hàng qua mạng xã hội",
            "Hoạt động sản xuất máy tính và điện thoại",
            "*Hoạt động kinh tế sử dụng công nghệ số và dữ liệu số làm yếu tố đầu vào chính, "
            "sử dụng môi trường số làm không gian hoạt động chính",
            "Hoạt động kinh tế chỉ dùng tiền điện tử",
        ],
        "Kinh tế số dùng công nghệ số, dữ liệu số và môi trường số để tăng năng suất, đổi mới "
        "mô hình kinh doanh và tối ưu hóa cấu trúc nền kinh tế.",
        QD411,
    ),
    q(
        ECONOMY,
        HARD,
        "Theo Chiến lược quốc gia phát triển kinh tế số và xã hội số, kinh tế số gồm những "
        "thành phần nào?",
        [
            "*Kinh tế số ICT, kinh tế số nền tảng và kinh tế số ngành",
            "Nông nghiệp, công nghiệp và dịch vụ",
            "Kinh tế nhà nước, kinh tế tập thể và kinh tế tư nhân",
            "Thương mại điện tử, ví điện tử và tiền ảo",
        ],
        "Kinh tế số gồm kinh tế số ICT (công nghiệp công nghệ thông tin, viễn thông), kinh tế "
        "số nền tảng và kinh tế số ngành (chuyển đổi số trong các ngành, lĩnh vực).",
        QD411,
    ),
    q(
        ECONOMY,
        HARD,
        "Theo Nghị định số 123/2020/NĐ-CP, việc áp dụng hóa đơn điện tử là bắt buộc đối với "
        "doanh nghiệp, tổ chức kinh tế từ ngày nào?",
        ["Ngày 01/01/2021", "*Ngày 01/7/2022", "Ngày 01/01/2023", "Ngày 01/7/2024"],
        "Nghị định 123/2020/NĐ-CP quy định về hóa đơn, chứng từ; hóa đơn điện tử được áp "
        "dụng bắt buộc từ ngày 01/7/2022.",
        "Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ",
        keep_order=True,
    ),
    q(
        ECONOMY,
        EASY,
        "Sàn thương mại điện tử nào dưới đây được triển khai để hỗ trợ hộ sản xuất nông nghiệp "
        "đưa nông sản lên bán trực tuyến?",
        [
            "https://dichvucong.gov.vn",
            "*Postmart.vn (Tổng công ty Bưu điện Việt Nam)",
            "https://baochinhphu.vn",
        ],
        "Bộ Thông tin và Truyền thông phối hợp với doanh nghiệp bưu chính triển khai các sàn "
        "như Postmart, Voso để đưa hộ sản xuất nông nghiệp lên sàn thương mại điện tử.",
        "Bộ Thông tin và Truyền thông",
    ),
    q(
        ECONOMY,
        MEDIUM,
        "Mã QR chuẩn chung cho chuyển khoản, thanh toán liên ngân hàng tại Việt Nam có tên là gì?",
        ["*VietQR", "VNeID", "PostQR", "eTax"],
        "VietQR là chuẩn mã QR thống nhất giữa các ngân hàng, giúp chuyển khoản nhanh bằng "
        "cách quét mã.",
        "Ngân hàng Nhà nước Việt Nam; Công ty Cổ phần Thanh toán Quốc gia Việt Nam (NAPAS)",
    ),
    q(
        ECONOMY,
        MEDIUM,
        "Dịch vụ Mobile Money cho phép người dùng làm gì?",
        [
            "Vay tiền ngân hàng không cần thủ tục",
            "*Dùng tài khoản viễn thông (gắn với số điện thoại di động) để thanh toán hàng "
            "hóa, dịch vụ có giá trị nhỏ",
            "Mua bán ngoại tệ qua mạng",
            "Đầu tư chứng khoán bằng tin nhắn",
        ],
        "Mobile Money được Thủ tướng Chính phủ cho thí điểm, giúp người dân ở vùng sâu, vùng "
        "xa thanh toán giá trị nhỏ dù chưa có tài khoản ngân hàng.",
        "Quyết định số 316/QĐ-TTg ngày 09/3/2021 của Thủ tướng Chính phủ",
    ),
    q(
        ECONOMY,
        MEDIUM,
        "Khẩu hiệu “Make in Vietnam” do Bộ Thông tin và Truyền thông phát động khuyến khích "
        "điều gì?",
        [
            "Nhập khẩu thiết bị công nghệ với giá rẻ",
            "*Sáng tạo, thiết kế và sản xuất các sản phẩm, nền tảng công nghệ số tại Việt Nam",
            "Chỉ sử dụng hàng may mặc sản xuất trong nước",
        ],
        "“Make in Vietnam” khuyến khích doanh nghiệp công nghệ số Việt Nam làm chủ công nghệ, "
        "tạo ra sản phẩm, nền tảng số phục vụ trong nước và vươn ra toàn cầu.",
        "Bộ Thông tin và Truyền thông",
    ),
    q(
        ECONOMY,
        HARD,
        "Theo Chương trình Chuyển đổi số quốc gia, mục tiêu đến năm 2025 tỷ lệ dân số có tài "
        "khoản thanh toán điện tử là bao nhiêu?",
        ["Trên 20%", "Trên 30%", "*Trên 50%", "Trên 90%"],
        "Quyết định 749/QĐ-TTg đặt mục tiêu đến năm 2025 tỷ lệ dân số có tài khoản thanh toán "
        "điện tử trên 50%.",
        QD749,
        keep_order=True,
    ),
    # --- Xã hội số -------------------------------------------------------------
    q(
        SOCIETY,
        MEDIUM,
        "Tổ công nghệ số cộng đồng được thành lập ở đâu?",
        [
            "Chỉ ở cấp tỉnh",
            "Chỉ ở các doanh nghiệp viễn thông",
            "*Ở xã, phường, thị trấn và thôn, tổ dân phố",
            "Chỉ ở các trường đại học",
        ],
        "Tổ công nghệ số cộng đồng được thành lập tại cấp xã và thôn, tổ dân phố để đưa "
        "chuyển đổi số đến từng người dân.",
        "Hướng dẫn của Bộ Thông tin và Truyền thông về Tổ công nghệ số cộng đồng (năm 2022)",
    ),
    q(
        SOCIETY,
        EASY,
        "Nhiệm vụ chính của Tổ công nghệ số cộng đồng là gì?",
        [
            "Thu thuế đối với hộ kinh doanh trực tuyến",
            "*Hướng dẫn người dân sử dụng nền tảng số, dịch vụ công trực tuyến, thanh toán điện "
            "tử và kỹ năng bảo đảm an toàn thông tin",
            "Sửa chữa điện thoại miễn phí cho người dân",
            "Bán thiết bị điện tử cho hộ gia đình",
        ],
        "Tổ công nghệ số cộng đồng là cánh tay nối dài, “cầm tay chỉ việc” giúp người dân "
        "tiếp cận và sử dụng công nghệ số.",
        "Hướng dẫn của Bộ Thông tin và Truyền thông về Tổ công nghệ số cộng đồng (năm 2022)",
    ),
    q(
        SOCIETY,
        EASY,
        "Ứng dụng định danh điện tử quốc gia VNeID do cơ quan nào phát triển và quản lý?",
        ["Bộ Thông tin và Truyền thông", "*Bộ Công an", "Bộ Tư pháp", "Bộ Y tế"],
        "VNeID là ứng dụng định danh và xác thực điện tử do Bộ Công an phát triển, quản lý.",
        "Nghị định số 59/2022/NĐ-CP ngày 05/9/2022 của Chính phủ",
    ),
    q(
        SOCIETY,
        MEDIUM,
        "Tại các cơ sở khám, chữa bệnh đã triển khai, người dân có thể dùng gì thay cho thẻ "
        "bảo hiểm y tế giấy?",
        [
            "Giấy phép lái xe",
            "*Thẻ căn cước công dân gắn chip hoặc ứng dụng VNeID",
            "Thẻ thư viện",
            "Hóa đơn tiền điện",
        ],
        "Nhờ kết nối dữ liệu dân cư với dữ liệu bảo hiểm y tế theo Đề án 06, người dân có thể "
        "dùng thẻ căn cước công dân gắn chip hoặc VNeID khi khám, chữa bệnh.",
        QD06,
    ),
    q(
        SOCIETY,
        MEDIUM,
        "Để được cấp tài khoản định danh điện tử mức độ 2, công dân cần làm gì?",
        [
            "Chỉ cần tải ứng dụng và nhập số điện thoại",
            "Gửi ảnh căn cước qua mạng xã hội cho người lạ",
            "*Làm thủ tục tại cơ quan Công an để thu nhận ảnh chân dung, vân tay và xác thực "
            "thông tin",
            "Mua tài khoản tại cửa hàng điện thoại",
        ],
        "Tài khoản mức độ 2 được cấp khi công dân đăng ký trực tiếp tại cơ quan Công an, có "
        "thu nhận ảnh chân dung và vân tay.",
        "Nghị định số 59/2022/NĐ-CP ngày 05/9/2022 của Chính phủ",
    ),
    q(
        SOCIETY,
        HARD,
        "Nghị định nào của Chính phủ quy định về định danh và xác thực điện tử?",
        [
            "Nghị định số 13/2023/NĐ-CP",
            "Nghị định số 42/2022/NĐ-CP",
            "*Nghị định số 59/2022/NĐ-CP",
            "Nghị định số 61/2018/NĐ-CP",
        ],
        "Nghị định 59/2022/NĐ-CP ngày 05/9/2022 quy định về định danh và xác thực điện tử.",
        "Nghị định số 59/2022/NĐ-CP ngày 05/9/2022 của Chính phủ",
    ),
    q(
        SOCIETY,
        EASY,
        "Theo Bộ Quy tắc ứng xử trên mạng xã hội, người dùng được khuyến khích làm gì?",
        [
            "*Chia sẻ thông tin từ nguồn chính thống, đáng tin cậy",
            "Chia sẻ ngay mọi tin giật gân để nhiều người biết",
            "Đăng tải thông tin cá nhân của người khác khi chưa được đồng ý",
        ],
        "Bộ Quy tắc khuyến khích chia sẻ thông tin từ nguồn chính thống, tôn trọng quyền và "
        "lợi ích hợp pháp của người khác.",
        "Quyết định số 874/QĐ-BTTTT ngày 17/6/2021 của Bộ Thông tin và Truyền thông",
    ),
    q(
        SOCIETY,
        EASY,
        "Người cao tuổi trong thôn chưa biết cài đặt, kích hoạt ứng dụng VNeID có thể nhờ ai "
        "hỗ trợ ngay tại địa phương?",
        [
            "*Tổ công nghệ số cộng đồng",
            "Người lạ tự giới thiệu qua điện thoại",
            "Cửa hàng bất kỳ yêu cầu đưa mật khẩu",
        ],
        "Tổ công nghệ số cộng đồng hỗ trợ người dân cài đặt, sử dụng ứng dụng số; người dân "
        "không cung cấp mật khẩu, mã OTP cho người lạ.",
        "Hướng dẫn của Bộ Thông tin và Truyền thông về Tổ công nghệ số cộng đồng (năm 2022)",
    ),
    q(
        SOCIETY,
        HARD,
        "Theo Chương trình Chuyển đổi số quốc gia, mục tiêu đến năm 2025 hạ tầng mạng băng "
        "rộng cáp quang phủ tới bao nhiêu hộ gia đình?",
        ["Trên 50% hộ gia đình", "*Trên 80% hộ gia đình", "Trên 95% hộ gia đình"],
        "Mục tiêu đến năm 2025: hạ tầng mạng băng rộng cáp quang phủ trên 80% hộ gia đình, "
        "100% xã.",
        QD749,
        keep_order=True,
    ),
    # --- An toàn thông tin -----------------------------------------------------
    q(
        SECURITY,
        EASY,
        "Hình thức lừa đảo giả mạo trang web, thư điện tử, tin nhắn của tổ chức uy tín để "
        "đánh cắp tài khoản, mật khẩu được gọi là gì?",
        [
            "Tấn công từ chối dịch vụ (DDoS)",
            "*Tấn công giả mạo (phishing)",
            "Sao lưu dữ liệu",
            "Mã hóa dữ liệu",
        ],
        "Phishing lừa người dùng tự nhập thông tin đăng nhập vào trang giả mạo; cần kiểm tra "
        "kỹ địa chỉ trang web và người gửi.",
        ATTT,
    ),
    q(
        SECURITY,
        EASY,
        "Mật khẩu nào sau đây an toàn nhất?",
        ["123456", "ngaysinh1990", "*Dk#N0ng!2023-Cds", "matkhau"],
        "Mật khẩu mạnh dài, kết hợp chữ hoa, chữ thường, chữ số và ký tự đặc biệt, không dùng "
        "thông tin cá nhân dễ đoán.",
        ATTT,
    ),
    q(
        SECURITY,
        EASY,
        "Xác thực hai yếu tố (2FA) là gì?",
        [
            "*Ngoài mật khẩu, người dùng phải cung cấp thêm một yếu tố khác như mã OTP hoặc "
            "xác nhận trên điện thoại",
            "Dùng hai mật khẩu giống nhau cho hai tài khoản",
            "Đăng nhập cùng lúc trên hai thiết bị",
            "Đổi mật khẩu hai lần mỗi ngày",
        ],
        "Xác thực hai yếu tố giúp tài khoản vẫn an toàn khi mật khẩu bị lộ.",
        ATTT,
    ),
    q(
        SECURITY,
        EASY,
        "Có người gọi điện tự xưng là nhân viên ngân hàng, đề nghị bạn đọc mã OTP vừa nhận để "
        "“hủy giao dịch lỗi”. Bạn nên làm gì?",
        [
            "Đọc mã OTP để được hỗ trợ nhanh",
            "*Không cung cấp mã OTP, dừng cuộc gọi và liên hệ tổng đài chính thức của ngân hàng",
            "Gửi mã OTP qua tin nhắn thay vì đọc",
            "Cung cấp thêm số thẻ để xác minh",
        ],
        "Ngân hàng không bao giờ yêu cầu khách hàng cung cấp mã OTP; mã OTP chỉ dùng cho giao "
        "dịch do chính bạn thực hiện.",
        ATTT,
    ),
    q(
        SECURITY,
        MEDIUM,
        "Luật An toàn thông tin mạng (Luật số 86/2015/QH13) có hiệu lực thi hành từ ngày nào?",
        ["Ngày 01/01/2016", "*Ngày 01/7/2016", "Ngày 01/01/2019", "Ngày 01/7/2024"],
        "Luật An toàn thông tin mạng được Quốc hội thông qua ngày 19/11/2015, có hiệu lực từ "
        "ngày 01/7/2016.",
        "Luật An toàn thông tin mạng số 86/2015/QH13",
        keep_order=True,
    ),
    q(
        SECURITY,
        MEDIUM,
        "Luật An ninh mạng (Luật số 24/2018/QH14) có hiệu lực thi hành từ ngày nào?",
        ["Ngày 12/6/2018", "Ngày 01/7/2018", "*Ngày 01/01/2019", "Ngày 01/7/2019"],
        "Luật An ninh mạng được Quốc hội thông qua ngày 12/6/2018, có hiệu lực từ ngày 01/01/2019.",
        "Luật An ninh mạng số 24/2018/QH14",
        keep_order=True,
    ),
    q(
        SECURITY,
        EASY,
        "Người gọi tự xưng là cán bộ công an, yêu cầu bạn chuyển tiền vào “tài khoản tạm giữ” "
        "để phục vụ điều tra. Bạn nên làm gì?",
        [
            "Chuyển tiền ngay để tránh rắc rối",
            "*Không chuyển tiền; đây là thủ đoạn lừa đảo, báo ngay cho cơ quan công an nơi gần nhất",
            "Chuyển một nửa số tiền để thử",
        ],
        "Cơ quan công an không làm việc, yêu cầu chuyển tiền qua điện thoại.",
        "Khuyến cáo của Bộ Công an về phòng, chống lừa đảo qua mạng",
    ),
    q(
        SECURITY,
        MEDIUM,
        "Loại mã độc mã hóa dữ liệu trên máy tính rồi đòi tiền chuộc để khôi phục được gọi là gì?",
        ["Phần mềm diệt virus", "*Mã độc tống tiền (ransomware)", "Tường lửa", "Phần mềm sao lưu"],
        "Ransomware mã hóa dữ liệu của nạn nhân; sao lưu định kỳ và cập nhật phần mềm là cách "
        "phòng tránh hiệu quả.",
        ATTT,
    ),
    q(
        SECURITY,
        HARD,
        "Nguyên tắc sao lưu dữ liệu “3-2-1” là gì?",
        [
            "Sao lưu 3 lần mỗi ngày, trong 2 giờ, vào 1 ổ đĩa",
            "*Giữ 3 bản sao dữ liệu, trên 2 loại phương tiện lưu trữ khác nhau, trong đó 1 bản "
            "lưu ở nơi khác",
            "3 người quản lý, 2 mật khẩu, 1 máy chủ",
        ],
        "Nguyên tắc 3-2-1 giúp dữ liệu vẫn khôi phục được khi một thiết bị hỏng hoặc bị mã "
        "độc tấn công.",
        ATTT,
    ),
    q(
        SECURITY,
        HARD,
        "Theo quy định về bảo đảm an toàn hệ thống thông tin theo cấp độ, hệ thống thông tin "
        "được phân loại thành bao nhiêu cấp độ?",
        ["3 cấp độ", "4 cấp độ", "*5 cấp độ", "6 cấp độ"],
        "Luật An toàn thông tin mạng và Nghị định 85/2016/NĐ-CP phân loại hệ thống thông tin "
        "theo 5 cấp độ, từ cấp độ 1 đến cấp độ 5.",
        "Nghị định số 85/2016/NĐ-CP ngày 01/7/2016 của Chính phủ",
        keep_order=True,
    ),
    q(
        SECURITY,
        HARD,
        "Mô hình bảo vệ 4 lớp theo Chỉ thị số 14/CT-TTg gồm: lực lượng tại chỗ; tổ chức giám "
        "sát, bảo vệ chuyên nghiệp; tổ chức độc lập kiểm tra, đánh giá định kỳ; và lớp nào?",
        [
            "Lực lượng bảo vệ tòa nhà",
            "*Kết nối, chia sẻ thông tin với Hệ thống giám sát quốc gia",
            "Nhà cung cấp thiết bị phần cứng",
            "Người dùng mạng xã hội",
        ],
        "Lớp thứ tư là kết nối, chia sẻ thông tin với Hệ thống giám sát quốc gia của Bộ "
        "Thông tin và Truyền thông.",
        "Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng Chính phủ",
    ),
    q(
        SECURITY,
        EASY,
        "Khi dùng mạng Wi-Fi công cộng không đặt mật khẩu, bạn nên tránh việc gì?",
        [
            "Đọc tin tức trên báo điện tử",
            "*Đăng nhập tài khoản ngân hàng, thực hiện giao dịch tài chính",
            "Xem bản đồ chỉ đường",
        ],
        "Mạng Wi-Fi công cộng có thể bị nghe lén; không nên thực hiện giao dịch quan trọng "
        "khi dùng mạng này.",
        ATTT,
    ),
    q(
        SECURITY,
        MEDIUM,
        "Biểu tượng ổ khóa (HTTPS) trên thanh địa chỉ của trình duyệt cho biết điều gì?",
        [
            "Trang web chắc chắn hợp pháp và an toàn tuyệt đối",
            "*Kết nối giữa trình duyệt và trang web được mã hóa",
            "Trang web thuộc cơ quan nhà nước",
            "Máy tính đã được cài phần mềm diệt virus",
        ],
        "HTTPS chỉ bảo đảm kết nối được mã hóa; trang lừa đảo vẫn có thể dùng HTTPS, nên cần "
        "kiểm tra kỹ tên miền.",
        ATTT,
    ),
    q(
        SECURITY,
        MEDIUM,
        "Nghị định số 13/2023/NĐ-CP của Chính phủ quy định về nội dung gì?",
        [
            "*Bảo vệ dữ liệu cá nhân",
            "Hóa đơn, chứng từ điện tử",
            "Định danh và xác thực điện tử",
            "Thương mại điện tử",
        ],
        "Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân có hiệu lực từ ngày 01/7/2023.",
        "Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ",
    ),
    q(
        SECURITY,
        EASY,
        "Vì sao cần thường xuyên cập nhật hệ điều hành và phần mềm?",
        [
            "Để máy tính có giao diện đẹp hơn",
            "*Để vá các lỗ hổng bảo mật đã được phát hiện",
            "Để giải phóng dung lượng bộ nhớ",
        ],
        "Các bản cập nhật thường vá lỗ hổng mà tin tặc, mã độc có thể khai thác.",
        ATTT,
    ),
    q(
        SECURITY,
        MEDIUM,
        "Bạn nhận cuộc gọi video từ “người thân”, hình ảnh mờ, giật, người gọi vội vàng hỏi "
        "vay tiền. Cách xử lý đúng là gì?",
        [
            "Chuyển tiền ngay vì đã nhìn thấy mặt người thân",
            "*Nghi ngờ giả mạo (deepfake), gọi lại số điện thoại quen thuộc để xác minh trước "
            "khi chuyển tiền",
            "Gửi mã OTP cho người gọi để họ tự chuyển",
        ],
        "Kẻ gian có thể dùng công nghệ deepfake giả khuôn mặt, giọng nói; luôn xác minh qua "
        "kênh khác trước khi chuyển tiền.",
        "Khuyến cáo của Bộ Công an về phòng, chống lừa đảo qua mạng",
    ),
)
