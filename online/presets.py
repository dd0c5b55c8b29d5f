"""The four provinces' online contests as presets, loadable by ``load_online_preset``.

Numbers come from the plans in ``seeds/`` (see FORMAT.md). Where a plan leaves a
rule to the later thể lệ (questions per attempt for Quảng Ninh and Đắk Nông, the
time per attempt outside Cao Bằng), the preset uses a stated, editable default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.text import slugify

from hall.models import Unit
from online.models import OnlineRound, Period, Role

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


@dataclass(frozen=True)
class Preset:
    slug: str
    name: str
    organizer: str
    questions: int
    minutes: int
    attempts: int
    prediction: str
    criteria: str
    min_age: int
    excluded_roles: tuple[str, ...]
    prizes: str
    periods: tuple[tuple[str, datetime, datetime], ...]
    reveal: str = OnlineRound.Reveal.AFTER_PERIOD
    amounts: str = ""
    min_per_unit: int = 0
    units: tuple[tuple[str, str, str], ...] = ()  # (code, name, kind)
    excluded_units: tuple[tuple[str, str, str], ...] = ()
    required: str = "full_name,date_of_birth,phone,unit"
    description: str = ""
    extra: dict = field(default_factory=dict)


DAK_NONG_UNITS = (
    ("dn-gia-nghia", "Thành phố Gia Nghĩa", Unit.Kind.CITY),
    ("dn-cu-jut", "Huyện Cư Jút", Unit.Kind.DISTRICT),
    ("dn-dak-glong", "Huyện Đắk Glong", Unit.Kind.DISTRICT),
    ("dn-dak-mil", "Huyện Đắk Mil", Unit.Kind.DISTRICT),
    ("dn-dak-rlap", "Huyện Đắk R'Lấp", Unit.Kind.DISTRICT),
    ("dn-dak-song", "Huyện Đắk Song", Unit.Kind.DISTRICT),
    ("dn-krong-no", "Huyện Krông Nô", Unit.Kind.DISTRICT),
    ("dn-tuy-duc", "Huyện Tuy Đức", Unit.Kind.DISTRICT),
)

PRESETS: dict[str, Preset] = {
    "daknong2023": Preset(
        slug="daknong2023",
        name="Hội thi “Chuyển đổi số - nhận thức và hành động” tỉnh Đắk Nông 2023 (thi trực tuyến)",
        organizer="Sở Thông tin và Truyền thông tỉnh Đắk Nông",
        questions=20,
        minutes=20,
        attempts=1,
        prediction=OnlineRound.Prediction.NONE,
        criteria="correct,duration,submitted",
        min_age=0,
        excluded_roles=(Role.ORGANIZING_COMMITTEE, Role.SECRETARIAT, Role.JUDGE),
        prizes="1,1,2,3",
        periods=(("Tháng 10/2023", local(2023, 10, 1), local(2023, 11, 1)),),
        min_per_unit=30,
        units=DAK_NONG_UNITS,
        required="full_name,date_of_birth,phone,unit,address",
        description="Cán bộ, công chức, viên chức và thành viên Tổ công nghệ số cộng đồng các "
        "huyện, thành phố; mỗi huyện, thành phố đăng ký tối thiểu 30 người dự thi trực tuyến.",
    ),
    "caobang2024": Preset(
        slug="caobang2024",
        name="Cuộc thi “Tìm hiểu về Chuyển đổi số năm 2024” tỉnh Cao Bằng",
        organizer="Ủy ban nhân dân tỉnh Cao Bằng",
        questions=30,
        minutes=30,
        attempts=2,
        prediction=OnlineRound.Prediction.PARTICIPATIONS,
        criteria="correct,prediction,duration,submitted",
        min_age=18,
        excluded_roles=(
            Role.ORGANIZING_COMMITTEE,
            Role.JUDGE,
            Role.HELPER,
            Role.SOFTWARE_UNIT,
        ),
        prizes="1,2,3,5",
        periods=(("Đợt thi năm 2024", local(2024, 10, 1), local(2024, 11, 1)),),
        description="Cán bộ, công chức, viên chức, người lao động, thành viên Tổ công nghệ số "
        "cộng đồng và người dân từ đủ 18 tuổi. Mỗi lượt thi 30 câu hỏi ngẫu nhiên trong 30 phút "
        "và 01 câu hỏi dự đoán số lượt người tham gia dự thi; mỗi người thi tối đa 2 lượt.",
    ),
    "quangninh2024": Preset(
        slug="quangninh2024",
        name="Cuộc thi “Tìm hiểu về chuyển đổi số tỉnh Quảng Ninh” năm 2024",
        organizer="Sở Thông tin và Truyền thông tỉnh Quảng Ninh",
        questions=20,
        minutes=20,
        attempts=2,
        prediction=OnlineRound.Prediction.PARTICIPATIONS,
        criteria="correct,prediction,duration,submitted",
        min_age=0,
        excluded_roles=(
            Role.ORGANIZING_COMMITTEE,
            Role.SECRETARIAT,
            Role.JUDGE,
            Role.QUESTION_AUTHOR,
            Role.SOFTWARE_UNIT,
        ),
        prizes="1,3,5,20",
        amounts="3000000,2000000,1000000,500000",
        periods=(("Đợt thi năm 2024", local(2024, 10, 10), local(2024, 10, 31)),),
        required="full_name,date_of_birth,phone,address",
        description="Mọi công dân trên địa bàn tỉnh và người nước ngoài sinh sống tại tỉnh. "
        "Mỗi câu hỏi có 3 hoặc 4 phương án, chỉ một phương án đúng; 01 câu hỏi phụ dự đoán "
        "số lượt tham gia. Thời gian thi từ 10/10/2024 đến hết ngày 30/10/2024.",
    ),
    "binhthuan2024": Preset(
        slug="binhthuan2024",
        name="Cuộc thi trực tuyến “Tìm hiểu về chuyển đổi số” tỉnh Bình Thuận năm 2024",
        organizer="Ban Chỉ đạo chuyển đổi số tỉnh Bình Thuận",
        questions=15,
        minutes=15,
        attempts=3,
        prediction=OnlineRound.Prediction.PERFECT,
        criteria="correct,prediction,submitted",
        min_age=0,
        excluded_roles=(Role.DEPARTMENT_ICT,),
        prizes="1,2,3,5",
        periods=(
            ("Đợt 1", local(2024, 8, 17), local(2024, 9, 1)),
            ("Đợt 2", local(2024, 9, 9), local(2024, 9, 24)),
        ),
        excluded_units=(
            ("bt-so-tttt", "Sở Thông tin và Truyền thông tỉnh Bình Thuận", Unit.Kind.AGENCY),
        ),
        description="Cán bộ, công chức, viên chức, người lao động, học sinh, sinh viên, lực lượng "
        "vũ trang và người dân trên địa bàn tỉnh (trừ công chức, viên chức Sở Thông tin và Truyền "
        "thông). Mỗi lượt 15 câu hỏi và 01 câu hỏi dự đoán số người trả lời đúng 15/15 câu trong "
        "đợt; tối đa 3 lượt mỗi đợt; tính lượt có nhiều câu đúng nhất và hoàn thành sớm nhất.",
    ),
}


def _unit(code: str, name: str, kind: str) -> Unit:
    unit = Unit.objects.filter(code=code).first() or Unit.objects.filter(name=name).first()
    if unit is None:
        unit = Unit.objects.create(code=code or slugify(name), name=name, kind=kind)
    return unit


@transaction.atomic
def load(name: str) -> OnlineRound:
    """Create or update the round for a preset; running it twice changes nothing."""
    if name not in PRESETS:
        raise KeyError(name)
    p = PRESETS[name]
    round_, _created = OnlineRound.objects.update_or_create(
        slug=p.slug,
        defaults={
            "name": p.name,
            "preset": name,
            "organizer": p.organizer,
            "description": p.description,
            "questions_per_attempt": p.questions,
            "time_limit_minutes": p.minutes,
            "attempts_per_period": p.attempts,
            "prediction": p.prediction,
            "ranking_criteria": p.criteria,
            "min_age": p.min_age,
            "excluded_roles": ",".join(p.excluded_roles),
            "prize_structure": p.prizes,
            "prize_amounts": p.amounts,
            "reveal": p.reveal,
            "min_registrations_per_unit": p.min_per_unit,
            "required_fields": p.required,
        },
    )
    round_.units.set([_unit(*u) for u in p.units])
    round_.excluded_units.set([_unit(*u) for u in p.excluded_units])
    for number, (label, opens, closes) in enumerate(p.periods, start=1):
        Period.objects.update_or_create(
            round=round_,
            number=number,
            defaults={"name": label, "opens_at": opens, "closes_at": closes},
        )
    round_.periods.filter(number__gt=len(p.periods), attempts__isnull=True).delete()
    return round_
