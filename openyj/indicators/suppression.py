"""Small numbers: the one rule for every aggregate-only output.

Rule (``shared/domain/indicators.md``, "Small numbers"), applied here and nowhere else — by the
board member's pages (:mod:`openyj.indicators.selectors`, :mod:`openyj.indicators.tables`), their
downloads, ``openyj indicators --audience board`` and the documents made for boards:

- **primary suppression**: a count of 1 to ``threshold − 1`` (default 1–4) is not shown ("fewer
  than 5" on a page, ``"<5"`` in JSON), and neither is a denominator of 1–4;
- a rate or percentage worked out from a suppressed count or denominator is not shown (null);
- **secondary suppression**: where a total and all but one of its parts would reveal a suppressed
  part (total minus the others), the next smallest part is suppressed too;
- zero is shown as 0; the threshold is ``settings.OPENYJ_SMALL_NUMBER_THRESHOLD``;
- no identities at all: id lists are removed, never shortened.

Staff who may see the children (managers, performance officers) see the real counts: these
functions are only called for aggregate-only audiences.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Keys whose numbers are worked out from the counts beside them (rates, shares, ratios, indices).
DERIVED = frozenset({
    "value", "rate", "binary_rate", "frequency", "per_reoffender", "share", "population_share", "gap_pp",
    "rate_per_1000", "rri", "ci_low", "ci_high", "percent", "change_absolute", "change_relative",
})
# Numbers that are not counts of people or events (never suppressed).
NOT_COUNTS = frozenset({"population_year", "year", "places", "threshold"})
# Keys that hold identities (lists of ids): never given to an aggregate-only audience.
ID_KEYS = frozenset({"children", "ids", "child_ids", "numerator_ids", "denominator_ids", "missing_ids",
                     "offences", "remands", "outcomes", "assessments", "interventions", "reviews", "victims"})


def threshold() -> int:
    """The configured threshold (counts below it and above 0 are suppressed)."""
    from django.conf import settings

    return int(getattr(settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5))


def is_small(n: Any, limit: int | None = None) -> bool:
    """True for a count from 1 to ``limit − 1``: it must not be shown to an aggregate-only audience."""
    limit = threshold() if limit is None else limit
    if n is None or isinstance(n, bool) or not isinstance(n, (int, float)):
        return False
    return 0 < n < limit


def in_words(limit: int | None = None) -> str:
    """How a suppressed count reads on a page: "fewer than 5"."""
    return f"fewer than {threshold() if limit is None else limit}"


def marker(limit: int | None = None) -> str:
    """How a suppressed count is written in JSON and downloads: ``"<5"``."""
    return f"<{threshold() if limit is None else limit}"


def secondary(parts: Mapping[Any, Any], hidden: Iterable[Any], *, pinned: Iterable[Any] = ()) -> set:
    """Secondary suppression for parts whose total is public.

    ``parts`` maps each part to its count; ``hidden`` are the parts already suppressed. If exactly one
    part is hidden, the total minus the others would reveal it: the smallest other non-zero part is
    hidden too (a zero only if there is no other), never a ``pinned`` part (one whose count is shown
    elsewhere). Returns every part to hide.
    """
    hidden = set(hidden)
    pinned = set(pinned)
    if len(hidden) != 1:
        return hidden
    order = list(parts)
    others = sorted((k for k in order if k not in hidden and k not in pinned),
                    key=lambda k: ((parts[k] or 0) == 0, parts[k] or 0, order.index(k)))
    if others:
        hidden.add(others[0])
    return hidden


def suppress_counts(parts: Mapping[Any, Any], *, total_public: bool = True, limit: int | None = None) -> set:
    """Primary and (when the parts' total is public) secondary suppression of a set of parts."""
    limit = threshold() if limit is None else limit
    hidden = {k for k, v in parts.items() if is_small(v, limit)}
    return secondary(parts, hidden) if total_public else hidden


def _is_id_list(key: str, value: Any) -> bool:
    if key in ID_KEYS or key.endswith("_ids"):
        return isinstance(value, (list, tuple, set))
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, str) for v in value)


