"""Inline SVG charts built from numbers only (no user text in markup), so nothing is fetched."""

from markupsafe import Markup
from markupsafe import escape

from checker.formats import display
from checker.intake.names import name_of

COLOURS = {"fossil": "#a4161a", "fossil_free": "#b07b00", "zero_emission": "#1b6e20"}
CLASS_OF = {
    "diesel": "fossil",
    "natural_gas": "fossil",
    "petrol": "fossil",
    "alkylate_petrol": "fossil",
    "propane": "fossil",
    "heating_oil": "fossil",
    "plugin_hybrid": "fossil",
    "hvo100": "fossil_free",
    "biodiesel_fame": "fossil_free",
    "biogas": "fossil_free",
    "bio_pellets": "fossil_free",
    "hydrogen_combustion": "fossil_free",
}


def bar_chart(
    values: dict[str, float], unit: str, title: str, width: int = 460, lang: str = "nb"
) -> Markup:
    """Horizontal bars, one per carrier (by its name), coloured by carrier class, labelled with
    the value written the language's way."""
    rows = [(name, value) for name, value in values.items() if value > 0]
    if not rows:
        return Markup("")
    top = max(value for _, value in rows)
    bar_height, gap, label_width = 16, 6, 130
    height = len(rows) * (bar_height + gap) + 4
    # The alternative text says what the bars show: a screen reader reads the figures.
    said = ", ".join(f"{name_of(name, lang)} {display.quantity(v, unit, lang)}" for name, v in rows)
    alternative = escape(f"{title}: {said}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{alternative}"><title>{alternative}</title>'
    ]
    for index, (name, value) in enumerate(rows):
        y = index * (bar_height + gap) + 2
        length = max(1.0, (width - label_width - 110) * value / top)
        colour = COLOURS[CLASS_OF.get(name, "zero_emission")]
        parts.append(
            f'<text x="0" y="{y + 12}" font-size="9" font-family="Report Sans">'
            f"{escape(name_of(name, lang))}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 12}" font-size="9" font-family="Report Sans">'
            f"{escape(display.quantity(value, unit, lang))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def share_bar(shares: dict, title: str, width: int = 460, lang: str = "nb") -> Markup:
    """One stacked bar: zero-emission, other fossil-free, fossil shares of energy."""
    zero, free = shares.get("zero_emission"), shares.get("fossil_free")
    if zero is None or free is None:
        return Markup("")
    segments = [("zero_emission", zero), ("fossil_free", free - zero), ("fossil", 1 - free)]
    said = ", ".join(f"{name_of(n, lang)} {display.percent(v, lang, 0)}" for n, v in segments)
    alternative = escape(f"{title}: {said}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="22" role="img" '
        f'aria-label="{alternative}"><title>{alternative}</title>'
    ]
    x = 0.0
    for name, share in segments:
        if share <= 0:
            continue
        length = width * share
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{length:.1f}" height="22" fill="{COLOURS[name]}"/>'
        )
        if length > 36:
            parts.append(
                f'<text x="{x + 4:.1f}" y="15" font-size="10" font-family="Report Sans" fill="#fff">'
                f"{escape(display.percent(share, lang, 0))}</text>"
            )
        x += length
    parts.append("</svg>")
    return Markup("".join(parts))


def monthly_chart(
    points: list[tuple[str, float | None]],
    plan: float | None,
    title: str,
    shown,
    *,
    colour: str = COLOURS["zero_emission"],
    top: float | None = None,
    plan_label: str = "Plan",
    width: int = 460,
    height: int = 160,
) -> Markup:
    """Columns per month (the actual figure) against a dashed line (the plan's figure).

    shown formats a value for its label; top fixes the scale (1.0 for shares). The plan's
    figure is named in a legend above the columns, where no column can hide it.
    """
    values = [value for _, value in points if value is not None]
    scale = top or max([*values, plan or 0.0]) * 1.15 or 1.0
    legend, bottom, label_room = 16, height - 18, 14
    inner = bottom - legend - label_room
    step = width / max(1, len(points))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="0" y1="{bottom}" x2="{width}" y2="{bottom}" stroke="#777" stroke-width="0.6"/>',
    ]
    for index, (label, value) in enumerate(points):
        x = index * step
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{height - 4}" font-size="8" text-anchor="middle" '
            f'font-family="Report Sans">{escape(label)}</text>'
        )
        if value is None:
            continue
        bar = inner * min(value, scale) / scale
        parts.append(
            f'<rect x="{x + step * 0.2:.1f}" y="{bottom - bar:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bar:.1f}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{bottom - bar - 3:.1f}" font-size="8" '
            f'text-anchor="middle" font-family="Report Sans">{escape(shown(value))}</text>'
        )
    if plan is not None:
        y = bottom - inner * min(plan, scale) / scale
        dash = 'stroke="#111" stroke-width="1" stroke-dasharray="4 3"'
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" {dash}/>')
        parts.append(f'<line x1="0" y1="6" x2="22" y2="6" {dash}/>')
        parts.append(
            f'<text x="26" y="9" font-size="8" font-family="Report Sans">'
            f"{escape(plan_label)}: {escape(shown(plan))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
