"""The inspection rating engine: pure functions, no database.

The rule (HMI Probation, Leeds inspection report 2019, Annex 2; ``shared/domain/quality.md``), with its
numbers taken from the framework's data file, never from this module:

1. A case key question's "% yes" falls in a band: below 50 → Inadequate; 50 to below 65 → Requires
   improvement; 65 to below 80 → Good; 80 or more → Outstanding. Percentages are compared exactly, never
   rounded first: 64.9% is Requires improvement, 65% is Good.
2. A case standard takes the lowest band among its key questions. ``limited_by`` names the key question
   with the lowest percentage (it is always in the lowest band); when several share the lowest
   percentage, the first in framework order is named. Every key question in the lowest band is also
   kept (``lowest_band``), because each of them holds the standard down.
3. Standards rated from inspectors' judgement (domain one; 3.4 and 4.1 in 2021) take the recorded
   rating; their ``limited_by`` is ``None``.
4. Scores: Inadequate 0, Requires improvement 1, Good 2, Outstanding 3; the total over the standards
   that count (12 in both shipped frameworks, so 0–36) is banded: 0–6 Inadequate, 7–18 Requires
   improvement, 19–30 Good, 31–36 Outstanding.
5. A standard outside the total (resettlement, 2021) is reported separately and may be "Not rated".
6. Inspectors may exceptionally adjust a standard's rating or the overall rating. An adjustment always
   has a written reason and is kept beside the computed rating, never in place of it: the computed
   total and overall rating are unchanged, and ``adjusted_total``/``adjusted_overall`` show the effect.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from openyj.quality.frameworks import InspectionFramework, RatingRule, Standard

SUPPORTED_METHODS = frozenset({"lowest_band_total"})


class RatingInputError(ValueError):
    """The input cannot be rated. ``errors`` lists every problem, each naming what is wrong and where."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class Adjustment:
    """An inspector-style adjustment: the rating given instead, and why."""

    rating: str
    reason: str


@dataclass(frozen=True)
class StandardInput:
    """What is known about one standard: its key-question percentages, or a recorded rating."""

    key_questions: Mapping[str, object] | None = None
    rating: str | None = None
    adjustment: Adjustment | None = None


@dataclass(frozen=True)
class KeyQuestionResult:
    code: str
    percent: Fraction
    rating: str


@dataclass(frozen=True)
class StandardResult:
    code: str
    rating: str
    score: int | None  # None when not rated
    limited_by: str | None
    source: str  # "key_questions", "judgement" or "not_rated"
    in_total: bool
    key_questions: tuple[KeyQuestionResult, ...] = ()
    lowest_band: tuple[str, ...] = ()
    adjustment: Adjustment | None = None
    adjusted_score: int | None = None

    @property
    def final_rating(self) -> str:
        return self.adjustment.rating if self.adjustment else self.rating

    @property
    def final_score(self) -> int | None:
        return self.adjusted_score if self.adjustment else self.score


@dataclass(frozen=True)
class FrameworkResult:
    framework: str
    standards: tuple[StandardResult, ...]  # the standards that count in the total, in framework order
    separately: tuple[StandardResult, ...]  # rated separately (2021 resettlement)
    total: int | None
    overall: str | None
    missing: tuple[str, ...] = ()  # standards not given (only when a partial result was asked for)
    adjusted_total: int | None = None
    adjusted_overall: str | None = None
    overall_adjustment: Adjustment | None = None
    maximum_total: int = 0

    @property
    def has_adjustments(self) -> bool:
        return self.overall_adjustment is not None or any(s.adjustment for s in self.standards + self.separately)

    @property
    def final_overall(self) -> str | None:
        return self.adjusted_overall if self.has_adjustments else self.overall

    def standard(self, code: str) -> StandardResult:
        for s in self.standards + self.separately:
            if s.code == code:
                return s
        raise KeyError(code)


# --- the rule ------------------------------------------------------------------------------------

def check_rule(framework: InspectionFramework) -> None:
    if framework.rule.method not in SUPPORTED_METHODS:
        raise RatingInputError([
            f"framework {framework.code} uses the rating method '{framework.rule.method}', which OpenYJ "
            "cannot apply yet (its rules are unconfirmed); record the published ratings instead"
        ])