def board_object(data: Mapping[str, Any], *, limit: int | None = None) -> dict:
    """One figure's JSON object as a board member gets it (used by ``--audience board``).

    Recursive: nested objects (sub-measures, breakdown rows, disproportionality groups) follow the
    same rule, and a value worked out from a suppressed count in the same object is null.
    """
    limit = threshold() if limit is None else limit
    out: dict[str, Any] = {}
    small = False
    for key, value in data.items():
        if _is_id_list(key, value):
            continue
        if isinstance(value, Mapping):
            out[key] = board_object(value, limit=limit)
        elif isinstance(value, list):
            out[key] = [board_object(v, limit=limit) if isinstance(v, Mapping) else v for v in value]
        elif key not in DERIVED and key not in NOT_COUNTS and is_small(value, limit):
            out[key] = marker(limit)
            small = True
        else:
            out[key] = value
    if small:
        for key in DERIVED & set(out):
            if not isinstance(out[key], (Mapping, list)):
                out[key] = None
    return out


def board_groups(groups: Mapping[str, Mapping[str, Any]], *, count: str = "count", extra_parts: Mapping | None = None,
                 limit: int | None = None) -> set:
    """Which of ``groups`` (each a JSON object with a ``count``) to suppress, primary and secondary,
    for groups whose total is public (with ``extra_parts`` — e.g. "not known" — in the total too)."""
    parts = {k: g.get(count) for k, g in groups.items()}
    parts.update(extra_parts or {})
    return suppress_counts(parts, limit=limit)


def table_suppression(spec, rows: list[dict], total: dict, threshold: int,
                      published: Iterable[set[str]] = ()) -> tuple[list[dict], dict]:
    """Which counts to hide for an aggregate-only role: ``{column: reason}`` per row and for the total.

    Reasons: ``small`` — a count from 1 to threshold − 1, shown as "fewer than 5"; ``hidden`` — a
    count hidden so that a small one cannot be worked out (every other count of a row whose children
    are few, whatever its value; the reoffences of hidden reoffenders; the secondary cell of a
    column), shown as "not shown" whatever its value, so that the label gives nothing away.
    """
    counts = [c for c in spec.columns if c.kind == "count"]

    def primary(row: dict) -> dict:
        hid = {}
        children = spec.children(row) if callable(spec.children) else row.get(spec.children)
        if is_small(children, threshold):
            for col in counts:
                own_small = col.key == spec.children or (callable(spec.children) and is_small(row.get(col.key),
                                                                                               threshold))
                hid[col.key] = "small" if own_small else "hidden"
        else:
            hid = {c.key: "small" for c in counts if is_small(row.get(c.key), threshold)}
        # the reoffences of hidden reoffenders would show whether there were any
        if "reoffenders" in hid:
            hid.setdefault("reoffences", "hidden")
        return hid

    hidden = [primary(row) for row in rows]
    # Secondary suppression. A set of rows whose sum is public (the whole table, through its total; a
    # group whose count another figure shows, ``published``) may not have exactly one hidden cell:
    # it would be the sum minus the others. Hide the group's smallest other non-zero count (a zero if
    # there is no other), never a row whose own count is public; repeat until nothing changes.
    keys = [row.get("key") for row in rows]
    public = [(set(range(len(rows))), None)] + [
        ({i for i, k in enumerate(keys) if k in group}, spec.children) for group in published]
    pinned = {i for group, _ in public[1:] if len(group) == 1 for i in group}
    changed = True
    while changed:
        changed = False
        for col in counts:
            if total.get(col.key) is None or is_small(total.get(col.key), threshold):
                continue
            for group, only in public:
                if only is not None and col.key != only:
                    continue
                if only is not None and is_small(sum(rows[i].get(col.key) or 0 for i in group), threshold):
                    continue  # the other figure is suppressed too: its sum is not public
                flagged = [i for i in group if col.key in hidden[i]]
                if len(flagged) != 1:
                    continue
                others = sorted((i for i in group if col.key not in hidden[i] and i not in pinned),
                                key=lambda i: ((rows[i].get(col.key) or 0) == 0, rows[i].get(col.key) or 0, i))
                if others:
                    hidden[others[0]][col.key] = "hidden"
                    changed = True
    total_hidden = primary(total) if spec.children == "cohort" else {
        c.key: "small" for c in counts if is_small(total.get(c.key), threshold)}
    return hidden, total_hidden
