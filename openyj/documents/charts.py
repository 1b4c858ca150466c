"""Charts: one Vega-Lite spec per chart, drawn to SVG (pages, PDF) or PNG (Word) by vl-convert,
with no browser and no network."""

from __future__ import annotations

from typing import Any

FONT = "DejaVu Sans"


def bar_spec(data: list[dict[str, Any]], *, title: str, axis: str) -> dict[str, Any]:
    """Horizontal bars, one per group, in the order given; a missing value draws no bar."""
    values = [{"group": d["group"], "value": d["value"], "order": i} for i, d in enumerate(data)]
    return {
        "title": {"text": title, "anchor": "start", "font": FONT, "fontSize": 13},
        "width": 420,
        "height": {"step": 22},
        "data": {"values": values},
        "mark": {"type": "bar", "color": "#1d70b8"},
        "encoding": {
            "y": {"field": "group", "type": "nominal", "sort": {"field": "order"}, "title": None,
                  "axis": {"labelLimit": 260, "labelFont": FONT}},
            "x": {"field": "value", "type": "quantitative", "title": axis,
                  "axis": {"labelFont": FONT, "titleFont": FONT, "format": _format(values)}},
        },
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def _format(values: list[dict[str, Any]]) -> str:
    """The axis labels' format: whole numbers for counts, two places for small rates (0.06 per 1,000)."""
    shown = [float(v["value"]) for v in values if v["value"] is not None]
    if all(v.is_integer() for v in shown):
        return ",d"
    return ",.2f" if shown and max(shown) < 2 else ",.1f"


def svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def svg_png(drawn: str) -> bytes:
    """A PNG (twice the size, for print and Word) of a chart already drawn as SVG."""
    import vl_convert

    return vl_convert.svg_to_png(drawn, scale=2)