def to_percent(value) -> Fraction:
    """A percentage as an exact fraction. Accepts int, float, Decimal or Fraction from 0 to 100.

    Raises ``ValueError`` with a plain message otherwise (booleans and text are refused: ``"86%"`` is
    not a number).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a number")
        value = Fraction(repr(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a number")
        value = Fraction(value)
    else:
        value = Fraction(value)
    if value < 0 or value > 100:
        raise ValueError(f"{format_percent(value)} is not between 0 and 100")
    return value


def format_percent(value: Fraction | int | float | Decimal | None, places: int = 1) -> str:
    """A percentage for people: rounded half up, trailing ``.0`` dropped (``62``, ``64.5``)."""
    if value is None:
        return ""
    exact = Fraction(value) if not isinstance(value, float) else Fraction(repr(value))
    scale = 10**places
    rounded = Fraction(math.floor(exact * scale + Fraction(1, 2)), scale)
    text = f"{float(rounded):.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def band(percent, rule: RatingRule) -> str:
    """The rating band of one key question's percentage."""
    p = to_percent(percent)
    for b in rule.key_question_bands:
        if p >= b.lower:
            return b.rating
    raise AssertionError("bands end at 0")  # pragma: no cover - the loader guarantees it


def band_label(rating: str, rule: RatingRule) -> str:
    """The inspectorate's words for a band ("Reasonable majority")."""
    for b in rule.key_question_bands:
        if b.rating == rating:
            return b.label
    return ""


def overall_rating(total: int, rule: RatingRule) -> str:
    for b in rule.overall_bands:
        if total >= b.lower:
            return b.rating
    raise ValueError(f"total {total} is negative")


def normalise_rating(value, rule: RatingRule, *, allow_not_rated: bool = False) -> str:
    """The canonical spelling of a rating given in any letter case; ``ValueError`` if it is not one."""
    if isinstance(value, str):
        wanted = " ".join(value.split()).casefold()
        for rating in rule.ratings:
            if rating.casefold() == wanted:
                return rating
        if allow_not_rated and rule.not_rated.casefold() == wanted:
            return rule.not_rated
    allowed = ", ".join(rule.ratings) + (f" or {rule.not_rated}" if allow_not_rated else "")
    raise ValueError(f"{value!r} is not a rating (use {allowed})")


def rate_key_questions(standard: Standard, percents: Mapping[str, object], rule: RatingRule,
                       adjustment: Adjustment | None = None) -> StandardResult:
    """Rate a case standard from its key questions' percentages (every key question must be given)."""
    errors = []
    results = []
    known = {kq.code for kq in standard.key_questions}
    for code in percents:
        if code not in known:
            errors.append(f"standard {standard.code}: {code} is not one of its key questions "
                          f"({', '.join(sorted(known))})")
    for kq in standard.key_questions:
        if kq.code not in percents:
            errors.append(f"standard {standard.code}: key question {kq.code} is missing")
            continue
        try:
            p = to_percent(percents[kq.code])
        except ValueError as exc:
            errors.append(f"key question {kq.code}: {exc} (give the % yes as a number from 0 to 100)")
            continue
        results.append(KeyQuestionResult(kq.code, p, band(p, rule)))
    if errors:
        raise RatingInputError(errors)
    lowest = min(results, key=lambda r: rule.scores[r.rating]).rating
    # min() keeps the first of equal percentages: ties name the first key question in framework order.
    limiting = min(results, key=lambda r: r.percent)
    return StandardResult(
        code=standard.code, rating=lowest, score=rule.scores[lowest], limited_by=limiting.code,
        source="key_questions", in_total=standard.in_total, key_questions=tuple(results),
        lowest_band=tuple(r.code for r in results if r.rating == lowest),
        adjustment=adjustment, adjusted_score=rule.scores[adjustment.rating] if adjustment else None,
    )


