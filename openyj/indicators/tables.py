"""The tables of figures on the performance pages: checked to add up, then suppressed for board members.

A breakdown (``Result.breakdowns``) is a list of rows; :data:`SPECS` says how each is shown: its
columns, which columns add up to the figure's own total (taken from the result, independently of
the rows), and which list of children each count opens to.

Before a table is shown, :func:`check` proves that its counts add up to the total and that its
percentages of the whole add up to exactly 100. A table that does not add up is **not shown**: the
page says so in its place and the error is logged (``TotalsDoNotAddUp``) — never a table whose sums
are wrong.

For aggregate-only roles (board members) counts from 1 to ``threshold − 1`` are not shown
("fewer than 5"), nor anything worked out from them (the row's percentages, rates and gaps).
Where only one count in a column would be hidden, it could be worked out from the total by
subtraction, so the next smallest count in that column is hidden too ("not shown"); the same goes
for a group of rows whose sum another figure on the page shows (``Spec.published``): **primary
and secondary suppression**. No identities and no links to lists are ever given to these roles.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from openyj.indicators.results import Result
from openyj.indicators.suppression import table_suppression as suppression

logger = logging.getLogger(__name__)


class TotalsDoNotAddUp(Exception):
    """A table's rows do not add up to its total: it must not be shown."""


@dataclass
class Column:
    key: str
    label: str | Callable[[Result], str]
    # count: a number of children or offences, summed to the total; share: % of the whole (adds to
    # 100); rate: a figure per row (not summed); gap: percentage points; population: a published
    # share (reference data, never suppressed).
    kind: str = "count"
    drill: str | None = None  # the row's ``ids`` key this count opens to
    drill_kind: str = "children"  # what the list is: children or offences
    places: int = 1
    of: str | None = None  # for share, rate and gap columns: the count column they are worked out from
    needs: tuple[str, ...] = ()  # rate columns: every count they are worked out from

    def title(self, result: Result) -> str:
        return self.label(result) if callable(self.label) else self.label


@dataclass
class Spec:
    title: str
    columns: list[Column]
    total: Callable[[Result], dict]  # the figure's own totals, by column key
    # The count deciding whether a row identifies children: a column key, or a function of the row.
    children: str | Callable[[dict], int] = "children"
    first_column: str = "Group"
    notes: Callable[[Result], list[str]] = field(default=lambda r: [])
    # Groups of rows (by key) whose combined count another figure on the page shows.
    published: Callable[[Result], list[set[str]]] = field(default=lambda r: [])


def _children_in(row: dict) -> int:
    return len(row["ids"].get("children", []))


REOFFENDING_COLUMNS = [
    Column("cohort", "Children in the cohort", drill="cohort"),
    Column("reoffenders", "Reoffenders", drill="reoffenders"),
    Column("reoffences", "Reoffences"),
    Column("binary_rate", "Reoffending rate (%)", kind="rate", needs=("cohort", "reoffenders")),
    Column("frequency", "Reoffences per child", kind="rate", places=2, needs=("cohort", "reoffences")),
    Column("per_reoffender", "Reoffences per reoffender", kind="rate", places=2,
           needs=("reoffenders", "reoffences")),
]


def _reoffending_total(r: Result) -> dict:
    return {k: r.extra[k] for k in ("cohort", "reoffenders", "reoffences", "binary_rate", "frequency",
                                    "per_reoffender")}


def _share_total(r: Result, count: str = "children", total=None) -> dict:
    n = total if total is not None else r.value
    return {count: n, "percent": 100.0 if n else None}


PROFILE_COLUMNS = [Column("children", "Children", drill="children"),
                   Column("percent", "% of children", kind="share", of="children")]


def _source_label(r: Result, key: str, fallback: str) -> str:
    source = r.extra.get(key)
    if not source:
        return fallback
    if source.startswith("school_census_"):
        return f"School census {source.rsplit('_', 1)[1]} (%)"
    return f"Census {source.rsplit('_', 1)[1]} (%)"


def _ethnicity_total(r: Result) -> dict:
    known = r.extra["ethnicity_known"]
    return {"children": r.value, "percent": 100.0 if known else None,
            "census_percent": 100.0 if r.extra.get("census_source") else None,
            "school_percent": 100.0 if r.extra.get("school_census_source") else None}


