"""What the disproportionality page, its downloads and the board report show.

Everything on screen comes from here: the rows of each table (formatted, in words), the
plain-English readings, the charts' specs, and the small-number rule for aggregate-only readers.

**Small numbers** (``domain/indicators.md``, "Small numbers"), for board members and anything made
for them, by the one rule of :mod:`openyj.indicators.suppression`: a count of 1–4 is shown as
"fewer than 5" (the threshold is the site's), and so is a stage's number of children of known
ethnicity when it is 1–4; a share, gap, rate or index worked out from a hidden count is not shown;
where a stage's total and all but one of its lines (the five groups and "not known") would reveal a
hidden count, the next smallest count is hidden too (secondary suppression: "not shown"). Zero is
shown as 0.
Staff with access to the children see the real counts.
"""

from __future__ import annotations

import altair as alt

from openyj.indicators import suppression
from openyj.indicators.disproportionality import compute as dp

# How each group is named in a sentence.
IN_WORDS = {"white": "White children", "mixed": "Children of mixed or multiple ethnic groups",
            "asian": "Asian or Asian British children", "black": "Black children",
            "other": "Children of other ethnic groups"}
SHORT = {"white": "White", "mixed": "Mixed", "asian": "Asian", "black": "Black", "other": "Other"}


def _n(v) -> str:
    return "–" if v is None else f"{v:,}"


def _pct(v) -> str:
    return "–" if v is None else f"{v:.1f}%"


def _pp(v) -> str:
    if v is None:
        return "–"
    return f"{v:+.1f}".replace("-", "−")


def _two(v) -> str:
    return "–" if v is None else f"{v:,.2f}"


def _hidden_count(n: int, threshold: int) -> str:
    """A hidden count in words: "fewer than 5" when it is small, "not shown" when it is hidden only so
    that a small one cannot be worked out from the total (secondary suppression)."""
    return suppression.in_words(threshold) if suppression.is_small(n, threshold) else "not shown"


def stage_rows(table: dict, *, aggregate_only: bool, threshold: int, kind: str = "groups",
               labels: list[tuple[str, str]] | None = None, drill=None) -> dict:
    """One stage's table: a row per line, then "not stated or not known" and the total."""
    rows_in = table[kind]
    labels = labels or dp.GROUPS
    total = table["children"]
    small_total = aggregate_only and 0 < total < threshold
    small_known = aggregate_only and 0 < table["known"] < threshold
    counts = {k: r["count"] for k, r in table["groups"].items()} | {"not_known": table["not_known"]}
    hidden = suppression.suppress_counts(counts, total_public=not small_total, limit=threshold) \
        if aggregate_only else set()
    if kind != "groups" and aggregate_only:  # detailed lines and reporting lines: their own small cells
        hidden = {k for k, r in rows_in.items() if 0 < r["count"] < threshold}
    rows = []
    for key, label in labels:
        r = rows_in[key]
        hide = small_total or key in hidden
        hide_share = hide or small_known
        rows.append({
            "key": key, "label": label, "suppressed": hide,
            "count": _hidden_count(r["count"], threshold) if hide and r["count"] else _n(r["count"]),
            "href": drill(key) if drill and r["count"] else None,
            "share": "–" if hide_share else _pct(r["share"]),
            "population_share": _pct(r["population_share"]),
            "gap": "–" if hide_share else _pp(r["gap_pp"]),
            "school_share": _pct(r.get("school_population_share")),
            "school_gap": "–" if hide_share else _pp(r.get("school_gap_pp")),
            "rate": "–" if hide else _two(r["rate_per_1000"]),
            "rri": "–" if hide else _two(r["rri"]),
            "interval": "–" if hide or r["ci_low"] is None else f"{_two(r['ci_low'])} to {_two(r['ci_high'])}",
            "significant": "The group compared with" if key == dp.REFERENCE and r["rri"] == 1.0 and not hide
            else "–" if hide or r["ci_low"] is None else (
                ("Yes, higher" if r["rri"] > 1 else "Yes, lower") if r["significant"] else "No"),
            "raw": r,
        })
    nk_hidden = small_total or "not_known" in hidden
    apart = {k: ("–" if nk_hidden and table["not_known"] else
                 (suppression.in_words(threshold) if aggregate_only and suppression.is_small(table[k], threshold)
                  else _n(table[k]))) for k in ("not_stated_only", "not_known_only")}
    return {"rows": rows, "not_stated": apart["not_stated_only"], "not_known_only": apart["not_known_only"],
            "not_known": {
                "count": _hidden_count(table["not_known"], threshold) if nk_hidden and table["not_known"]
                else _n(table["not_known"]),
                "href": drill("not_known") if drill and table["not_known"] else None},
            "total": f"fewer than {threshold}" if small_total else _n(total),
            "known": f"fewer than {threshold}" if aggregate_only and 0 < table["known"] < threshold
            else _n(table["known"])}