def rate_judgement(standard: Standard, rating: str, rule: RatingRule,
                   adjustment: Adjustment | None = None) -> StandardResult:
    """A standard rated from a recorded judgement (or "Not rated" where the framework allows it)."""
    if rating == rule.not_rated:
        if not standard.may_be_not_rated:
            raise RatingInputError([f"standard {standard.code}: only a standard that may go unrated can be "
                                    f"'{rule.not_rated}'"])
        return StandardResult(standard.code, rule.not_rated, None, None, "not_rated", standard.in_total)
    return StandardResult(
        code=standard.code, rating=rating, score=rule.scores[rating], limited_by=None, source="judgement",
        in_total=standard.in_total, adjustment=adjustment,
        adjusted_score=rule.scores[adjustment.rating] if adjustment else None,
    )


def rate_framework(framework: InspectionFramework, inputs: Mapping[str, StandardInput], *,
                   overall_adjustment: Adjustment | None = None, partial: bool = False) -> FrameworkResult:
    """Rate every standard, then the total and the overall rating.

    A missing standard is an error naming it, unless ``partial`` is true: then the standards given are
    rated, ``missing`` lists the others, and the total and overall rating are ``None`` (a self-audit
    before its judgements are recorded). A standard that may go unrated counts as "Not rated" when
    absent.
    """
    check_rule(framework)
    rule = framework.rule
    errors: list[str] = []
    counted: list[StandardResult] = []
    separate: list[StandardResult] = []
    missing: list[str] = []
    known = {s.code for s in framework.standards}
    for code in inputs:
        if code not in known:
            errors.append(f"standard {code} is not in framework {framework.code}")
    for standard in framework.standards:
        given = inputs.get(standard.code)
        if given is None or (given.key_questions is None and given.rating is None):
            if standard.may_be_not_rated:
                result = rate_judgement(standard, rule.not_rated, rule)
                (counted if standard.in_total else separate).append(result)
            elif partial:
                missing.append(standard.code)
            else:
                errors.append(f"standard {standard.code} ({standard.name}) is missing")
            continue
        try:
            result = _rate_one(standard, given, rule)
        except RatingInputError as exc:
            errors.extend(exc.errors)
            continue
        (counted if standard.in_total else separate).append(result)
    if errors:
        raise RatingInputError(errors)
    total = overall = adjusted_total = adjusted_overall = None
    if not missing:
        total = sum(s.score or 0 for s in counted)
        overall = overall_rating(total, rule)
        adjusted_total = sum(s.final_score or 0 for s in counted)
        adjusted_overall = overall_adjustment.rating if overall_adjustment else overall_rating(adjusted_total, rule)
    return FrameworkResult(
        framework=framework.code, standards=tuple(counted), separately=tuple(separate), total=total,
        overall=overall, missing=tuple(missing), adjusted_total=adjusted_total, adjusted_overall=adjusted_overall,
        overall_adjustment=overall_adjustment, maximum_total=framework.maximum_total,
    )


def _rate_one(standard: Standard, given: StandardInput, rule: RatingRule) -> StandardResult:
    if given.adjustment is not None and not given.adjustment.reason.strip():
        raise RatingInputError([f"standard {standard.code}: an adjusted rating needs a written reason"])
    if given.key_questions is not None:
        if not standard.rated_from_cases:
            raise RatingInputError([f"standard {standard.code} ({standard.name}) is rated from inspectors' "
                                    "judgement: give its rating, not key-question percentages"])
        result = rate_key_questions(standard, given.key_questions, rule, given.adjustment)
        if given.rating is not None and given.rating != result.rating:
            raise RatingInputError([
                f"standard {standard.code}: the rating given ({given.rating}) does not match its key questions "
                f"({result.rating}, limited by {result.limited_by}); remove the rating or record an adjustment"
            ])
        return result
    if given.rating is None:  # rate_framework treats a standard given nothing as missing before it gets here
        raise RatingInputError([f"standard {standard.code}: give its rating or its key questions' percentages"])
    if given.rating == rule.not_rated and given.adjustment is not None:
        raise RatingInputError([f"standard {standard.code}: a standard that is not rated cannot be adjusted"])
    return rate_judgement(standard, given.rating, rule, given.adjustment)


# --- the JSON contract (``openyj inspection-rating``) ---------------------------------------------

