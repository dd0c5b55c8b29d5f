"""A question's options and its answer letter, read from one row of the question file."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from hall import domain
from hall.import_files import normalize_key
from hall.importers.parsing import clean_text

ANSWER_PATTERN = re.compile(r"(?:phuong_an_|dap_an_)?([a-z])")


def parse_options(row: dict, errs: list[str]) -> list[tuple[str, str, bool]]:
    """The filled options as (label, text, is_correct); problems go into ``errs``."""
    labels = "ABCDE" if "e" in row else "ABCD"
    texts = [(label, clean_text(row, label.lower(), 1000, errs)) for label in labels]
    last_filled = max((i for i, (_l, text) in enumerate(texts) if text), default=-1)
    for label, text in texts[: last_filled + 1]:
        if not text:
            errs.append(
                _("Phương án %(label)s để trống nhưng có phương án sau nó.") % {"label": label}
            )
    filled = [(label, text) for label, text in texts if text]

    raw_answer = str(row.get("dap_an", "") or "").strip()
    match = ANSWER_PATTERN.fullmatch(normalize_key(raw_answer))
    answer = match.group(1).upper() if match else ""
    answer_ok = False
    if not raw_answer:
        errs.append(_("Thiếu đáp án đúng (cột dap_an)."))
    elif answer not in domain.OPTION_LABELS:
        errs.append(
            _("Đáp án “%(value)s” không hợp lệ; ghi một chữ cái A, B, C hoặc D.")
            % {"value": raw_answer}
        )
    elif answer not in {label for label, _t in filled}:
        errs.append(
            _("Đáp án là %(label)s nhưng phương án %(label)s để trống.") % {"label": answer}
        )
    else:
        answer_ok = True
    # When the answer itself is wrong the message above says so; mark the first option
    # correct for the shared check so it reports only the other problems (count, duplicates).
    correct = answer if answer_ok else (filled[0][0] if filled else "")
    options = [(label, text, label == correct) for label, text in filled]
    errs.extend(domain.option_problems([(text, ok) for _l, text, ok in options]))
    return options