ETHNICITY_COLUMNS = [
    Column("children", "Children", drill="children"),
    Column("percent", "% of those whose ethnicity is known", kind="share", of="children"),
    Column("census_percent", lambda r: _source_label(r, "census_source", "Census (%)"), kind="population"),
    Column("census_gap", "Gap from the census (percentage points)", kind="gap", of="children"),
    Column("school_percent", lambda r: _source_label(r, "school_census_source", "School census (%)"),
           kind="population"),
    Column("school_gap", "Gap from the school census (percentage points)", kind="gap", of="children"),
]

SPECS: dict[tuple[str, str], Spec] = {
    **{("reoffending", name): Spec(f"Reoffending by {name[0].lower()}{name[1:]}", REOFFENDING_COLUMNS,
                                   _reoffending_total, children="cohort", first_column=name)
       for name in ("Index outcome tier", "Age band", "Sex", "Ethnic group", "Index offence seriousness")},
    **{("profile", name): Spec(title, PROFILE_COLUMNS, _share_total, first_column=name)
       for name, title in (("Sex", "Children by sex"), ("Age band", "Children by age band"),
                           ("SEND", "Children by special educational needs and disabilities (SEND)"))},
    # The looked-after cards show how many children were looked after (with or without those on
    # remand only, as the service counts them): that group's sum is public.
    ("profile", "Looked-after status"): Spec(
        "Children by looked-after status", PROFILE_COLUMNS, _share_total, first_column="Looked-after status",
        published=lambda r: [set(r.extra.get("looked_after_counted", ["looked_after"]))]),
    ("profile", "Ethnic group"): Spec(
        "Ethnic group against the population aged 10–17", ETHNICITY_COLUMNS, _ethnicity_total,
        first_column="Ethnic group",
        notes=lambda r: ["Shares are of the children whose ethnicity is known; children whose ethnicity is "
                         "not stated or not known are counted, not shared out. Gap = the cohort's share minus "
                         "the population's share, from the shares as shown."]),
    ("profile", "Offences by category"): Spec(
        "Offences committed in the period, by category",
        [Column("offences", "Offences", drill="offences", drill_kind="offences"),
         Column("percent", "% of offences", kind="share", of="offences")],
        lambda r: _share_total(r, "offences", r.extra["offences"]), children=_children_in,
        first_column="Offence category"),
}


def order(result: Result) -> list[str]:
    """The breakdown tables shown for ``result``: those its indicator declares (in that order) that
    have a display spec here."""
    from openyj.indicators import registry

    declared = registry.get(result.id)
    return [n for n in (declared.breakdowns if declared else ()) if (result.id, n) in SPECS and n in result.breakdowns]


def table_id(name: str) -> str:
    return slugify(name)


def breakdown_by_id(result: Result, table: str) -> tuple[str, list[dict]] | None:
    for name, rows in result.breakdowns.items():
        if table_id(name) == table:
            return name, rows
    return None


# --- the check -------------------------------------------------------------------------------------

def _exact(v) -> Decimal:
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def check(result: Result, name: str, rows: list[dict] | None = None) -> None:
    """Raise :class:`TotalsDoNotAddUp` unless the breakdown's counts add up to the figure's totals
    and its percentages of the whole add up to exactly 100 (or are all absent when the whole is 0)."""
    spec = SPECS[(result.id, name)]
    rows = result.breakdowns[name] if rows is None else rows
    total = spec.total(result)
    problems = []
    for col in spec.columns:
        if col.kind == "count":
            got = sum(r.get(col.key) or 0 for r in rows)
            if got != total.get(col.key):
                problems.append(f"{col.key}: the rows add up to {got}, the total is {total.get(col.key)}")
        elif col.kind in ("share", "population"):
            values = [r.get(col.key) for r in rows if r.get(col.key) is not None]
            expected = total.get(col.key)
            if expected is None:
                if values:
                    problems.append(f"{col.key}: percentages shown of a whole that is not available")
            elif sum((_exact(v) for v in values), Decimal(0)) != _exact(expected):
                problems.append(f"{col.key}: the percentages add up to {sum(_exact(v) for v in values)}, "
                                f"not {expected}")
    if problems:
        raise TotalsDoNotAddUp(f"{result.name}, {name}, {result.period.label}: " + "; ".join(problems))


# --- display ---------------------------------------------------------------------------------------

NOT_SHOWN = "not shown"


