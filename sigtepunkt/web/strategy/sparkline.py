"""A milestone's trend as a small inline SVG drawn on the server: for the PDF, which runs no JavaScript.

No dependency: a polyline over the usable yearly points, a dashed line at the target, and the
first and last values written beside the line. Suppressed points leave a gap in the line.
The picture carries a text alternative (`<title>` and aria-label); the numbers are in the table.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sigtepunkt.web.insights.formatting import format_number
from sigtepunkt.web.strategy.tracking import Tracked

WIDTH, HEIGHT, PAD = 160, 36, 4
LINE, TARGET = "#0b5394", "#b45f06"


def _scale(values: list[float]):
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def y(v: float) -> float:
        return round(PAD + (HEIGHT - 2 * PAD) * (1 - (v - low) / span), 1)
    return y


def sparkline_svg(tracked: Tracked, *, label: str) -> SafeString:
    """The trend since the first measurement as SVG markup; empty when there are fewer than two values."""
    points = list(tracked.series.points)
    values = [p.value for p in points if p.usable]
    if len(values) < 2:
        return mark_safe("")
    target = tracked.status.target_value
    y = _scale(values + ([target] if target is not None else []))
    step = (WIDTH - 2 * PAD) / max(1, len(points) - 1)
    segments, current = [], []
    for i, p in enumerate(points):
        if p.usable:
            current.append(f"{round(PAD + i * step, 1)},{y(p.value)}")
        elif current:
            segments.append(current)
            current = []
    segments.append(current)
    lines = "".join(f'<polyline points="{" ".join(s)}" fill="none" stroke="{LINE}" stroke-width="1.5"/>'
                    for s in segments if len(s) > 1)
    dots = "".join(f'<circle cx="{s[-1].split(",")[0]}" cy="{s[-1].split(",")[1]}" r="2" fill="{LINE}"/>'
                   for s in segments if s)
    goal = ""
    if target is not None:
        goal = (f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{y(target)}" y2="{y(target)}" stroke="{TARGET}" '
                f'stroke-dasharray="3,2" stroke-width="1"/>')
    text = escape(f"{label}: {format_number(values[0])} → {format_number(values[-1])}")
    return mark_safe(f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{WIDTH}" height="{HEIGHT}" '
                     f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{text}"><title>{text}</title>'
                     f'{goal}{lines}{dots}</svg>')
