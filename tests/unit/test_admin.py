"""The Vietnamese admin: every page loads, the log is read-only, imports work end to end."""

from __future__ import annotations

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from hall.models import (
    Criterion,
    Device,
    Event,
    Judge,
    Member,
    Part,
    Question,
    QuestionPack,
    RefusedCommand,
    Rubric,
    Snapshot,
    Team,
)
from tests.unit.importer_data import csv_bytes, make_contest, make_question, make_team

pytestmark = pytest.mark.django_db


HALL_MODELS = sorted(
    (m for m in admin.site._registry if m._meta.app_label == "hall"), key=lambda m: m.__name__
)
READ_ONLY = {Event, Snapshot, RefusedCommand}
TEAM_CSV = csv_bytes(
    [
        "don_vi,loai_don_vi,doi,so_thu_tu,ho_ten,tra_loi_kien_thuc",
        "Huyện Đắk R'Lấp,huyện,Đội Đắk R'Lấp,2,Nguyễn Văn An,x",
        "Huyện Đắk R'Lấp,huyện,Đội Đắk R'Lấp,2,Trần Thị Bình,",
    ]
)
BAD_TEAM_CSV = csv_bytes(
    [
        "don_vi,doi,ho_ten,tra_loi_kien_thuc",
        "Huyện A,Đội A,An,x",
        "Huyện A,Đội A,Bình,x",
        "Huyện A,Đội A,Chi,x",
        "Huyện A,Đội A,Dũng,x",
    ]
)
QUESTION_CSV = csv_bytes(
    [
        "ma,noi_dung,A,B,C,D,dap_an,linh_vuc",
        "W1,Câu một?,Một,Hai,Ba,,B,Kinh tế số",
        "W2,Câu hai?,Một,Hai,Ba,Bốn,D,Xã hội số",
    ]
)


@pytest.fixture
def contest():
    contest = make_contest()
    team = make_team(contest)
    Member.objects.create(team=team, full_name="Người Một", answers_knowledge=True)
    question = make_question("Q-001")
    QuestionPack.objects.create(name="Bộ câu hỏi vòng 2").questions.add(question)
    rubric = Rubric.objects.create(part=contest.parts.get(kind=Part.Kind.SKIT), name="Tiểu phẩm")
    Criterion.objects.create(rubric=rubric, name="Nội dung", max_points=10)
    user = User.objects.create_user("giamkhao1")
    Judge.objects.create(contest=contest, user=user, display_name="TS. Nguyễn Văn Giám")
    Device.objects.create(contest=contest, role=Device.Role.TEAM, team=team, label="Bàn đội 1")
    Event.objects.create(contest=contest, seq=1, type="contest_started", at_ms=1)
    Snapshot.objects.create(contest=contest, seq=1)
    RefusedCommand.objects.create(
        contest=contest, actor="team:1", command_type="buzz", code="late", reason="Muộn", at_ms=2
    )
    return contest


def url(model, view: str, *args) -> str:
    return reverse(f"admin:hall_{model._meta.model_name}_{view}", args=args)


def test_every_hall_model_is_registered():
    names = {m.__name__ for m in HALL_MODELS}
    assert {
        "Contest",
        "Part",
        "Unit",
        "Team",
        "Member",
        "Judge",
        "Rubric",
        "Criterion",
        "Question",
        "QuestionPack",
        "Device",
        "Event",
        "Snapshot",
    } <= names


