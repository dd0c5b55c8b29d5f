"""Small server-side SVG bar charts (no JavaScript, no external library)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape

BAR = 22
GAP = 6
LABEL_W = 170
WIDTH = 560


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    marker: int | None = None,
    color: str = "#b91c1c",
) -> str:
    """A horizontal bar chart; ``marker`` draws a dashed line at a target (e.g. a minimum)."""
    top = 28
    height = top + len(rows) * (BAR + GAP) + 10
    peak = max([v for _, v in rows] + [marker or 0, 1])
    scale = (WIDTH - LABEL_W - 50) / peak
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f'<text x="0" y="16" font-size="14" font-weight="600">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(rows):
        y = top + i * (BAR + GAP)
        w = max(1, round(value * scale)) if value else 0
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + BAR * 0.7:.0f}" font-size="12" '
            f'text-anchor="end">{escape(short)}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR}" fill="{color}" rx="3"/>'
            f'<text x="{LABEL_W + w + 4}" y="{y + BAR * 0.7:.0f}" font-size="12">{value}</text>'
        )
    if marker:
        x = LABEL_W + round(marker * scale)
        parts.append(
            f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{height - 6}" stroke="#0f172a" '
            f'stroke-dasharray="4 3"/>'
            f'<text x="{x + 3}" y="{top - 8}" font-size="11">≥ {marker}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
