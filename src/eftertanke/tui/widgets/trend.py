"""A small energy / well-being / balance trend for the home screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static

from eftertanke import i18n
from eftertanke.analysis.wellbeing import daily_means, filled, latest_rating_day, window
from eftertanke.dates import format_date
from eftertanke.domain import now

WEEKS = 6


class WellbeingTrend(Vertical):
    """Three sparklines over the last six weeks, each with its latest value."""

    DEFAULT_CSS = """
    WellbeingTrend { height: auto; }
    WellbeingTrend .trend-row { height: 1; }
    WellbeingTrend .trend-label { width: 26; }
    WellbeingTrend Sparkline { width: 1fr; height: 1; }
    """

    def compose(self) -> ComposeResult:
        for key in ("energy", "wellbeing", "balance"):
            with Horizontal(classes="trend-row"):
                yield Static(id=f"label-{key}", classes="trend-label")
                yield Sparkline([], id=f"spark-{key}")
        yield Static(id="trend-empty")

    def update_from(self, rows: Sequence[object], lang: str) -> str:
        """Draw the six weeks up to today, or up to the latest rating if that is
        older (a journal picked up again still shows its last weeks); returns
        the end date's label."""
        docs = [getattr(r, "doc", r) for r in rows]
        latest = latest_rating_day(docs)  # type: ignore[arg-type]
        today = now().date()
        end = latest if latest is not None and latest < today - timedelta(weeks=WEEKS) else today
        since, until = window(end, WEEKS)
        means = daily_means(docs, since, until)  # type: ignore[arg-type]
        series = {
            "energy": means["energy"],
            "wellbeing": means["wellbeing"],
            "balance": [
                (r - d) if r is not None and d is not None else None
                for r, d in zip(means["resources"], means["demands"], strict=True)
            ],
        }
        has_data = any(v is not None for values in series.values() for v in values)
        self.query_one("#trend-empty", Static).update(
            "" if has_data else i18n.t("tui.trend.empty", lang)
        )
        for key, values in series.items():
            known = [v for v in values if v is not None]
            latest = f" {known[-1]:+.1f}" if key == "balance" and known else (f" {known[-1]:.1f}" if known else "")
            label = i18n.t(f"tui.trend.{key}", lang)
            self.query_one(f"#label-{key}", Static).update(Content(f"{label}{latest}"))
            spark = self.query_one(f"#spark-{key}", Sparkline)
            spark.data = filled(values) if known else []
            spark.display = bool(known)
        return "" if end == today else format_date(datetime.combine(end, datetime.min.time()), lang)
