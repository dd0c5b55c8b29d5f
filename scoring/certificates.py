"""Certificates (Giấy chứng nhận): the QR code that links to the public verification page."""

from __future__ import annotations

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from scoring.models import Certificate


def verify_url(request: HttpRequest, cert: Certificate) -> str:
    """The absolute URL of the certificate's public verification page."""
    return request.build_absolute_uri(reverse("scoring:verify", args=[cert.code]))


def qr_svg(url: str, scale: int = 3) -> SafeString:
    """An inline SVG QR code (segno, no external image)."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, dark="#0f172a")
    return mark_safe(svg)  # noqa: S308 - segno's own SVG, the URL is escaped by segno


def certificate_cards(request: HttpRequest, certificates: list[Certificate]) -> list[dict]:
    """Each certificate with its verification URL and QR code, ready for the template."""
    cards = []
    for cert in certificates:
        url = verify_url(request, cert)
        cards.append({"cert": cert, "url": url, "qr": qr_svg(url)})
    return cards
