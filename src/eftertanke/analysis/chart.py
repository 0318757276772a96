"""A well-being chart as SVG text: ratings by day, week or month, and the balance line.

Written by hand rather than with a plotting library: a few lines and axes
need no heavy dependency, and the output is byte-for-byte the same for the
same data (good for version control and for tests).
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from eftertanke.analysis.labels import w
from eftertanke.analysis.timeline import BALANCE, Timeline
from eftertanke.analysis.wellbeing import Series, tick_label, ticks
from eftertanke.domain import RATING_KEYS

WIDTH = 760
LEFT, RIGHT = 56, 150  # room for the y labels and the legend
TOP_PANEL = (40, 230)  # y of the 5 line and the 1 line
BALANCE_PANEL = (280, 380)  # y of +4 and -4
HEIGHT = 420
COLOURS = {
    "energy": "#d95f02",
    "demands": "#7570b3",
    "resources": "#1b9e77",
    "safety": "#e7298a",
    "wellbeing": "#1f78b4",
    BALANCE: "#333333",
}
MARKER = "#bbbbbb"  # the line on an interview day


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _x(index: int, count: int) -> float:
    plot = WIDTH - LEFT - RIGHT
    return LEFT + (plot * index / (count - 1) if count > 1 else plot / 2)


def _segments(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    out: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if out[-1]:
                out.append([])
        else:
            out[-1].append(point)
    return [s for s in out if s]


def _line(points: list[tuple[float, float] | None], colour: str, width: float = 2.0) -> list[str]:
    parts = []
    for segment in _segments(points):
        if len(segment) == 1:
            x, y = segment[0]
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2.5" fill="{colour}"/>')
        else:
            coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in segment)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}" stroke-linejoin="round"/>'
            )
    return parts


def _week(monday: date) -> str:
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def wellbeing_svg(series: Timeline, lang: str) -> str:
    """The weekly series as an SVG document (empty string when there are no ratings)."""
    if series.is_empty:
        return ""
    title = w("timeline_title", lang) + " · " + w("timeline_weekly", lang).lower()
    labels = [_week(monday) for monday in series.weeks]
    count = len(series.weeks)
    # x labels: at most eight weeks named, always the first and the last
    step = max(1, -(-(count - 1) // 7)) if count > 1 else 1
    tick_at = sorted({*range(0, count, step), count - 1})
    return _draw(title, series.weekly, [(i, labels[i], "") for i in tick_at], [], lang)


def series_svg(series: Series, lang: str) -> str:
    """The chart of ``series`` (by day, week or month) as an SVG document, with the
    date axis in ``lang`` and a line on each interview day (empty string when
    nothing in it was rated)."""
    if series.is_empty:
        return ""
    by = {"day": "timeline_daily", "week": "timeline_weekly", "month": "timeline_monthly"}
    title = w("timeline_title", lang) + " · " + w(by[series.period], lang).lower()
    tick_at = ticks(series.starts, series.period, 8)
    labelled = []
    for n, index in enumerate(tick_at):
        start = series.starts[index]
        with_year = series.period == "month" and (n == 0 or start.month == 1)
        label = tick_label(start, series.period, lang, with_year=with_year)
        days = series.days["wellbeing"][index]
        note = w("chart_n", lang, n=days) if series.period != "day" else ""
        labelled.append((index, label, note))
    markers = [
        (i, " · ".join(part for part in (", ".join(codes), _events(series, i)) if part))
        for i, codes in enumerate(series.interviews)
        if codes or series.events_at(i)
    ]
    return _draw(title, series.values, labelled, markers, lang)


def _events(series: Series, index: int) -> str:
    """A period's chronology events, marked ◇ (self-as-data: life events)."""
    return "; ".join(f"◇ {title}" for title in series.events_at(index))


def _y_rating(value: float) -> float:
    top, bottom = TOP_PANEL
    return bottom - (value - 1) / 4 * (bottom - top)


def _y_balance(value: float) -> float:
    b_top, b_bottom = BALANCE_PANEL
    middle = (b_top + b_bottom) / 2
    return middle - max(min(value, 4.0), -4.0) / 4 * (b_bottom - b_top) / 2


