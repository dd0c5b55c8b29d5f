"""Minutes, exports, certificates and the pages, for the scripted show."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scoring import approval as approvals
from scoring.minutes import pdf_available
from scoring.models import Certificate
from tests.factories import PASSWORD
from tests.results.show import settle_prize_ties


@pytest.fixture
def secretariat(client, thuky):
    client.force_login(thuky)
    return client


def url(name, show, *args):
    return reverse(f"scoring:{name}", args=[show.hall.contest.slug, *args])


def test_minutes_html_has_everything(show, secretariat):
    response = secretariat.get(url("minutes", show))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "BIÊN BẢN",
        "Hội thi thử",
        "Giới thiệu",
        "Tiểu phẩm",
        "Câu hỏi thử số",  # questions drawn
        "Thành viên 2.0",  # who answered
        "Nhập nhầm điểm tiêu chí",  # correction reason
        "Không có căn cứ",  # rejection note
        "xếp trên nhờ điểm phần kiến thức cao hơn",  # the tie-break applied
        "Giải Nhất",
        "TM. BAN TỔ CHỨC",
        "TỔ THƯ KÝ",
        "BAN GIÁM KHẢO",
        "css/print.css",
    ):
        assert text in html, text
    # every judge's marks per criterion: the corrected sheet shows its new marks
    assert "Giám khảo 3*" in html
    # answer times are local (Asia/Ho_Chi_Minh): 1700000754500 ms is 05:25:54
    assert "05:25:54" in html


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint is not installed")
def test_minutes_pdf(show, secretariat):
    response = secretariat.get(url("minutes_pdf", show))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # every Vietnamese letter is in the PDF's text (the web font's subsets lost some)
    import io

    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    for words in ("BIÊN BẢN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do - Hạnh phúc"):
        assert words in text, words


def test_exports_xlsx(show, secretariat):
    response = secretariat.get(url("export", show, "standings", "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Bảng xếp hạng đồng đội"
    header = rows[2]
    assert header[:3] == ("Hạng", "Đội thi", "Đơn vị") and "Tổng điểm" in header
    total = header.index("Tổng điểm")
    assert [(r[0], r[1], float(r[total])) for r in rows[3:]] == [
        (1, "Đội 1", 208.0),
        (2, "Đội 3", 153.67),
        (3, "Đội 2", 153.67),
    ]
    assert rows[4][header.index("Giải")] == "Giải Nhì"

    marks = load_workbook(
        io.BytesIO(secretariat.get(url("export", show, "marks", "xlsx")).content)
    ).active
    data = list(marks.iter_rows(values_only=True))
    assert data[2][:4] == ("Phần thi", "Đội thi", "Giám khảo", "Tiêu chí")
    assert len(data) == 3 + 2 * 3 * 3 * 2  # 2 parts × 3 teams × 3 judges × 2 criteria
    corrected = [
        r for r in data[3:] if r[1] == "Đội 3" and r[2] == "Giám khảo 3" and r[0] == "Giới thiệu"
    ]
    assert [float(r[6]) for r in corrected] == [42.0, 28.0] and corrected[0][8] == 1

    members = load_workbook(
        io.BytesIO(secretariat.get(url("export", show, "members", "xlsx")).content)
    ).active
    first = list(members.iter_rows(values_only=True))[3]
    assert first[:3] == (1, "Thành viên 3.1", "Đội 3") and float(first[3]) == 20.0


def test_exports_csv_have_bom_and_diacritics(show, secretariat):
    response = secretariat.get(url("export", show, "members", "csv"))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Hạng",
        "Họ và tên",
        "Đội thi",
        "Điểm kiến thức",
        "Số câu đúng",
        "Số câu sai",
        "Giải",
    ]
    assert rows[1][:4] == ["1", "Thành viên 3.1", "Đội 3", "20"]
    assert rows[1][6] == "Giải Nhất"
    assert secretariat.get(url("export", show, "nothing", "csv")).status_code == 404
    assert secretariat.get(url("export", show, "members", "pdf")).status_code == 404


def test_pages_need_permission(show, client, db):
    from django.contrib.auth.models import User

    response = client.get(url("results", show))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(User.objects.create_user("khach", password=PASSWORD))
    assert client.get(url("results", show)).status_code == 403
    assert client.get(url("export", show, "marks", "csv")).status_code == 403


def test_approval_flow_through_the_pages(show, client, thuky, bantochuc):
    settle_prize_ties(show)
    client.force_login(thuky)
    page = client.get(url("results", show)).content.decode()
    assert "Tổng hợp kết quả (Tổ Thư ký)" in page and "Giám khảo 3" in page
    assert client.get(url("public", show)).status_code == 404
    assert client.post(url("approve", show)).status_code == 403  # the secretariat cannot approve
    client.post(url("compile", show))
    client.logout()
    client.force_login(bantochuc)
    assert client.get(url("compile", show)).status_code == 405  # POST only
    response = client.post(url("approve", show), follow=True)
    assert "Đã phê duyệt kết quả" in response.content.decode()
    client.logout()
    public = client.get(url("public", show))
    assert public.status_code == 200 and "Đội 1" in public.content.decode()
    cert = Certificate.objects.filter(contest=show.hall.contest, kind="team").first()
    verify = client.get(reverse("scoring:verify", args=[cert.code])).content.decode()
    assert cert.recipient in verify and "Giấy chứng nhận hợp lệ" in verify
    assert client.get(reverse("scoring:verify", args=["khong-co-ma"])).status_code == 404


def test_certificates_page_has_qr_per_winner(show, client, thuky, bantochuc):
    settle_prize_ties(show)
    approvals.compile_for_approval(show.hall.contest, thuky)
    approvals.approve(show.hall.contest, bantochuc)
    client.force_login(bantochuc)
    html = client.get(url("certificates", show)).content.decode()
    assert html.count('class="certificate"') == 10
    assert html.count("<svg") == 10
    for cert in Certificate.objects.filter(contest=show.hall.contest):
        assert f"/results/verify/{cert.code}/" in html
    assert "GIẤY CHỨNG NHẬN" in html and "Thành viên 3.1" in html


def test_public_page_after_reopen_is_404_with_message(show, client, thuky, bantochuc):
    settle_prize_ties(show)
    approvals.compile_for_approval(show.hall.contest, thuky)
    approvals.approve(show.hall.contest, bantochuc)
    show.do(
        show.judge(2),
        {
            "type": "request_correction",
            "part_id": show.hall.parts[3].id,
            "team_id": show.hall.teams[0].id,
            "marks": dict(zip(show.criteria(3), (50, 30), strict=True)),
            "reason": "Xem lại",
        },
    )
    response = client.get(url("public", show))
    assert response.status_code == 404
    assert "đang được xem xét lại" in response.content.decode()
    client.force_login(thuky)
    minutes = client.get(url("minutes", show)).content.decode()
    assert "Kết quả đã thay đổi sau khi phê duyệt" in minutes