def readings(result: dict, *, aggregate_only: bool, threshold: int) -> list[str]:
    """One sentence per stage: the group most over-represented against the 10–17 population."""
    out = []
    for stage in dp.STAGE_KEYS:
        table = result["stages"][stage]
        if not table["known"]:
            continue
        if aggregate_only and 0 < table["known"] < threshold:
            continue
        shown = stage_rows(table, aggregate_only=aggregate_only, threshold=threshold)
        candidates = [(row["raw"]["gap_pp"], row) for row in shown["rows"]
                      if row["raw"]["gap_pp"] is not None and not row["suppressed"] and row["raw"]["count"]]
        if not candidates:
            continue
        gap, row = max(candidates, key=lambda x: x[0])
        if gap <= 0:
            continue
        r = row["raw"]
        out.append(f"{IN_WORDS[row['key']]} were {r['population_share']:.1f}% of children aged 10–17 and "
                   f"{r['share']:.1f}% of children {dp.STAGE_PHRASE[stage]}: {gap:.1f} points more.")
    return out


def cannot_read(result: dict, small: list[str], years: int) -> list[str]:
    """Say plainly, stage by stage, which groups are too few to read a pattern from."""
    out = []
    threshold = result["threshold"]
    span = "in this period" if years == 1 else f"in these {years} years"
    hint = " A longer window (2, 3 or 4 years, pooled) may give enough children." if years < 4 else ""
    for stage in small:
        groups = result["stages"][stage]["groups"]
        if groups[dp.REFERENCE]["count"] < threshold:
            out.append(f"{dp.STAGE_LABEL[stage]}: fewer than {threshold} White children {span}, the group every "
                       f"other is compared with, so no relative rate index can be given for any group.{hint}")
            continue
        few = [SHORT[g] for g in dp.GROUP_KEYS if 0 < groups[g]["count"] < threshold]
        names = ", ".join(few[:-1]) + (" and " if len(few) > 1 else "") + few[-1]
        out.append(f"{dp.STAGE_LABEL[stage]}: fewer than {threshold} children {span} in the {names} "
                   f"group{'s' if len(few) > 1 else ''}, too few to read a pattern from the numbers, so no relative "
                   f"rate index is given for {'them' if len(few) > 1 else 'it'}.{hint}")
    return out


def stage_to_stage_rows(result: dict, *, aggregate_only: bool, threshold: int) -> list[dict]:
    """Rows of the stage-by-stage table: each stage's share of each group, and the 10–17 share."""
    rows = [{"label": "Children aged 10–17 (Census 2021)", "children": "–",
             "cells": [_pct(result["stages"]["cohort"]["groups"][g]["population_share"]) for g in dp.GROUP_KEYS]}]
    for stage in [*dp.STAGE_KEYS[-1:], *dp.STAGE_KEYS[:-1]]:  # the cohort first, then the ladder
        shown = stage_rows(result["stages"][stage], aggregate_only=aggregate_only, threshold=threshold)
        rows.append({"key": stage, "label": dp.STAGE_LABEL[stage], "children": shown["known"],
                     "cells": [row["share"] for row in shown["rows"]]})
    return rows


def gap_chart(result: dict, *, aggregate_only: bool, threshold: int, title: str) -> dict | None:
    """Bar chart: each group's gap (percentage points) at each stage; the table beside it has the figures."""
    values = []
    for stage in [*dp.STAGE_KEYS[-1:], *dp.STAGE_KEYS[:-1]]:
        shown = stage_rows(result["stages"][stage], aggregate_only=aggregate_only, threshold=threshold)
        for row in shown["rows"]:
            gap = row["raw"]["gap_pp"]
            if gap is not None and row["gap"] != "–":
                values.append({"stage": dp.STAGE_LABEL[stage], "group": SHORT[row["key"]], "gap": gap})
    if not values:
        return None
    order = [dp.STAGE_LABEL[s] for s in [*dp.STAGE_KEYS[-1:], *dp.STAGE_KEYS[:-1]]]
    chart = alt.Chart(alt.Data(values=values), title=title).mark_bar().encode(
        y=alt.Y("stage:N", sort=order, title=None),
        x=alt.X("gap:Q", title="Gap, percentage points"),
        yOffset=alt.YOffset("group:N", sort=[SHORT[g] for g in dp.GROUP_KEYS]),
        color=alt.Color("group:N", sort=[SHORT[g] for g in dp.GROUP_KEYS], title="Ethnic group",
                        legend=alt.Legend(orient="bottom", columns=3)),
    ).properties(width="container", height=alt.Step(6))
    return _spec(chart)


def share_chart(shown: dict, title: str) -> dict | None:
    """Bar chart of one stage's share of each group beside the group's share of children aged 10–17."""
    values = []
    for row in shown["rows"]:
        r = row["raw"]
        if row["share"] != "–" and r["share"] is not None:
            values.append({"group": SHORT[row["key"]], "what": "At this stage", "percent": r["share"]})
        if r["population_share"] is not None:
            values.append({"group": SHORT[row["key"]], "what": "Children aged 10–17", "percent": r["population_share"]})
    if not values:
        return None
    chart = alt.Chart(alt.Data(values=values), title=title).mark_bar().encode(
        y=alt.Y("group:N", sort=[SHORT[g] for g in dp.GROUP_KEYS], title=None),
        x=alt.X("percent:Q", title="% of children of known ethnicity"),
        yOffset=alt.YOffset("what:N"),
        color=alt.Color("what:N", title=None, sort=["At this stage", "Children aged 10–17"],
                        legend=alt.Legend(orient="bottom")),
    ).properties(width="container", height=alt.Step(14))
    return _spec(chart)


