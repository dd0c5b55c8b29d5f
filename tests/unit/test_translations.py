"""The English catalogue: complete, compiled, and saying what we expect."""

from __future__ import annotations

import ast
import gettext as pygettext
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo"


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (or msgstr[n]) and flags.

    Obsolete (``#~``) entries are skipped; the header (empty msgid) is kept.
    """
    entries: list[dict] = []
    cur: dict | None = None
    key: str | None = None

    def finish() -> None:
        nonlocal cur
        if cur is not None and "msgid" in cur:
            entries.append(cur)
        cur = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if not line:
            finish()
            continue
        if cur is None:
            cur = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            cur["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if key.startswith("msgstr"):
                cur["msgstr"][key] += value
            else:
                cur[key] += value
            continue
        key, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if key.startswith("msgstr"):
            cur["msgstr"][key] = value
        else:
            cur[key] = value
    finish()
    return entries


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    assert PO.exists(), "run makemessages -l en"
    return parse_po(PO)


EXPECTED = [
    # Model verbose names.
    ("hall.models", "Contest", "contest"),
    ("hall.models", "Team", "team"),
    ("scoring.models", "Certificate", "certificate"),
    ("online.models", "Attempt", "attempt"),
]


@pytest.mark.parametrize(("module", "model", "english"), EXPECTED)
def test_model_verbose_name_in_english(module, model, english):
    import importlib

    cls = getattr(importlib.import_module(module), model)
    with translation.override("en"):
        assert str(cls._meta.verbose_name) == english


def test_admin_site_header_in_english():
    from django.contrib import admin

    import hall.admin  # noqa: F401  (sets the headers)

    with translation.override("en"):
        assert str(admin.site.site_header) == "Digital Transformation Contest Administration"
        assert str(admin.site.index_title) == "Contest setup"
    with translation.override("vi"):
        assert str(admin.site.site_header) == "Quản trị Hội thi chuyển đổi số"


def test_engine_refusal_reason_in_english():
    from hall.engine.refusals import REASONS, refuse

    with translation.override("en"):
        assert gettext(REASONS["not_started"]) == "The contest has not started."
        assert gettext(refuse("late_buzz").reason) == (
            "Your team buzzed later; the buzz-in window has closed."
        )
        # Every refusal the engine can give has an English sentence.
        untranslated = [code for code, text in REASONS.items() if gettext(text) == text]
    assert untranslated == []


def test_online_page_title_and_messages_in_english():
    with translation.override("en"):
        assert gettext("Thi trực tuyến tìm hiểu về chuyển đổi số") == (
            "Online contest on digital transformation"
        )
        assert gettext("Đăng nhập thi trực tuyến") == "Online contest login"
        assert gettext("%(m)d phút %(s)02d giây") % {"m": 3, "s": 5} == "3 min 05 s"


def test_scoring_labels_in_english():
    with translation.override("en"):
        assert gettext("Điểm bị trừ") == "Penalty points"
        assert gettext("Bảng xếp hạng đồng đội") == "Team standings"
        assert gettext("Giải Nhất") == "First prize"
        assert gettext("Biên bản hội thi") == "Contest minutes"


def test_plural_forms_in_english():
    with translation.override("en"):
        assert ngettext("Đã thu hồi %d thiết bị.", "Đã thu hồi %d thiết bị.", 1) % 1 == (
            "Revoked 1 device."
        )
        assert ngettext("Đã thu hồi %d thiết bị.", "Đã thu hồi %d thiết bị.", 3) % 3 == (
            "Revoked 3 devices."
        )


def test_vietnamese_stays_the_source_language():
    with translation.override("vi"):
        assert gettext("Điểm bị trừ") == "Điểm bị trừ"


def test_po_has_no_untranslated_or_fuzzy_entries(entries):
    assert len(entries) > 1
    header, *messages = entries
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"].values())]
    plural_missing = [
        e["msgid"]
        for e in messages
        if "msgid_plural" in e and set(e["msgstr"]) != {"msgstr[0]", "msgstr[1]"}
    ]
    assert fuzzy == [], f"fuzzy entries: {fuzzy}"
    assert empty == [], f"untranslated entries: {empty}"
    assert plural_missing == [], f"incomplete plural entries: {plural_missing}"


def test_mo_is_compiled_from_the_current_po(entries):
    """``compilemessages`` was run after the last edit of the .po file."""
    assert MO.exists(), "run compilemessages"
    catalog = pygettext.GNUTranslations(MO.open("rb"))._catalog
    stale = []
    for e in entries[1:]:
        # gettext keys an entry with a context as "context\x04msgid"
        mid = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            for n in (0, 1):
                if catalog.get((mid, n)) != e["msgstr"][f"msgstr[{n}]"]:
                    stale.append(e["msgid"])
        elif catalog.get(mid) != e["msgstr"]["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], f".mo is out of date for: {stale[:10]}"
