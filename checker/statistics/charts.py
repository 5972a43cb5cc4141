"""SVG charts for the statistics page and the annual report, readable without colour.

Plan and actual are told apart by fill (hatched outline against solid), not by hue; every bar
carries its value as text, and the same numbers stand in a table beside each chart. Labels are
escaped; nothing is fetched.
"""

from collections.abc import Callable

from markupsafe import Markup
from markupsafe import escape

INK = "#1a1a1a"
SOLID = "#3b3b3b"


def _open(width: int, height: int, title: str, font: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(font)}" font-size="10"><title>{escape(title)}</title>'
    ]


def _hatch(pattern_id: str) -> str:
    return (
        f'<defs><pattern id="{escape(pattern_id)}" patternUnits="userSpaceOnUse" width="6" '
        f'height="6"><path d="M0,6 L6,0" stroke="{INK}" stroke-width="1"/></pattern></defs>'
    )


def _legend(pattern_id: str, plan_label: str, actual_label: str) -> list[str]:
    # The second key starts after the first label, at a generous 6.5 px per character of 10 px
    # text, so a long label ("Plan, hele kontrakten") never runs into it.
    second = max(110, 16 + round(len(plan_label) * 6.5) + 20)
    return [
        f'<rect x="0" y="2" width="12" height="10" fill="url(#{escape(pattern_id)})" '
        f'stroke="{INK}"/>',
        f'<text x="16" y="11">{escape(plan_label)}</text>',
        f'<rect x="{second}" y="2" width="12" height="10" fill="{SOLID}"/>',
        f'<text x="{second + 16}" y="11">{escape(actual_label)}</text>',
    ]


def plan_and_actual(
    points: list[tuple[str, float | None, float | None]],
    title: str,
    shown: Callable[[float], str],
    *,
    plan_label: str,
    actual_label: str,
    pattern_id: str,
    top: float | None = None,
    font: str = "inherit",
    width: int = 640,
    height: int = 220,
) -> Markup:
    """Two columns per point (e.g. a month): the plan hatched, the actual solid, each labelled.

    points are (label, plan, actual); a None value draws no column (no data is not zero).
    """
    values = [v for _, plan, actual in points for v in (plan, actual) if v is not None]
    scale = top or (max(values) * 1.15 if values and max(values) > 0 else 1.0)
    legend, bottom = 20, height - 18
    inner = bottom - legend - 14
    step = width / max(1, len(points))
    bar = step * 0.36
    parts = _open(width, height, title, font) + [_hatch(pattern_id)]
    parts += _legend(pattern_id, plan_label, actual_label)
    parts.append(f'<line x1="0" y1="{bottom}" x2="{width}" y2="{bottom}" stroke="{INK}"/>')
    for index, (label, plan, actual) in enumerate(points):
        x = index * step
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{height - 4}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
        for offset, value, fill in (
            (step * 0.12, plan, f"url(#{escape(pattern_id)})"),
            (step * 0.52, actual, SOLID),
        ):
            if value is None:
                continue
            length = inner * min(value, scale) / scale
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{bottom - length:.1f}" width="{bar:.1f}" '
                f'height="{length:.1f}" fill="{fill}" stroke="{INK}" stroke-width="0.5"/>'
            )
            parts.append(
                f'<text x="{x + offset + bar / 2:.1f}" y="{bottom - length - 3:.1f}" '
                f'text-anchor="middle" font-size="8">{escape(shown(value))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def labelled_bars(
    rows: list[tuple[str, float]],
    title: str,
    shown: Callable[[float], str],
    *,
    font: str = "inherit",
    width: int = 640,
) -> Markup:
    """Horizontal bars, each with its name on the left and its value at its end."""
    rows = [(label, value) for label, value in rows if value > 0]
    if not rows:
        return Markup("")
    top = max(value for _, value in rows)
    bar_height, gap, label_width, value_room = 14, 6, 220, 110
    height = len(rows) * (bar_height + gap) + 4
    parts = _open(width, height, title, font)
    for index, (label, value) in enumerate(rows):
        y = index * (bar_height + gap) + 2
        length = max(1.0, (width - label_width - value_room) * value / top)
        parts.append(f'<text x="0" y="{y + 11}">{escape(label)}</text>')
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{SOLID}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 11}">{escape(shown(value))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
