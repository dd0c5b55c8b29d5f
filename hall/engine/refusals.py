"""Refusals: a stable machine code and a Vietnamese sentence a person understands."""

from __future__ import annotations

import msgspec

from hall.engine.texts import gettext_noop as _


class Refusal(msgspec.Struct, frozen=True):
    code: str
    reason: str


REASONS: dict[str, str] = {
    "bad_command": _("Lệnh không hợp lệ."),
    "forbidden": _("Vai trò của bạn không được phép thực hiện thao tác này."),
    "not_started": _("Hội thi chưa bắt đầu."),
    "already_started": _("Hội thi đã bắt đầu rồi."),
    "paused": _("Hội thi đang tạm dừng; chỉ có thể tiếp tục, hoàn tác hoặc chấm điểm."),
    "not_paused": _("Hội thi không ở trạng thái tạm dừng."),
    "finished": _("Hội thi đã kết thúc."),
    "no_part": _("Chưa chọn phần thi."),
    "unknown_part": _("Không có phần thi này trong hội thi."),
    "same_part": _("Đang ở phần thi này rồi."),
    "no_next_part": _("Đây đã là phần thi cuối cùng."),
    "wrong_part": _("Thao tác này không dùng được trong phần thi hiện tại."),
    "unknown_team": _("Không có đội thi này trong hội thi."),
    "cast_required": _("Phần tiểu phẩm cần nhập số người diễn (ít nhất 1 người)."),
    "cast_too_large": _("Số người diễn tiểu phẩm vượt quá số thành viên đã đăng ký của đội."),
    "no_stage": _("Chưa có đội nào trên sân khấu."),
    "timer_running": _("Đồng hồ đang chạy."),
    "timer_not_running": _("Đồng hồ chưa chạy."),
    "judging_already_open": _("Đang mở chấm điểm cho đội này rồi."),
    "judging_not_open": _("Chưa mở chấm điểm cho đội này hoặc đã đóng chấm điểm."),
    "bad_marks": _("Phiếu chấm không hợp lệ: phải chấm đủ mọi tiêu chí, từ 0 đến điểm tối đa."),
    "already_marked": _(
        "Giám khảo đã chấm đội này; phiếu chấm đã khóa. Muốn sửa, hãy gửi yêu cầu điều chỉnh."
    ),
    "not_marked": _("Giám khảo chưa chấm đội này nên không thể yêu cầu điều chỉnh."),
    "reason_required": _("Cần ghi rõ lý do."),
    "correction_pending": _("Đã có một yêu cầu điều chỉnh đang chờ trưởng ban giám khảo xử lý."),
    "unknown_request": _("Không có yêu cầu điều chỉnh này."),
    "already_resolved": _("Yêu cầu điều chỉnh này đã được xử lý."),
    "already_released": _("Điểm phần thi này đã được công bố."),
    "question_active": _("Hãy công bố đáp án hoặc bỏ qua câu hỏi hiện tại trước."),
    "question_open": _("Đang có câu hỏi mở trả lời; hãy đóng câu hỏi trước."),
    "no_team_called": _("Chưa mời đội nào lên bốc thăm."),
    "quota_reached": _("Đội này đã bốc đủ số câu hỏi của phần thi."),
    "not_your_turn": _("Chưa đến lượt đội bạn."),
    "bad_tile": _("Không có ô số này."),
    "tile_used": _("Ô số này đã được bốc."),
    "board_empty": _("Đã hết câu hỏi để bốc thăm."),
    "no_question": _("Chưa có câu hỏi nào."),
    "wrong_phase": _("Không thể thực hiện thao tác này ở bước hiện tại của câu hỏi."),
    "not_open": _("Chưa mở trả lời."),
    "late": _("Đã hết thời gian trả lời."),
    "late_buzz": _("Đội bạn bấm chậm hơn; lượt giành quyền trả lời đã khép lại."),
    "closed": _("Câu hỏi đã đóng, không nhận thêm câu trả lời."),
    "already_answered": _("Đã trả lời câu hỏi này rồi; câu trả lời đầu tiên được giữ nguyên."),
    "member_required": _("Cần chọn thành viên trả lời."),
    "not_answering_member": _("Thành viên này không được đăng ký trả lời phần kiến thức."),
    "too_many_members": _("Mỗi đội chỉ được tối đa số thành viên quy định tham gia trả lời."),
    "bad_choice": _("Phương án trả lời không hợp lệ."),
    "locked": _("Đội bạn đã bấm chuông hoặc đã trả lời câu hỏi này."),
    "answer_pending": _("Đội giành quyền đang trả lời; hãy chờ câu trả lời."),
    "already_revealed": _("Đáp án đã được công bố."),
    "nothing_to_undo": _("Không có thao tác nào để hoàn tác."),
    "bad_setup": _("Thiết lập hội thi không hợp lệ."),
    "bad_lots": _(
        "Cần nêu ít nhất hai đội (hoặc hai thành viên) khác nhau, có trong hội thi, để bốc thăm."
    ),
    "not_tied": _(
        "Các bên được nêu không phải là một nhóm đang đồng hạng chưa phân định; "
        "chỉ bốc thăm cho đúng nhóm đang bằng nhau theo mọi tiêu chí."
    ),
    "not_finished": _("Chỉ bốc thăm phân định sau khi hội thi kết thúc."),
    "unknown_lots": _("Không có kết quả bốc thăm này."),
}


def refuse(code: str, reason: str | None = None) -> Refusal:
    """A refusal with the standard sentence for ``code`` (or a more precise one)."""
    return Refusal(code=code, reason=reason or REASONS[code])
