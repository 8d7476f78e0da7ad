"""Vega-Lite specifications for the pages: declarative, data inline, Danish number format.

Each chart is drawn by `static/sigtepunkt/charts.js` from a JSON block, and every page shows
the same numbers in a table beside the chart (WCAG: the chart is never the only way to read
them). Suppressed cells are left out of a chart; the table says 'fewer than 5'.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

DANISH_FORMAT = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]}
ENGLISH_FORMAT = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " DKK"]}
PALETTE = ["#0b5394", "#b45f06", "#38761d", "#741b47", "#4a5562", "#a4262c"]


def _base(data: list[dict], *, title: str, danish: bool, width: int | str = "container", height: int = 220) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": title, "width": width, "height": height,
        "data": {"values": data},
        "usermeta": {"formatLocale": DANISH_FORMAT if danish else ENGLISH_FORMAT},
        "config": {"font": "DejaVu Sans", "axis": {"labelFontSize": 11, "titleFontSize": 12},
                   "legend": {"labelFontSize": 11, "orient": "bottom"}, "range": {"category": PALETTE}},
    }


def line_chart(rows: list[dict], *, title: str, y_title: str, danish: bool = True) -> dict:
    """Series over time: rows of {period, series, value}."""
    spec = _base(rows, title=title, danish=danish)
    spec["mark"] = {"type": "line", "point": True}
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "title": _("Period")},
        "y": {"field": "value", "type": "quantitative", "title": y_title, "axis": {"format": ",.1~f"}},
        "color": {"field": "series", "type": "nominal", "title": None, "sort": None},
        "strokeDash": {"field": "series", "type": "nominal", "legend": None, "sort": None},
        "tooltip": [{"field": "series", "title": " "}, {"field": "period", "title": _("Period")},
                    {"field": "value", "title": y_title, "format": ",.1~f"}],
    }
    return spec


def sparkline(rows: list[dict], *, title: str, danish: bool = True) -> dict:
    spec = _base(rows, title="", danish=danish, height=50)
    spec["description"] = title
    spec["mark"] = {"type": "line", "point": {"size": 20}}
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "axis": None},
        "y": {"field": "value", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        "tooltip": [{"field": "period", "title": _("Period")}, {"field": "value", "title": title, "format": ",.1~f"}],
    }
    return spec


def bar_chart(rows: list[dict], *, title: str, x_title: str, danish: bool = True,
              reference: float | None = None) -> dict:
    """Horizontal bars: rows of {label, value}; an optional reference line (the parent's value)."""
    spec = _base(rows, title=title, danish=danish, height=max(80, 22 * len(rows)))
    bars = {
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "title": None, "sort": None},
            "x": {"field": "value", "type": "quantitative", "title": x_title, "axis": {"format": ",.1~f"}},
            "tooltip": [{"field": "label", "title": " "}, {"field": "value", "title": x_title, "format": ",.1~f"}],
        },
    }
    spec["layer"] = [bars]
    if reference is not None:
        spec["layer"].append({"data": {"values": [{"reference": reference}]},
                              "mark": {"type": "rule", "color": PALETTE[1], "strokeDash": [4, 3], "size": 2},
                              "encoding": {"x": {"field": "reference", "type": "quantitative"}}})
    return spec


def heatmap(rows: list[dict], *, title: str, value_title: str, danish: bool = True,
            lower_is_better: bool = False) -> dict:
    """Units × periods: rows of {unit, period, value}."""
    units = len({r["unit"] for r in rows})
    spec = _base(rows, title=title, danish=danish, height=max(80, 18 * units))
    scheme = {"scheme": "blueorange", "reverse": not lower_is_better}
    spec["mark"] = {"type": "rect"}
    spec["encoding"] = {
        "x": {"field": "period", "type": "ordinal", "title": _("Period")},
        "y": {"field": "unit", "type": "nominal", "title": None, "sort": None},
        "color": {"field": "value", "type": "quantitative", "title": value_title, "scale": scheme},
        "tooltip": [{"field": "unit", "title": " "}, {"field": "period", "title": _("Period")},
                    {"field": "value", "title": value_title, "format": ",.1~f"}],
    }
    return spec


def distribution(rows: list[dict], *, title: str, value_title: str, danish: bool = True) -> dict:
    """Each unit as a dot on one axis, outliers in another colour: rows of {unit, value, outlier}."""
    spec = _base(rows, title=title, danish=danish, height=70)
    spec["mark"] = {"type": "point", "filled": True, "size": 70, "opacity": 0.8}
    spec["encoding"] = {
        "x": {"field": "value", "type": "quantitative", "title": value_title, "axis": {"format": ",.1~f"}},
        "color": {"field": "outlier", "type": "nominal", "title": None,
                  "scale": {"range": [PALETTE[0], PALETTE[5]]}},
        "shape": {"field": "outlier", "type": "nominal", "title": None},
        "tooltip": [{"field": "unit", "title": " "}, {"field": "value", "title": value_title, "format": ",.1~f"}],
    }
    return spec
