"""The minutes (biên bản): generated from the event log, print-ready A4 HTML and PDF."""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import urlparse

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from hall.models import Contest
from scoring.approval import check_reopen
from scoring.models import ApprovalAction
from scoring.results import compile_results

PDF_BASE = "https://minutes.invalid/"


def minutes_context(contest: Contest) -> dict[str, Any]:
    """Everything the minutes show: the folded log, the approval and its history."""
    results = compile_results(contest)
    approval = check_reopen(contest)
    actions = list(
        ApprovalAction.objects.filter(contest=contest).select_related("user").order_by("at", "id")
    )
    return {
        "contest": contest,
        "results": results,
        "approval": approval,
        "actions": actions,
        "judged_parts": [p for p in results.parts if p.judged],
    }


def render_minutes(context: dict[str, Any], for_pdf: bool = False) -> str:
    """The minutes as a standalone HTML document."""
    return render_to_string("scoring/minutes.html", {**context, "for_pdf": for_pdf})


def _read_static(url: str) -> tuple[bytes, str]:
    """The bytes and MIME type of one of our static files, addressed under PDF_BASE."""
    parsed = urlparse(url)
    if not url.startswith(PDF_BASE) or not parsed.path.startswith("/static/"):
        raise ValueError(_("Tài liệu chỉ được dùng tệp tĩnh của hệ thống."))
    path = finders.find(parsed.path.removeprefix("/static/"))
    if not path:
        raise ValueError(_("Không tìm thấy tệp tĩnh %(path)s.") % {"path": parsed.path})
    with open(path, "rb") as handle:
        data = handle.read()
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if path.endswith(".woff2"):
        mime = "font/woff2"
    return data, mime


def html_to_pdf(html: str) -> bytes:
    """A4 PDF from the print-ready HTML (WeasyPrint), reading only our own static files."""
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            data, mime = _read_static(url)
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    document = weasyprint.HTML(string=html, base_url=PDF_BASE, url_fetcher=StaticFetcher())
    return document.write_pdf(stylesheets=[weasyprint.CSS(string=PDF_FONT_CSS)])


# The vendored web font comes in unicode-range subsets (latin / vietnamese), which
# WeasyPrint does not combine: letters like "Ả" or "ộ" went missing from the PDF.
# DejaVu Sans (Debian's fonts-dejavu-core) covers every Vietnamese letter.
PDF_FONT_CSS = "body, body * { font-family: 'DejaVu Sans', sans-serif !important; }"


def pdf_available() -> bool:
    """True when WeasyPrint and its system libraries (pango) are installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True