def _grid(lang: str) -> list[str]:
    """The two panels' lines and scales: ratings 1-5 above, balance -4..+4 below."""
    out = []
    right = WIDTH - RIGHT
    for value in range(1, 6):
        y = _y_rating(value)
        out.append(
            f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{right}" y2="{_fmt(y)}" stroke="#e0e0e0"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{_fmt(y + 4)}" text-anchor="end" fill="#555">{value}</text>'
        )
    for value in (-4, -2, 0, 2, 4):
        y = _y_balance(value)
        stroke = "#999999" if value == 0 else "#e0e0e0"
        out.append(
            f'<line x1="{LEFT}" y1="{_fmt(y)}" x2="{right}" y2="{_fmt(y)}" stroke="{stroke}"/>'
        )
        out.append(
            f'<text x="{LEFT - 8}" y="{_fmt(y + 4)}" text-anchor="end" fill="#555">{value:+d}</text>'
            if value
            else f'<text x="{LEFT - 8}" y="{_fmt(y + 4)}" text-anchor="end" fill="#555">0</text>'
        )
    balance_label = escape(f"{w('balance', lang)} ({w('resources', lang)} − {w('demands', lang)})")
    out.append(f'<text x="{LEFT}" y="{BALANCE_PANEL[0] - 10}" fill="#222">{balance_label}</text>')
    return out


def _marks(
    labelled: list[tuple[int, str, str]], markers: list[tuple[int, str]], count: int
) -> list[str]:
    """The interview markers and the time axis's ticks and labels."""
    top, bottom = TOP_PANEL
    b_bottom = BALANCE_PANEL[1]
    out = []
    for index, code in markers:
        x = _fmt(_x(index, count))
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{b_bottom}" stroke="{MARKER}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x}" y="{top - 9}" text-anchor="middle" font-size="9" fill="#666">'
            f"{escape(code)}</text>"
        )
    for index, label, note in labelled:
        x = _x(index, count)
        out.append(
            f'<line x1="{_fmt(x)}" y1="{bottom}" x2="{_fmt(x)}" y2="{bottom + 4}" stroke="#999"/>'
        )
        out.append(
            f'<text x="{_fmt(x)}" y="{b_bottom + 18}" text-anchor="middle" fill="#555">'
            f"{escape(label)}</text>"
        )
        if note:
            out.append(
                f'<text x="{_fmt(x)}" y="{b_bottom + 31}" text-anchor="middle" font-size="9" '
                f'fill="#888">{escape(note)}</text>'
            )
    return out


def _legend(lang: str, with_markers: bool) -> list[str]:
    right = WIDTH - RIGHT
    legend = [(key, w(key, lang)) for key in (*RATING_KEYS, BALANCE)]
    if with_markers:
        legend.append(("marker", w("chart_interview", lang)))
    out = []
    for n, (key, label) in enumerate(legend):
        y = TOP_PANEL[0] + n * 20
        colour = MARKER if key == "marker" else COLOURS[key]
        width = 1 if key == "marker" else 3
        out.append(
            f'<line x1="{right + 16}" y1="{y}" x2="{right + 36}" y2="{y}" stroke="{colour}" stroke-width="{width}"/>'
        )
        out.append(f'<text x="{right + 42}" y="{y + 4}" fill="#222">{escape(label)}</text>')
    return out


def _draw(
    title_text: str,
    values: dict[str, list[float | None]],
    labelled: list[tuple[int, str, str]],
    markers: list[tuple[int, str]],
    lang: str,
) -> str:
    count = len(next(iter(values.values())))
    title = escape(title_text)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11" role="img">',
        f"<title>{title}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="22" font-size="14" fill="#222">{title}</text>',
    ]
    out += _grid(lang)
    out += _marks(labelled, markers, count)
    for key in RATING_KEYS:
        points = [
            (_x(i, count), _y_rating(v)) if v is not None else None
            for i, v in enumerate(values[key])
        ]
        out.extend(_line(points, COLOURS[key]))
    points = [
        (_x(i, count), _y_balance(v)) if v is not None else None
        for i, v in enumerate(values[BALANCE])
    ]
    out.extend(_line(points, COLOURS[BALANCE], 2.5))
    out += _legend(lang, bool(markers))
    out.append("</svg>")
    return "\n".join(out) + "\n"