def trend_chart(target: dict) -> dict | None:
    values = [{"quarter": p["label"], "gap": p["gap_pp"], "order": i} for i, p in enumerate(target["points"])
              if p["gap_pp"] is not None]
    if not values:
        return None
    line = alt.Chart(alt.Data(values=values)).mark_line(point=True).encode(
        x=alt.X("quarter:N", sort=alt.SortField("order"), title=None),
        y=alt.Y("gap:Q", title="Gap, percentage points"))
    rule = alt.Chart(alt.Data(values=[{"target": float(target["gap_pp"])}])).mark_rule(strokeDash=[4, 4]).encode(
        y="target:Q")
    return _spec(alt.layer(line, rule).properties(width="container", height=180, title="Gap against the target"))


def _spec(chart) -> dict:
    # the whole chart (axes and legend included) fits its container, so a phone never scrolls sideways
    spec = chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding")).to_dict()
    spec.pop("$schema", None)  # nothing is fetched; the vendored vega-lite knows its schema
    return spec


# --- downloads ------------------------------------------------------------------------------------

COLUMNS = ["stage", "lens", "breakdown", "line", "children", "share_percent", "population_10_17",
           "population_share_percent", "gap_points", "school_census_share_percent", "school_census_gap_points",
           "rate_per_1000", "rri", "ci_low", "ci_high", "significant"]


def download_rows(result: dict, *, aggregate_only: bool, threshold: int) -> list[list]:
    """Every table of the analysis as rows of :data:`COLUMNS`, with the small-number rule applied."""
    out = []
    lenses = [("all", "All children", result["stages"])] + [
        (f"{lens}:{value}", label, result["lenses"][lens][value])
        for lens, values in dp.LENSES.items() for value, label in values]
    for _lens_key, lens_label, stages in lenses:
        for stage in dp.STAGE_KEYS:
            table = stages[stage]
            kinds = [("groups", "Five groups", dp.GROUPS)]
            if lens_label == "All children":
                kinds += [("detailed", "Detailed groups", dp.DETAILED),
                          ("lines", "Reporting lines", [(x["key"], x["label"]) for x in result["lines"]])]
            for kind, kind_label, labels in kinds:
                shown = stage_rows(table, aggregate_only=aggregate_only, threshold=threshold, kind=kind, labels=labels)
                for row in shown["rows"]:
                    r = row["raw"]
                    hide = row["suppressed"]
                    hide_share = row["share"] == "–"
                    out.append([
                        dp.STAGE_LABEL[stage], lens_label, kind_label, row["label"],
                        row["count"] if hide else r["count"],
                        None if hide_share else r["share"], r["population"], r["population_share"],
                        None if hide_share else r["gap_pp"], r.get("school_population_share"),
                        None if hide_share else r.get("school_gap_pp"),
                        None if hide else r["rate_per_1000"], None if hide else r["rri"],
                        None if hide else r["ci_low"], None if hide else r["ci_high"],
                        None if hide or r["ci_low"] is None else ("yes" if r["significant"] else "no")])
                if kind == "groups":
                    nk = shown["not_known"]["count"]
                    out.append([dp.STAGE_LABEL[stage], lens_label, kind_label, "Not stated or not known",
                                nk if not nk.replace(",", "").isdigit() else table["not_known"],
                                *[None] * (len(COLUMNS) - 5)])
    return out


# --- for documents (the board report and the plan) ----------------------------------------------

def section(result: dict, *, years: int = 1, threshold: int | None = None) -> dict:
    """Disproportionality as an aggregate-only document shows it: the readings, what cannot be read,
    the stage-by-stage shares and each stage's five-group table, with the small-number rule applied.
    No child's identity is in it (no ids, no links)."""
    from openyj.indicators.disproportionality.selectors import small_stages

    limit = suppression.threshold() if threshold is None else threshold
    stages = []
    for key, label, _phrase in dp.STAGES:
        shown = stage_rows(result["stages"][key], aggregate_only=True, threshold=limit)
        stages.append({"key": key, "label": label, "total": shown["total"], "known": shown["known"],
                       "not_known": shown["not_known"]["count"],
                       "rows": [{k: row[k] for k in ("key", "label", "count", "share", "population_share", "gap",
                                                     "rri", "interval", "significant")} for row in shown["rows"]]})
    return {"period": result["period"], "years": years, "threshold": limit,
            "readings": readings(result, aggregate_only=True, threshold=limit),
            "cannot_read": cannot_read(result, small_stages(result), years),
            "ladder": stage_to_stage_rows(result, aggregate_only=True, threshold=limit),
            "stages": stages, "census_available": result["census"]["available"]}
