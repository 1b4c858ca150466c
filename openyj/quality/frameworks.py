"""Inspection frameworks and the National Standards, as data.

Each JSON file in ``data/frameworks/`` is one framework: an inspection framework (``kind: inspection``,
framework → domains → standards → key questions → prompts, with its rating rule) or a National
Standards framework (``kind: national_standards``: standards × levels, the operational sampling rule
and the grading scales). Adding a framework (the inspectorate's 2025 framework, say) means adding a
file here; no code changes unless it needs a rating method the engine does not know yet
(:mod:`openyj.quality.rating` refuses such a framework by name rather than guessing).

A framework is versioned: once audits or inspections refer to it, its codes must never change. A
revised framework is a new file with a new code.

This module is pure Python (no Django), so the rating engine and the ``inspection_rating`` command
can use it without a database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FRAMEWORK_DIR = Path(__file__).resolve().parent / "data" / "frameworks"

RATED_BY = ("case_sample", "judgement")
CASE_TYPES = ("court", "out_of_court")


class FrameworkError(ValueError):
    """A framework file is not well formed. The message names the file and the problem."""


@dataclass(frozen=True)
class Prompt:
    code: str
    text: str


@dataclass(frozen=True)
class KeyQuestion:
    code: str
    text: str
    lens: str
    standard_code: str
    prompts: tuple[Prompt, ...] = ()


@dataclass(frozen=True)
class Standard:
    code: str
    name: str
    statement: str
    domain_code: str
    domain_name: str
    rated_by: str  # "case_sample": key-question percentages from a case sample; "judgement": a recorded rating
    case_type: str | None  # "court" or "out_of_court" for case-sample standards
    in_total: bool  # counts in the total score (resettlement in 2021 does not)
    may_be_not_rated: bool
    key_questions: tuple[KeyQuestion, ...]
    wording_unconfirmed: bool = False

    @property
    def rated_from_cases(self) -> bool:
        return self.rated_by == "case_sample"

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"

    def key_question(self, code: str) -> KeyQuestion:
        for kq in self.key_questions:
            if kq.code == code:
                return kq
        raise KeyError(code)


@dataclass(frozen=True)
class Domain:
    code: str
    name: str
    case_type: str | None
    standards: tuple[Standard, ...]


@dataclass(frozen=True)
class Band:
    lower: int  # the band starts at this value (inclusive) and runs to the next band's start
    rating: str
    label: str = ""


@dataclass(frozen=True)
class RatingRule:
    method: str
    ratings: tuple[str, ...]  # worst first
    scores: dict[str, int]
    key_question_bands: tuple[Band, ...]  # highest first
    overall_bands: tuple[Band, ...]  # highest first
    not_rated: str = "Not rated"
    source: str = ""


@dataclass(frozen=True)
class InspectionFramework:
    code: str
    name: str
    kind: str
    rule: RatingRule
    domains: tuple[Domain, ...]
    sampling: dict = field(default_factory=dict)
    in_use: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def standards(self) -> tuple[Standard, ...]:
        return tuple(s for d in self.domains for s in d.standards)

    def standard(self, code: str) -> Standard:
        for s in self.standards:
            if s.code == code:
                return s
        raise KeyError(code)

    def key_question(self, code: str) -> KeyQuestion:
        for s in self.standards:
            for kq in s.key_questions:
                if kq.code == code:
                    return kq
        raise KeyError(code)

    def case_standards(self, case_type: str | None = None) -> tuple[Standard, ...]:
        return tuple(
            s for s in self.standards
            if s.rated_from_cases and (case_type is None or s.case_type == case_type)
        )

    def judgement_standards(self) -> tuple[Standard, ...]:
        return tuple(s for s in self.standards if not s.rated_from_cases)

    @property
    def maximum_total(self) -> int:
        return max(self.rule.scores.values()) * sum(1 for s in self.standards if s.in_total)


@dataclass(frozen=True)
class GradingScale:
    code: str
    name: str
    grades: tuple[str, ...]  # best first


@dataclass(frozen=True)
class NationalStandard:
    code: str
    name: str
    summary: str
    relevant_cases: dict
    prompts: dict[str, tuple[str, ...]]

    @property
    def label(self) -> str:
        return f"{self.code}. {self.name}"


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    hint: str


@dataclass(frozen=True)
class NationalStandardsFramework:
    code: str
    name: str
    levels: tuple[Level, ...]
    standards: tuple[NationalStandard, ...]
    grading_scales: tuple[GradingScale, ...]
    minimum_share: int  # per cent of relevant cases to audit
    minimum_cases: int
    notes: tuple[str, ...] = ()

    def standard(self, code: str) -> NationalStandard:
        for s in self.standards:
            if s.code == code:
                return s
        raise KeyError(code)

    def level(self, code: str) -> Level:
        for level in self.levels:
            if level.code == code:
                return level
        raise KeyError(code)

    def grading_scale(self, code: str) -> GradingScale:
        for scale in self.grading_scales:
            if scale.code == code:
                return scale
        raise KeyError(code)


# --- reading the files -------------------------------------------------------------------------

def _require(mapping: dict, key: str, where: str):
    if key not in mapping:
        raise FrameworkError(f"{where}: '{key}' is missing")
    return mapping[key]


def _bands(raw: list, where: str) -> tuple[Band, ...]:
    bands = tuple(Band(int(_require(b, "from", where)), _require(b, "rating", where), b.get("label", "")) for b in raw)
    lowers = [b.lower for b in bands]
    if lowers != sorted(lowers, reverse=True) or len(set(lowers)) != len(lowers) or lowers[-1] != 0:
        raise FrameworkError(f"{where}: bands must run from highest to lowest and end at 0")
    return bands


def _rule(raw: dict, where: str) -> RatingRule:
    rule = RatingRule(
        method=_require(raw, "method", where),
        ratings=tuple(raw.get("ratings", ())),
        scores=dict(raw.get("scores", {})),
        key_question_bands=_bands(raw.get("key_question_bands", [{"from": 0, "rating": ""}]), where),
        overall_bands=_bands(raw.get("overall_bands", [{"from": 0, "rating": ""}]), where),
        not_rated=raw.get("not_rated", "Not rated"),
        source=raw.get("source", ""),
    )
    if rule.method == "lowest_band_total":
        for band in rule.key_question_bands + rule.overall_bands:
            if band.rating not in rule.scores:
                raise FrameworkError(f"{where}: band rating '{band.rating}' has no score")
        if set(rule.ratings) != set(rule.scores):
            raise FrameworkError(f"{where}: ratings and scores must name the same ratings")
    return rule


def _inspection(data: dict, where: str) -> InspectionFramework:
    domains = []
    seen: set[str] = set()
    for d in _require(data, "domains", where):
        standards = []
        case_type = d.get("case_type")
        for s in _require(d, "standards", where):
            code = _require(s, "code", where)
            rated_by = _require(s, "rated_by", f"{where} standard {code}")
            if rated_by not in RATED_BY:
                raise FrameworkError(f"{where} standard {code}: rated_by must be one of {', '.join(RATED_BY)}")
            if rated_by == "case_sample" and case_type not in CASE_TYPES:
                raise FrameworkError(f"{where} standard {code}: a case-sample standard needs a domain case_type")
            kqs = []
            for k in _require(s, "key_questions", f"{where} standard {code}"):
                kq_code = _require(k, "code", f"{where} standard {code}")
                if not kq_code.startswith(code + "."):
                    raise FrameworkError(f"{where}: key question {kq_code} does not belong to standard {code}")
                prompts = tuple(Prompt(p["code"], p["text"]) for p in k.get("prompts", []))
                kqs.append(KeyQuestion(kq_code, k["text"], k.get("lens", ""), code, prompts))
            for c in [code, *(k.code for k in kqs), *(p.code for k in kqs for p in k.prompts)]:
                if c in seen:
                    raise FrameworkError(f"{where}: code {c} is used twice")
                seen.add(c)
            if rated_by == "case_sample" and not kqs:
                raise FrameworkError(f"{where} standard {code}: a case-sample standard needs key questions")
            standards.append(Standard(
                code=code, name=s["name"], statement=s.get("statement", ""), domain_code=d["code"],
                domain_name=d["name"], rated_by=rated_by, case_type=case_type if rated_by == "case_sample" else None,
                in_total=s.get("in_total", True), may_be_not_rated=s.get("may_be_not_rated", False),
                key_questions=tuple(kqs), wording_unconfirmed=s.get("wording_unconfirmed", False),
            ))
        domains.append(Domain(d["code"], d["name"], case_type, tuple(standards)))
    return InspectionFramework(
        code=data["code"], name=data["name"], kind="inspection",
        rule=_rule(_require(data, "rating_rule", where), where), domains=tuple(domains),
        sampling=data.get("sampling", {}), in_use=data.get("in_use", {}), notes=tuple(data.get("notes", ())),
    )


def _national(data: dict, where: str) -> NationalStandardsFramework:
    levels = tuple(Level(x["code"], x["name"], x.get("hint", "")) for x in _require(data, "levels", where))
    level_codes = {x.code for x in levels}
    standards = []
    for s in _require(data, "standards", where):
        prompts = {level: tuple(texts) for level, texts in s.get("prompts", {}).items()}
        if set(prompts) - level_codes:
            raise FrameworkError(f"{where} standard {s['code']}: prompts for an unknown level")
        standards.append(NationalStandard(s["code"], s["name"], s.get("summary", ""), s.get("relevant_cases", {}),
                                          prompts))
    scales = tuple(GradingScale(g["code"], g["name"], tuple(g["grades"])) for g in data.get("grading_scales", []))
    sampling = data.get("sampling", {})
    return NationalStandardsFramework(
        code=data["code"], name=data["name"], levels=levels, standards=tuple(standards), grading_scales=scales,
        minimum_share=int(sampling.get("minimum_share", 20)), minimum_cases=int(sampling.get("minimum_cases", 20)),
        notes=tuple(data.get("notes", ())),
    )


def load_file(path: Path):
    """Read one framework file; raise :class:`FrameworkError` naming the file when it is malformed."""
    where = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FrameworkError(f"{where}: cannot be read ({exc})") from exc
    kind = _require(data, "kind", where)
    if kind == "inspection":
        return _inspection(data, where)
    if kind == "national_standards":
        return _national(data, where)
    raise FrameworkError(f"{where}: unknown kind '{kind}'")


@cache
def _all() -> dict[str, object]:
    found: dict[str, object] = {}
    for path in sorted(FRAMEWORK_DIR.glob("*.json")):
        framework = load_file(path)
        if framework.code in found:
            raise FrameworkError(f"{path.name}: framework code {framework.code} is used twice")
        found[framework.code] = framework
    return found


def inspection_frameworks() -> dict[str, InspectionFramework]:
    """Every inspection framework shipped, by code, oldest first."""
    return {c: f for c, f in _all().items() if isinstance(f, InspectionFramework)}


def inspection_framework(code: str) -> InspectionFramework:
    try:
        return inspection_frameworks()[code]
    except KeyError:
        raise LookupError(f"There is no inspection framework '{code}'.") from None


def national_standards_frameworks() -> dict[str, NationalStandardsFramework]:
    return {c: f for c, f in _all().items() if isinstance(f, NationalStandardsFramework)}


def national_standards(code: str = "ns-2019") -> NationalStandardsFramework:
    try:
        return national_standards_frameworks()[code]
    except KeyError:
        raise LookupError(f"There is no National Standards framework '{code}'.") from None


def inspection_framework_choices() -> list[tuple[str, str]]:
    return [(code, f.name) for code, f in inspection_frameworks().items()]


def field_key(prefix: str, code: str) -> str:
    """The name of the form field for a standard's or key question's value (``answer_2_1_3``): the
    forms draw fields by this name and the services key their errors by it."""
    return f"{prefix}_{code.replace('.', '_')}"