def _fmt(value, col: Column) -> str:
    if value is None:
        return "–"
    if col.kind == "count":
        return f"{int(value):,}"
    if col.kind == "gap":
        return f"{value:+,.{col.places}f}" if value else f"{0:.{col.places}f}"
    return f"{value:,.{col.places}f}"


def _derived_hidden(col: Column, hidden: dict, spec: Spec) -> str | None:
    """A share, rate or gap is hidden with any count it is worked out from."""
    if col.kind == "population":
        return None
    sources = col.needs or ((col.of,) if col.of else ())
    if not sources and col.kind != "count":
        sources = tuple(c.key for c in spec.columns if c.kind == "count")
    for key in sources:
        if key in hidden:
            return hidden[key]
    return None


def display(result: Result, name: str, *, aggregate_only: bool, threshold: int,
            drill_url: Callable[[str, str, str], str] | None = None) -> dict:
    """One table ready for the template: caption, headers, rows of cells, the total row; or an error."""
    spec = SPECS[(result.id, name)]
    rows = result.breakdowns[name]
    out = {"id": f"{result.id}-{table_id(name)}", "slug": table_id(name), "title": spec.title,
           "first_column": spec.first_column,
           "headers": [{"text": c.title(result), "numeric": True} for c in spec.columns],
           "rows": [], "total": None, "error": None, "notes": spec.notes(result)}
    try:
        check(result, name, rows)
    except TotalsDoNotAddUp as error:
        logger.error("Table not shown because it does not add up: %s", error)
        out["error"] = ("This table is not shown because its figures do not add up to the total. "
                        "The error has been logged; please report it.")
        return out
    total = spec.total(result)
    hidden, total_hidden = (suppression(spec, rows, total, threshold, spec.published(result)) if aggregate_only
                            else ([{} for _ in rows], {}))

    def cell(value, col: Column, why: str | None, href: str | None = None) -> dict:
        if why:
            text = f"fewer than {threshold}" if why == "small" and col.kind == "count" else NOT_SHOWN
            return {"text": text, "numeric": True, "href": None, "suppressed": True}
        return {"text": _fmt(value, col), "numeric": True, "href": href, "suppressed": False}

    for row, hid in zip(rows, hidden, strict=True):
        cells = []
        for col in spec.columns:
            why = hid.get(col.key) if col.kind == "count" else _derived_hidden(col, hid, spec)
            href = None
            if (not aggregate_only and drill_url and col.drill and row.get(col.key)
                    and row.get("ids", {}).get(col.drill)):
                href = drill_url(table_id(name), row["key"], col.drill)
            cells.append(cell(row.get(col.key), col, why, href))
        out["rows"].append({"label": row["group"], "cells": cells})
    out["total"] = {"label": "Total", "cells": [
        cell(total.get(col.key), col, total_hidden.get(col.key) if col.kind == "count"
             else _derived_hidden(col, total_hidden, spec))
        if col.kind != "gap" else {"text": "", "numeric": True, "href": None, "suppressed": False}
        for col in spec.columns]}
    return out


def tables_for(result: Result, *, aggregate_only: bool, threshold: int, drill_url=None) -> list[dict]:
    """Every table of ``result`` that the pages show, in order, checked and suppressed."""
    return [display(result, name, aggregate_only=aggregate_only, threshold=threshold, drill_url=drill_url)
            for name in order(result)]


def json_rows(result: Result, name: str, *, aggregate_only: bool, threshold: int) -> list[dict]:
    """One breakdown as JSON rows (``openyj indicators --json``): counts and the figures worked out
    from them; for an aggregate-only audience a suppressed count is ``"<5"`` (primary) or null (a
    secondary cell), and what is worked out from either is null. No ids."""
    spec = SPECS[(result.id, name)]
    rows = result.breakdowns[name]
    check(result, name, rows)
    hidden = (suppression(spec, rows, spec.total(result), threshold, spec.published(result))[0] if aggregate_only
              else [{} for _ in rows])
    out = []
    for row, hid in zip(rows, hidden, strict=True):
        item: dict = {"group": row["group"]}
        for col in spec.columns:
            why = hid.get(col.key) if col.kind == "count" else _derived_hidden(col, hid, spec)
            if why == "small" and col.kind == "count":
                item[col.key] = f"<{threshold}"
            elif why:
                item[col.key] = None
            else:
                item[col.key] = row.get(col.key)
        out.append(item)
    return out
