"""Pure validation rules for contest setup, shared by the admin, importers and models.

Each function returns a list of human-readable problems (Vietnamese source
strings, translated through gettext) and never touches the database.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

MIN_OPTIONS = 3
MAX_OPTIONS = 4
OPTION_LABELS = "ABCD"


def option_problems(options: Sequence[tuple[str, bool]]) -> list[str]:
    """Problems with a question's options, given as (text, is_correct) pairs."""
    problems: list[str] = []
    filled = [(text.strip(), correct) for text, correct in options if text and text.strip()]
    if len(filled) < MIN_OPTIONS or len(filled) > MAX_OPTIONS:
        problems.append(
            _("Câu hỏi phải có 3 hoặc 4 phương án trả lời (đang có %(n)d).") % {"n": len(filled)}
        )
    correct = sum(1 for _, is_correct in filled if is_correct)
    if correct != 1:
        problems.append(_("Câu hỏi phải có đúng một đáp án đúng (đang có %(n)d).") % {"n": correct})
    texts = [text.casefold() for text, _ in filled]
    if len(set(texts)) != len(texts):
        problems.append(_("Hai phương án trả lời trùng nhau."))
    return problems


def answering_problems(answering_count: int, allowed: int) -> list[str]:
    """Too many members registered to answer in the knowledge part."""
    if answering_count > allowed:
        return [
            _(
                "Phần thi kiến thức chỉ cho phép tối đa %(allowed)d thành viên trả lời "
                "(đội đăng ký %(count)d)."
            )
            % {"allowed": allowed, "count": answering_count}
        ]
    return []


def cast_problems(cast_size: int, roster_size: int) -> list[str]:
    """A skit cast may not exceed the team's registered roster."""
    if cast_size < 0:
        return [_("Số người tham gia tiểu phẩm không hợp lệ.")]
    if cast_size > roster_size:
        return [
            _(
                "Số người tham gia tiểu phẩm (%(cast)d) vượt quá số thành viên "
                "đã đăng ký của đội (%(roster)d)."
            )
            % {"cast": cast_size, "roster": roster_size}
        ]
    return []