def parse_input(framework: InspectionFramework, data) -> tuple[dict[str, StandardInput], Adjustment | None]:
    """Read ``{"standards": {...}}`` as given to ``openyj inspection-rating``; collect every error.

    Each standard gives ``key_questions`` (percentages) or ``rating``; optionally ``adjusted`` as
    ``{"rating": ..., "reason": ...}``. An optional top-level ``adjusted_overall`` adjusts the overall rating.
    """
    rule = framework.rule
    if not isinstance(data, dict) or not isinstance(data.get("standards"), dict):
        raise RatingInputError(['the file must hold an object with a "standards" object'])
    errors: list[str] = []
    inputs: dict[str, StandardInput] = {}
    for code, raw in data["standards"].items():
        try:
            standard = framework.standard(code)
        except KeyError:
            errors.append(f"standard {code} is not in framework {framework.code} "
                          f"(its standards are {', '.join(s.code for s in framework.standards)})")
            continue
        if not isinstance(raw, dict):
            errors.append(f"standard {code}: give an object with \"key_questions\" or \"rating\"")
            continue
        unknown = set(raw) - {"key_questions", "rating", "adjusted"}
        if unknown:
            errors.append(f"standard {code}: unknown field(s) {', '.join(sorted(unknown))}")
        kqs = raw.get("key_questions")
        if kqs is not None and not isinstance(kqs, dict):
            errors.append(f"standard {code}: \"key_questions\" must be an object of key question → % yes")
            continue
        rating = None
        if "rating" in raw:
            try:
                rating = normalise_rating(raw["rating"], rule, allow_not_rated=standard.may_be_not_rated)
            except ValueError as exc:
                errors.append(f"standard {code}: rating {exc}")
                continue
        if kqs is None and rating is None:
            errors.append(f"standard {code}: give \"key_questions\" or \"rating\"")
            continue
        try:
            adjustment = _parse_adjustment(raw.get("adjusted"), rule, f"standard {code}")
        except RatingInputError as exc:
            errors.extend(exc.errors)
            continue
        inputs[code] = StandardInput(key_questions=kqs, rating=rating, adjustment=adjustment)
    overall_adjustment = None
    try:
        overall_adjustment = _parse_adjustment(data.get("adjusted_overall"), rule, "adjusted_overall")
    except RatingInputError as exc:
        errors.extend(exc.errors)
    if errors:
        raise RatingInputError(errors)
    return inputs, overall_adjustment


def _parse_adjustment(raw, rule: RatingRule, where: str) -> Adjustment | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise RatingInputError([f"{where}: an adjustment is an object with \"rating\" and \"reason\""])
    errors = []
    rating = None
    try:
        rating = normalise_rating(raw.get("rating"), rule)
    except ValueError as exc:
        errors.append(f"{where}: adjusted rating {exc}")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        errors.append(f"{where}: an adjusted rating needs a written reason")
    if errors or rating is None or not isinstance(reason, str):
        raise RatingInputError(errors)
    return Adjustment(rating, reason.strip())


def result_as_json(result: FrameworkResult) -> dict:
    """The output of ``openyj inspection-rating``: ``standards``, ``total``, ``overall`` (the contract),
    plus ``framework``, ``rated_separately`` and, only when something was adjusted, ``adjusted``."""

    def one(s: StandardResult) -> dict:
        out: dict[str, object] = {"rating": s.rating, "score": s.score, "limited_by": s.limited_by}
        if s.adjustment:
            out["adjusted"] = {"rating": s.adjustment.rating, "score": s.adjusted_score, "reason": s.adjustment.reason}
        return out

    out: dict[str, object] = {
        "framework": result.framework,
        "standards": {s.code: one(s) for s in result.standards},
        "total": result.total,
        "overall": result.overall,
    }
    if result.separately:
        out["rated_separately"] = {s.code: one(s) for s in result.separately}
    if result.has_adjustments:
        out["adjusted"] = {
            "total": result.adjusted_total,
            "overall": result.adjusted_overall,
            "reason": result.overall_adjustment.reason if result.overall_adjustment else None,
        }
    return out


def percent_yes(yes: int, no: int) -> Fraction | None:
    """% yes among the cases where the question applied (not applicable left out); None when none did."""
    if yes < 0 or no < 0:
        raise ValueError("counts cannot be negative")
    if yes + no == 0:
        return None
    return Fraction(100 * yes, yes + no)
