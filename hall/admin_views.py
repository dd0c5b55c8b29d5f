"""Admin pages "Nhập từ tệp": upload, preview with every bad row, confirm, templates.

A checked file waits in a private temporary folder under a random token kept in
the uploader's session, so confirming imports exactly the file that was checked.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from tempfile import gettempdir
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall.import_files import SUPPORTED_EXTENSIONS
from hall.import_templates import TEMPLATES, template_csv, template_xlsx
from hall.importers import ImportFileError, ImportReport, import_questions, import_teams, read_rows
from hall.models import Contest

SESSION_KEY = "hall_pending_imports"
UPLOAD_DIR = Path(gettempdir()) / "hoithi-imports"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
KEEP_SECONDS = 24 * 3600


class _ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp dữ liệu (.csv hoặc .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chạy thử: chỉ kiểm tra và xem trước, chưa ghi gì"),
        initial=True,
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUPPORTED_EXTENSIONS):
            raise forms.ValidationError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn quá 10 MB."))
        return upload


class TeamImportForm(_ImportForm):
    contest = forms.ModelChoiceField(
        queryset=Contest.objects.all(), label=gettext_lazy("Hội thi"), empty_label=None
    )
    field_order = ["contest", "file", "dry_run"]

    def options(self) -> dict[str, Any]:
        return {"contest": self.cleaned_data["contest"].pk}


class QuestionImportForm(_ImportForm):
    pack = forms.CharField(
        label=gettext_lazy("Đưa vào bộ câu hỏi"),
        help_text=gettext_lazy("Tên bộ câu hỏi; để trống nếu không cần, tạo mới nếu chưa có."),
        max_length=255,
        required=False,
    )

    def options(self) -> dict[str, Any]:
        return {"pack": self.cleaned_data["pack"].strip()}


def _run_teams(options: dict[str, Any], rows: list[dict], dry_run: bool) -> ImportReport:
    contest = Contest.objects.filter(pk=options.get("contest")).first()
    if contest is None:
        report = ImportReport(kind="teams", dry_run=dry_run)
        report.error(None, _("Hội thi đã chọn không còn tồn tại."))
        return report
    return import_teams(contest, rows, dry_run=dry_run)


def _run_questions(options: dict[str, Any], rows: list[dict], dry_run: bool) -> ImportReport:
    return import_questions(rows, dry_run=dry_run, pack=options.get("pack") or None)


@dataclass(frozen=True)
class ImportKind:
    key: str
    title: str
    help: str
    form_class: type[_ImportForm]
    run: Callable[[dict[str, Any], list[dict], bool], ImportReport]
    permissions: tuple[str, ...]


def import_kinds() -> dict[str, ImportKind]:
    return {
        "teams": ImportKind(
            key="teams",
            title=_("Nhập đội thi và thành viên từ tệp"),
            help=_(
                "Mỗi dòng là một thành viên; đơn vị và đội chưa có sẽ được tạo theo tên, "
                "thành viên đã có (cùng họ tên trong đội) sẽ được cập nhật."
            ),
            form_class=TeamImportForm,
            run=_run_teams,
            permissions=(
                "hall.add_team",
                "hall.change_team",
                "hall.add_member",
                "hall.change_member",
                "hall.add_unit",
            ),
        ),
        "questions": ImportKind(
            key="questions",
            title=_("Nhập câu hỏi từ tệp"),
            help=_(
                "Mỗi dòng là một câu hỏi có 3 hoặc 4 phương án và đúng một đáp án; "
                "câu có mã đã tồn tại sẽ được cập nhật."
            ),
            form_class=QuestionImportForm,
            run=_run_questions,
            permissions=("hall.add_question", "hall.change_question"),
        ),
    }


# --- the pending file ----------------------------------------------------------------


def _forget_old_files() -> None:
    if not UPLOAD_DIR.is_dir():
        return
    cutoff = time.time() - KEEP_SECONDS
    for path in UPLOAD_DIR.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue


def _keep_file(
    request: HttpRequest, kind: ImportKind, data: bytes, filename: str, options: dict
) -> str:
    _forget_old_files()
    UPLOAD_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    (UPLOAD_DIR / token).write_bytes(data)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"kind": kind.key, "filename": filename, "options": options}
    request.session[SESSION_KEY] = pending
    return token


def _take_file(request: HttpRequest, kind: ImportKind, token: str) -> tuple[bytes, dict] | None:
    """The checked file for ``token`` if this session uploaded it; forgotten afterwards."""
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if not entry or entry.get("kind") != kind.key:
        return None
    path = UPLOAD_DIR / token
    try:
        data = path.read_bytes()
        path.unlink()
    except OSError:
        return None
    return data, entry


# --- views ---------------------------------------------------------------------------


def import_view(request: HttpRequest, model_admin: ModelAdmin, kind_key: str) -> HttpResponse:
    """Upload -> check (dry run by default) -> preview and errors -> confirm."""
    kind = import_kinds()[kind_key]
    if not request.user.has_perms(kind.permissions):
        raise PermissionDenied
    opts = model_admin.model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    report: ImportReport | None = None
    token = ""
    form = kind.form_class()

    if request.method == "POST" and request.POST.get("token"):
        taken = _take_file(request, kind, request.POST["token"])
        if taken is None:
            messages.error(request, _("Tệp đã kiểm tra không còn; hãy tải tệp lên lại."))
            return HttpResponseRedirect(request.path)
        data, entry = taken
        try:
            rows = read_rows(data, entry["filename"])
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(request.path)
        report = kind.run(entry["options"], rows, False)
        if report.written:
            messages.success(request, report.summary())
            return HttpResponseRedirect(changelist)
    elif request.method == "POST":
        form = kind.form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                rows = read_rows(data, upload.name)
            except ImportFileError as exc:
                form.add_error("file", str(exc))
            else:
                dry_run = form.cleaned_data["dry_run"]
                report = kind.run(form.options(), rows, dry_run)
                if report.written:
                    messages.success(request, report.summary())
                    return HttpResponseRedirect(changelist)
                if report.ok and dry_run:
                    token = _keep_file(request, kind, data, upload.name, form.options())

    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": kind.title,
        "kind": kind,
        "form": form,
        "report": report,
        "token": token,
        "changelist_url": changelist,
        "template_csv_url": reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import_template", args=["csv"]
        ),
        "template_xlsx_url": reverse(
            f"admin:{opts.app_label}_{opts.model_name}_import_template", args=["xlsx"]
        ),
    }
    return TemplateResponse(request, "admin/hall/import.html", context)


def template_view(request: HttpRequest, kind_key: str, fmt: str) -> HttpResponse:
    """The downloadable template, built from the same columns the importer reads."""
    template = TEMPLATES[kind_key]()
    if fmt == "csv":
        body, content_type = template_csv(template), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = template_xlsx(template)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{template.filename}.{fmt}"'
    return response