@pytest.mark.parametrize("model", HALL_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_search_load(admin_client, contest, model):
    response = admin_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert admin_client.get(url(model, "changelist"), {"q": "Đội"}).status_code == 200


@pytest.mark.parametrize("model", HALL_MODELS, ids=lambda m: m.__name__)
def test_add_page_loads_or_is_refused_for_the_log(admin_client, contest, model):
    response = admin_client.get(url(model, "add"))
    assert response.status_code == (403 if model in READ_ONLY else 200)


@pytest.mark.parametrize("model", HALL_MODELS, ids=lambda m: m.__name__)
def test_change_page_of_an_existing_row_loads(admin_client, contest, model):
    obj = model.objects.first()
    if obj is None:
        pytest.fail(f"fixture has no {model.__name__}")
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200


def test_site_header_is_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "Quản trị Hội thi chuyển đổi số" in response.content.decode()


def test_event_log_cannot_be_changed_or_deleted(admin_client, contest):
    event = Event.objects.get()
    response = admin_client.post(url(Event, "change", event.pk), {"type": "forged"})
    assert response.status_code == 403
    assert admin_client.post(url(Event, "delete", event.pk), {"post": "yes"}).status_code == 403
    assert Event.objects.get().type == "contest_started"


def test_device_join_code_is_read_only_and_revoke_action(admin_client, contest):
    device = Device.objects.get()
    page = admin_client.get(url(Device, "change", device.pk)).content.decode()
    assert device.join_code in page and 'name="join_code"' not in page
    response = admin_client.post(
        url(Device, "changelist"),
        {"action": "revoke", "_selected_action": [str(device.pk)]},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None


def test_device_team_must_belong_to_the_contest(admin_client, contest):
    other = make_contest(slug="khac")
    team = Team.objects.get()
    data = {"contest": str(other.pk), "role": "team", "team": str(team.pk), "label": "X"}
    response = admin_client.post(url(Device, "add"), data)
    assert "Đội này không thuộc hội thi đã chọn." in response.content.decode()
    assert Device.objects.count() == 1


# --- "Nhập từ tệp" -------------------------------------------------------------------------


def test_changelists_have_the_import_button(admin_client, contest):
    for model in (Team, Question):
        page = admin_client.get(url(model, "changelist")).content.decode()
        assert url(model, "import") in page and "Nhập từ tệp" in page


@pytest.mark.parametrize("model", [Team, Question])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_downloads(admin_client, model, fmt):
    response = admin_client.get(url(model, "import_template", fmt))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if fmt == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook.worksheets[0].cell(1, 1).value in {"don_vi", "ma"}
    assert admin_client.get(url(model, "import_template", "pdf")).status_code == 404


def test_team_import_upload_preview_confirm(admin_client, contest):
    import_url = url(Team, "import")
    assert admin_client.get(import_url).status_code == 200
    upload = SimpleUploadedFile("doi.csv", TEAM_CSV, content_type="text/csv")
    response = admin_client.post(
        import_url, {"contest": contest.pk, "file": upload, "dry_run": "on"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Văn An" in page and "Chạy thử" in page
    token = response.context["token"]
    assert token, [str(e) for e in response.context["report"].errors]
    assert not Team.objects.filter(name="Đội Đắk R'Lấp").exists()

    response = admin_client.post(import_url, {"token": token})
    assert response.status_code == 302
    assert Team.objects.get(name="Đội Đắk R'Lấp").members.count() == 2
    # the token is used up: confirming twice imports nothing more
    response = admin_client.post(import_url, {"token": token})
    assert response.status_code == 302
    assert Member.objects.filter(team__name="Đội Đắk R'Lấp").count() == 2


def test_bad_file_shows_every_error_and_writes_nothing(admin_client, contest):
    upload = SimpleUploadedFile("doi.csv", BAD_TEAM_CSV, content_type="text/csv")
    response = admin_client.post(
        url(Team, "import"), {"contest": contest.pk, "file": upload, "dry_run": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dòng 5:" in page and "tối đa 3 thành viên trả lời" in page
    assert response.context["token"] == ""
    assert not Team.objects.filter(name="Đội A").exists()


def test_unreadable_file_is_a_form_error(admin_client, contest):
    upload = SimpleUploadedFile("doi.xlsx", b"not really excel")
    response = admin_client.post(
        url(Team, "import"), {"contest": contest.pk, "file": upload, "dry_run": "on"}
    )
    assert "Không mở được tệp Excel" in response.content.decode()
    upload = SimpleUploadedFile("doi.pdf", b"%PDF")
    response = admin_client.post(url(Team, "import"), {"contest": contest.pk, "file": upload})
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in response.content.decode()


def test_question_import_without_dry_run_writes_at_once(admin_client, contest):
    upload = SimpleUploadedFile("cau_hoi.csv", QUESTION_CSV, content_type="text/csv")
    response = admin_client.post(url(Question, "import"), {"file": upload, "pack": "Vòng 2"})
    assert response.status_code == 302
    assert set(
        QuestionPack.objects.get(name="Vòng 2").questions.values_list("code", flat=True)
    ) == {
        "W1",
        "W2",
    }


def test_question_import_preview_then_confirm(admin_client, contest):
    upload = SimpleUploadedFile("cau_hoi.csv", QUESTION_CSV, content_type="text/csv")
    response = admin_client.post(url(Question, "import"), {"file": upload, "dry_run": "on"})
    assert "W2" in response.content.decode()
    assert not Question.objects.filter(code="W1").exists()
    response = admin_client.post(url(Question, "import"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert Question.objects.get(code="W2").options.get(is_correct=True).label == "D"


def test_import_needs_permission(client, django_user_model, contest):
    user = django_user_model.objects.create_user("thuky", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(url(Team, "import")).status_code == 403


def test_contest_says_where_its_individual_prizes_come_from(admin_client, contest):
    from online.models import OnlineRound

    change = reverse("admin:hall_contest_change", args=[contest.pk])
    page = admin_client.get(change).content.decode()
    assert "Giải cá nhân xét từ" in page and "Vòng thi trực tuyến đi kèm" in page
    assert "Mỗi hội thi chỉ có một bộ giải cá nhân" in page  # the help text
    form = {
        "name": contest.name,
        "year": contest.year,
        "province": contest.province,
        "organizer": contest.organizer,
        "slug": contest.slug,
        "status": contest.status,
        "team_prizes": "1,1,1",
        "individual_prizes_from": "online",
        "online_round": "",
        "individual_prizes": "",
        "tie_breaks": "knowledge,skit,penalties,draw",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
    }
    response = admin_client.post(change, form)
    assert response.status_code == 200  # refused: no online round chosen
    assert "Cần chọn vòng thi trực tuyến" in response.content.decode()
    contest.refresh_from_db()
    assert contest.individual_prizes_from == "hall"
    online = OnlineRound.objects.create(name="Vòng trực tuyến", slug="vong-truc-tuyen")
    response = admin_client.post(change, {**form, "online_round": online.pk})
    assert response.status_code == 302
    contest.refresh_from_db()
    assert (contest.individual_prizes_from, contest.online_round) == ("online", online)
