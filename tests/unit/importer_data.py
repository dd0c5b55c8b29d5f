"""Plain-ORM test data shared by the importer, validation and admin tests."""

from __future__ import annotations

from hall.models import Contest, Option, Part, Question, Team, Unit


def make_contest(slug: str = "dak-nong-2023") -> Contest:
    """A contest with the three live parts; the knowledge part allows 3 answering members."""
    contest = Contest.objects.create(
        name="Hội thi Chuyển đổi số - nhận thức và hành động",
        year=2023,
        province="Đắk Nông",
        organizer="Sở Thông tin và Truyền thông",
        slug=slug,
    )
    Part.objects.create(contest=contest, order=1, kind=Part.Kind.INTRO, title="Giới thiệu")
    Part.objects.create(
        contest=contest,
        order=2,
        kind=Part.Kind.KNOWLEDGE,
        title="Kiến thức",
        max_answering_members=3,
    )
    Part.objects.create(contest=contest, order=3, kind=Part.Kind.SKIT, title="Tiểu phẩm")
    return contest


def make_team(contest: Contest, name: str = "Đội Cư Jút", number: int = 1) -> Team:
    unit, _created = Unit.objects.get_or_create(
        name="Huyện Cư Jút", defaults={"kind": Unit.Kind.DISTRICT, "code": "cu-jut"}
    )
    return Team.objects.create(contest=contest, unit=unit, name=name, number=number)


def make_question(code: str = "Q-001") -> Question:
    question = Question.objects.create(code=code, text="Câu hỏi mẫu?", area="policy")
    for label, text in zip("ABC", ("Một", "Hai", "Ba"), strict=True):
        Option.objects.create(question=question, label=label, text=text, is_correct=label == "A")
    return question


def csv_bytes(lines: list[str], bom: bool = False, sep: str = ",") -> bytes:
    text = "\r\n".join(line.replace(",", sep) if sep != "," else line for line in lines)
    return ("\ufeff" + text if bom else text).encode("utf-8")
