"""Children's journeys through the demo service: one child at a time, written as rows.

A child enters either through prevention work or through a first offence. Each offence event (one
to three offences) gets an outcome on the ladder chosen from the seriousness of the offences and
the child's history; some court cases bring a remand first; the outcome brings the service's
intervention (with its assessments and start/end snapshots), a custodial outcome a custody
episode; victims are contacted for offences that harmed someone; and a share of children offend
again, climbing the ladder. Anything that would happen after the extract's ``end`` date is cut off:
offences awaiting an outcome, open interventions, children still in custody.

Rows are appended to per-file buffers (see ``Sink`` in ``generate.py``) as lists of strings, in the
column order of the interchange contract; the orchestrator flushes them to the CSV writers.
"""

from __future__ import annotations

import zlib
from datetime import date
from random import Random

from . import catalogue as cat
from .names import person_name
from .util import Dates, add_months, add_working_days, add_years

T, F = "true", "false"
SECURE_SCHOOL_OPENED = date(2024, 7, 1).toordinal()
PNC_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# Intervention record fields (a mutable list per intervention until the child is written).
IV_ID, IV_KIND, IV_OUTCOME, IV_START, IV_END, IV_REASON, IV_OUTCOME_ROW = range(7)


def _b(value: bool) -> str:
    return T if value else F


class _Child:
    """The state of the child being generated."""

    __slots__ = (
        "cid", "dob", "b10", "b16", "b18", "female", "ethnicity", "factor", "boost", "send", "ehcp",
        "mh", "substance", "care", "custody", "interventions", "level", "first_offence", "cd_until",
    )


def _draw(*key) -> float:
    """A number in [0, 1) fixed by ``key`` (the same on every run), apart from the main random stream."""
    return zlib.crc32("|".join(map(str, key)).encode()) / 2**32


class Journeys:
    """Generates children one by one into a ``Sink``'s buffers."""

    def __init__(
        self,
        rng: Random,
        *,
        dates: Dates,
        end: int,
        fy_starts: list[int],
        buffers: dict[str, list[list[str]]],
        managers: list[str],
        local_authority: str,
        neighbour_authority: str,
        place: str,
        id_base: int = 0,
        id_block: int = 10**12,
        id_width: int = 6,
    ):
        self.rng = rng
        self.r = rng.random
        self.dates = dates
        self.iso = dates.iso
        self.end = end
        self.fy_starts = fy_starts
        self.managers = managers
        self.local_authority = local_authority
        self.neighbour_authority = neighbour_authority
        self.youth_court = f"{place} Youth Court"
        self.crown_court = f"{place} Crown Court"
        b = buffers
        self.out_children = b["children"]
        self.out_episodes = b["episodes"]
        self.out_offences = b["offences"]
        self.out_outcomes = b["outcomes"]
        self.out_remands = b["remands"]
        self.out_custody = b["custody"]
        self.out_interventions = b["interventions"]
        self.out_assessments = b["assessments"]
        self.out_victims = b["victims"]
        # Ids are numbered from ``id_base`` (a shard of a large run has its own block of numbers).
        self.n = dict.fromkeys(
            ("child", "offence", "outcome", "remand", "custody", "intervention", "assessment", "victim", "pnc"), 0
        )
        self.id_base = id_base
        self.id_block = id_block
        self.id_format = f"{{}}{{:0{id_width}d}}"
        # Financial years (index into fy_starts) that have a custodial outcome, a remand to youth
        # detention and a weapon offence: the orchestrator tops up any year that lacks one.
        self.years_with_custody: set[int] = set()
        self.years_with_detention_remand: set[int] = set()
        self.years_with_weapon: set[int] = set()

    # --- ids and small helpers ----------------------------------------------------------------

    def _next(self, kind: str, prefix: str) -> str:
        n = self.n[kind] + 1
        if n >= self.id_block:
            raise RuntimeError(f"more than {self.id_block - 1:,} {kind} ids in one shard")
        self.n[kind] = n
        return self.id_format.format(prefix, self.id_base + n)

    def _fy(self, o: int) -> int:
        """Index of the financial year containing ``o`` (-1 before the first)."""
        fy = self.fy_starts
        i = len(fy) - 1
        while i >= 0 and o < fy[i]:
            i -= 1
        return i

    def _between(self, lo: int, hi: int) -> int:
        return lo + int(self.r() * (hi - lo + 1))

    # --- one child ------------------------------------------------------------------------------

    def child(self, entry: int, *, script: dict | None = None) -> None:
        """Generate one child whose first contact with the service is on ``entry``."""
        r = self.r
        c = _Child()
        c.cid = self._next("child", "C")
        age = 16 if script else cat.ENTRY_AGE.pick(r)
        dob = entry - int((age + r()) * 365.2425)
        # Make the age at first contact exactly 10–17 (and not in the last two months before 18,
        # when a first offence would be dealt with as an adult's), whatever the leap days did.
        while True:
            b10, b18 = add_years(dob, 10), add_years(dob, 18)
            if entry < b10:
                dob -= b10 - entry
            elif entry >= b18 - 60:
                dob += entry - (b18 - 60) + 1
            else:
                break
        c.dob, c.b10, c.b16, c.b18 = dob, b10, add_years(dob, 16), b18
        sex = "male" if script else cat.SEX.pick(r)
        c.female = sex == "female"
        c.ethnicity = cat.ETHNICITY.pick(r)
        risk = r()
        c.factor = 0.55 + 0.9 * risk  # individual multiplier on the chance of offending again
        # Mixed-heritage and Black boys are over-represented at remand and custody (Leeds plan §5):
        # the demo reproduces that system outcome so the disproportionality pages have data.
        c.boost = 1.5 if (not c.female and c.ethnicity.startswith(("mixed_", "black_"))) else 1.0
        c.send = r() < 0.36
        c.ehcp = c.send and r() < 0.52
        c.mh = r() < 0.38 + 0.16 * risk
        c.substance = r() < (0.08 + 0.16 * risk + (0.06 if age >= 15 else 0.0))
        c.care = []
        c.custody = []
        c.interventions = []
        c.first_offence = None
        c.cd_until = -1
        prevention = not script and r() < (0.28 if age <= 15 else 0.14)
        prior = not prevention and not script and age >= 14 and r() < 0.06
        c.level = (cat.CAUTION if r() < 0.6 else cat.CONDITIONAL_CAUTION) if prior else -1

        self._episodes(c, entry, risk, prevention)

        t: int | None
        if prevention:
            start = entry
            self._intervention(c, "prevention", None, None, start, start + self._between(60, 270))
            t = start + self._between(30, 510) if r() < 0.14 * c.factor else None
        else:
            t = entry
        events = 0
        # Offences in the last weeks before 18 would mostly be dealt with as an adult's.
        while t is not None and t <= self.end and t < c.b18 - 45 and events < 12:
            t = self._event(c, t, first=events == 0 and not prior, script=script)
            events += 1

        self._write_interventions(c)
        given, family = person_name(r, female=c.female, ethnicity=c.ethnicity)
        pnc = ""
        if c.first_offence is not None:
            k = self.id_base + self.n["pnc"] + 1
            self.n["pnc"] += 1
            yy = date.fromordinal(c.first_offence).year % 100
            pnc = f"DEMO/{yy:02d}/{k:07d}{PNC_LETTERS[k % 23]}"
        la = self.local_authority if r() < 0.96 else self.neighbour_authority
        self.out_children.append([
            c.cid, self.iso(c.dob), sex, c.ethnicity, la, cat.POSTCODE_DISTRICT.pick(r), _b(prior), pnc,
            given, family,
        ])

    # --- care and family support episodes -----------------------------------------------------

    def _episodes(self, c: _Child, entry: int, risk: float, prevention: bool) -> None:
        r, end, iso, out = self.r, self.end, self.iso, self.out_episodes
        earliest = c.dob + 1

        def emit(kind: str, start: int, stop: int, basis: str = "") -> None:
            start = max(start, earliest)
            if start > end:
                return
            stop = max(stop, start + 1)
            out.append([c.cid, kind, iso(start), iso(stop) if stop <= end else "", basis])

        if r() < 0.10 + 0.12 * risk:
            u = r()
            if u < 0.52:  # care order, often from early childhood, to 18 unless they return home
                start = self._between(c.dob + 365, entry + 120)
                stop = start + self._between(180, 1500) if r() < 0.12 else c.b18
                basis = "care_order"
            else:
                start = entry + self._between(-400, 200)
                stop = start + self._between(60, 600)
                basis = "s20" if u < 0.9 else "other"
            start = max(start, earliest)
            if start <= end:
                c.care.append((start, stop))
                emit("looked_after", start, stop, basis)
        if r() < 0.26 + 0.1 * risk:
            start = entry + self._between(-420, 120)
            emit("child_in_need", start, start + self._between(90, 450))
        if r() < 0.07 + 0.06 * risk:
            start = entry + self._between(-540, 90)
            emit("child_protection", start, start + self._between(120, 600))
        if r() < (0.55 if prevention else 0.3):
            start = entry + self._between(-365, 30)
            emit("early_help", start, start + self._between(90, 330))

    def _in_care(self, c: _Child, o: int) -> bool:
        return any(start <= o < stop for start, stop in c.care)

    def _in_custody(self, c: _Child, o: int) -> bool:
        return any(start <= o and (release is None or o < release) for start, release in c.custody)

    # --- an offence event and its outcome -----------------------------------------------------

    def _event(self, c: _Child, t0: int, *, first: bool, script: dict | None) -> int | None:
        """Offences from ``t0``, their outcome, remand, custody and intervention; returns the date of
        the child's next offence, or None."""
        r, iso, end = self.r, self.iso, self.end

        # The offences.
        if script:
            templates = [script["offence"]]
        else:
            u = r()
            k = (1 if u < 0.70 else 2 if u < 0.90 else 3) if first else (1 if u < 0.45 else 2 if u < 0.75 else 3)
            pool = cat.SERIOUS_OFFENCE if (not first and r() < 0.22 * c.factor) else cat.OFFENCE
            templates = [pool.pick(r)]
            for _ in range(k - 1):
                templates.append(cat.OFFENCE.pick(r) if r() < 0.6 else templates[0])
            open_order = any(
                iv[IV_KIND] in cat.ORDER_KINDS and iv[IV_START] <= t0 < iv[IV_END] for iv in c.interventions
            )
            if open_order and r() < 0.3:
                templates.append(cat.BREACH_ORDER)
            elif c.cd_until >= t0 and r() < 0.5:
                templates.append(cat.BREACH_DISCHARGE)
            templates = templates[:3]
        offence_dates = [t0] + [t0 + int(r() * 21) for _ in templates[1:]]
        keep = [(d, tp) for d, tp in zip(offence_dates, templates, strict=True) if d <= end and d < c.b18]
        keep.sort(key=lambda pair: pair[0])
        s_max = max(tp[2] for _, tp in keep)
        last_offence = keep[-1][0]

        # The outcome's level and type.
        if script:
            level, otype = cat.CUSTODY, script["outcome_type"]
        else:
            level = self._level(c, s_max, t0)
            otype = self._outcome_type(c, level, s_max, first)

        # Remand while the court case runs.
        remand = script["remand"] if script else self._remand_type(c, level, s_max)
        remand_start = None
        if remand:
            remand_start = t0 + 1 + int(r() * (3 if remand != "bail_support" else 10))
            if remand == "bail_support":
                outcome_on = max(last_offence, remand_start) + self._between(28, 150)
            else:
                outcome_on = max(last_offence, remand_start) + self._between(21, 150)
            if remand == "bail_support" and len(keep) < 3 and r() < 0.12 and outcome_on - remand_start > 10:
                d = remand_start + self._between(3, outcome_on - remand_start - 3)
                if d <= end and d < c.b18:
                    keep.append((d, cat.BREACH_BAIL))
        else:
            lo, hi = {0: (14, 75), 1: (21, 100), 2: (21, 100), 3: (35, 160), 4: (42, 170), 5: (50, 190)}[level]
            outcome_on = last_offence + self._between(lo, hi)
        if script:
            outcome_on = script["outcome_on"]
        elif level < cat.FIRST_TIER and outcome_on >= c.b18:
            # The police decide a child's out-of-court outcome while they are still a child.
            outcome_on = max(last_offence + 1, c.b18 - 1 - int(r() * 14))

        # Write the offences (and their victims once the outcome is known).
        cid = c.cid
        offence_ids = []
        has_breach_order = False
        for d, (category, description, seriousness, _w, weapon_rule) in keep:
            oid = self._next("offence", "O")
            offence_ids.append((oid, category))
            if weapon_rule is None:
                weapon = "none"
            elif weapon_rule == "maybe_knife":
                weapon = script["weapon"] if script else cat.MAYBE_KNIFE.pick(r)
            else:
                weapon = weapon_rule
            if weapon != "none":
                fy = self._fy(d)
                if fy >= 0:
                    self.years_with_weapon.add(fy)
            if category == "racially_aggravated":
                hostility = cat.RACIAL_HOSTILITY.pick(r)
            elif category in ("violence_against_the_person", "public_order", "criminal_damage") and r() < 0.012:
                hostility = cat.HOSTILITY.pick(r)
            else:
                hostility = ""
            has_breach_order = has_breach_order or category == "breach_of_statutory_order"
            self.out_offences.append([
                oid, cid, iso(d), category, str(seriousness), description, "", weapon, hostility,
            ])
            if c.first_offence is None:
                c.first_offence = d

        # The remand (and being looked after while remanded to local authority or youth detention).
        if remand and remand_start <= end:
            self._remand(c, remand, remand_start, outcome_on, split=not script and r() < 0.25)

        if outcome_on > end:
            return None  # awaiting an outcome when the data was extracted

        self._victims(offence_ids)
        outcome_id = self._next("outcome", "D")
        start_on = stop_on = length = ""
        months = 0
        if otype in ("referral_order",):
            months = cat.REFERRAL_MONTHS.pick(r)
        elif level == cat.COMMUNITY:
            months = cat.YRO_MONTHS.pick(r) if otype != "yro_iss" else max(6, cat.YRO_MONTHS.pick(r))
        elif otype == "detention_training_order":
            months = script["months"] if script else cat.DTO_MONTHS.pick(r)
        elif otype in ("section_250", "extended_sentence"):
            months = cat.SECTION_250_MONTHS.pick(r) + (24 if otype == "extended_sentence" else 0)
        elif otype == "conditional_discharge":
            months = cat.DISCHARGE_MONTHS.pick(r)
        scheduled_end = None
        if months:
            scheduled_end = add_months(outcome_on, months)
            start_on, length = iso(outcome_on), str(months)
            stop_on = iso(scheduled_end) if scheduled_end <= end else ""
            if otype == "conditional_discharge":
                c.cd_until = scheduled_end
        court = ""
        if level >= cat.FIRST_TIER:
            crown = otype in ("section_250", "extended_sentence") or (s_max >= 7 and r() < 0.4)
            court = self.crown_court if crown else self.youth_court
        psr = self._psr(otype, level) if level >= cat.FIRST_TIER else ""
        outcome_row = [
            outcome_id, cid, iso(outcome_on), otype, ";".join(oid for oid, _ in offence_ids), start_on,
            stop_on, length, court, psr,
        ]
        self.out_outcomes.append(outcome_row)

        # A new sentence ends the orders the child was on.
        if level >= cat.FIRST_TIER:
            for iv in c.interventions:
                if iv[IV_KIND] in cat.ORDER_KINDS and iv[IV_START] < outcome_on < iv[IV_END]:
                    iv[IV_END] = outcome_on
                    iv[IV_REASON] = "breached" if has_breach_order else "revoked_resentenced"
                    if iv[IV_OUTCOME_ROW] is not None:
                        iv[IV_OUTCOME_ROW][6] = iso(outcome_on)

        # Custody.
        next_from = outcome_on
        if level == cat.CUSTODY:
            self.years_with_custody.add(self._fy(outcome_on))
            fraction = 2 / 3 if otype == "extended_sentence" else 1 / 2
            release = outcome_on + int(months * 30.4375 * fraction)
            self._custody(c, outcome_id, outcome_on, release)
            next_from = release if release <= end else None

        # The service's intervention.
        kind = cat.INTERVENTION_FOR[otype]
        if otype == "outcome_21" and r() < 0.5:
            kind = "diversion"
        if kind:
            if kind == "custody_licence":
                start = outcome_on
            elif level >= cat.FIRST_TIER:
                start = outcome_on + int(r() * 6)
            else:
                start = outcome_on + int(r() * 11)
            if scheduled_end is not None and kind in ("referral_order", "yro", "custody_licence"):
                planned = max(scheduled_end, start + 28)
            elif kind == "diversion":
                planned = start + self._between(42, 120)
            elif kind == "out_of_court":
                planned = start + (self._between(42, 100) if level == cat.CAUTION else self._between(84, 126))
            else:
                planned = start + self._between(60, 180)
            self._intervention(c, kind, outcome_id, outcome_row if months else None, start, planned)

        if level > c.level:
            c.level = level
        if script or next_from is None:
            return None
        if r() < cat.REOFFEND[level] * c.factor:
            # The more prolific the child, the sooner the next offence.
            return next_from + 7 + int(self.rng.expovariate(c.factor**1.5 / 150))
        return None

    def _level(self, c: _Child, s_max: int, t0: int) -> int:
        r = self.r
        base = cat.FIRST_LEVEL[s_max].pick(r)
        if c.level < 0:
            level = base
        else:
            step = (cat.ESCALATION_IN_COURT if c.level >= cat.FIRST_TIER else cat.ESCALATION).pick(r)
            level = max(base, min(c.level + step, cat.CUSTODY))
            if level == cat.CUSTODY and base < cat.CUSTODY and not (c.level >= cat.COMMUNITY and r() < 0.3):
                level = cat.COMMUNITY
            if s_max <= 2 and c.level >= cat.CAUTION and r() < 0.08:
                level = cat.INFORMAL  # a community resolution for a minor matter even with a history
            on_order = any(
                iv[IV_KIND] in cat.ORDER_KINDS and iv[IV_START] <= t0 < iv[IV_END] for iv in c.interventions
            )
            if on_order and level in (cat.CAUTION, cat.CONDITIONAL_CAUTION) and r() < 0.7:
                level = cat.FIRST_TIER
        if level == cat.CUSTODY:
            # Girls are very rarely sentenced to custody; no detention and training order under 12.
            if (c.female and r() < 0.9) or t0 < add_years(c.dob, 12):
                level = cat.COMMUNITY
        elif c.boost > 1:
            # Disparity added at decisions, as the inspectorate's 2021 thematic on Black and mixed
            # heritage boys found: less often diverted informally, more often sentenced to custody for
            # a serious offence. Each decision's number is fixed by the child and date (same seed, same files).
            if level == cat.INFORMAL and _draw(c.cid, t0, "ooc") < 0.3:
                level = cat.CAUTION
            elif (level == cat.COMMUNITY and s_max >= 5 and t0 >= add_years(c.dob, 12)
                  and _draw(c.cid, t0, "custody") < 0.3):
                level = cat.CUSTODY
        return level

    def _outcome_type(self, c: _Child, level: int, s_max: int, first: bool) -> str:
        r = self.r
        if level == cat.INFORMAL:
            return (cat.INFORMAL_TYPE if first else cat.INFORMAL_REPEAT_TYPE).pick(r)
        if level == cat.CAUTION:
            return "youth_caution"
        if level == cat.CONDITIONAL_CAUTION:
            return "youth_conditional_caution"
        if level == cat.FIRST_TIER:
            return (cat.FIRST_COURT_TYPE if c.level < cat.FIRST_TIER else cat.LATER_FIRST_TIER_TYPE).pick(r)
        if level == cat.COMMUNITY:
            return cat.COMMUNITY_TYPE.pick(r)
        if s_max >= 8 and r() < 0.25:
            return "extended_sentence"
        if (s_max >= 7 and r() < 0.35) or (s_max == 6 and r() < 0.08):
            return "section_250"
        return "detention_training_order"

    def _remand_type(self, c: _Child, level: int, s_max: int) -> str | None:
        if level < cat.FIRST_TIER:
            return None
        if level == cat.CUSTODY:
            yd, la, bail = 0.55, 0.10, 0.15
        elif level == cat.COMMUNITY:
            yd, la, bail = (0.20, 0.08, 0.22) if s_max >= 5 else (0.02, 0.03, 0.12)
        else:
            yd, la, bail = (0.05, 0.03, 0.08) if s_max >= 5 else (0.0, 0.0, 0.03)
        yd *= c.boost * (0.2 if c.female else 1.0)
        la *= c.boost
        u = self.r()
        if u < yd:
            return "youth_detention"
        if u < yd + la:
            return "la_accommodation"
        if u < yd + la + bail:
            return "bail_support"
        return None

    def _psr(self, otype: str, level: int) -> str:
        """A pre-sentence report's proposal: usually what the court gave, sometimes a step below."""
        r = self.r
        if level >= cat.COMMUNITY:
            if r() >= 0.92:
                return ""
        elif otype == "referral_order":
            if r() >= 0.25:
                return ""
        elif r() >= 0.1:
            return ""
        if r() < 0.78:
            return otype
        if level == cat.CUSTODY:
            return "yro_iss"
        if level == cat.COMMUNITY:
            return "yro_iss" if otype == "youth_rehabilitation_order" and r() < 0.3 else "referral_order"
        if otype == "referral_order":
            return "youth_rehabilitation_order" if r() < 0.5 else "conditional_discharge"
        return "referral_order"

    def _remand(self, c: _Child, remand: str, start: int, until: int, *, split: bool) -> None:
        iso, end = self.iso, self.end
        stop = until
        follow_on = None
        if remand == "youth_detention":
            fy = self._fy(start)
            if fy >= 0:
                self.years_with_detention_remand.add(fy)
            if split and until - start > 30:
                # Released to bail with support part way through the case.
                stop = start + self._between(14, until - start - 7)
                follow_on = stop
        self.out_remands.append([
            self._next("remand", "R"), c.cid, remand, iso(start), iso(stop) if stop <= end else "",
        ])
        if remand in ("youth_detention", "la_accommodation"):
            if not self._in_care(c, start):
                self.out_episodes.append([
                    c.cid, "looked_after", iso(start), iso(stop) if stop <= end else "", "remand",
                ])
            c.care.append((start, stop))
            if remand == "youth_detention":
                c.custody.append((start, stop if stop <= end else None))
        if remand == "bail_support":
            self._intervention(c, "bail_support", None, None, start, max(until, start + 1))
        if follow_on is not None and follow_on <= end:
            self.out_remands.append([
                self._next("remand", "R"), c.cid, "bail_support", iso(follow_on), iso(until) if until <= end else "",
            ])
            self._intervention(c, "bail_support", None, None, follow_on, max(until, follow_on + 1))

    def _custody(self, c: _Child, outcome_id: str, start: int, release: int) -> None:
        r, iso, end = self.r, self.iso, self.end
        younger = start < c.b16 - 365 or c.female  # under 15, or a girl: not a young offender institution
        establishment = (cat.ESTABLISHMENT_YOUNGER if younger else cat.ESTABLISHMENT_BOYS).pick(r)
        if establishment == "secure_school" and start < SECURE_SCHOOL_OPENED:
            establishment = "sch"
        if release <= end:
            suitable, ete = _b(r() < 0.82), cat.ETE_ON_RELEASE.pick(r)
        else:
            suitable = ete = ""
        self.out_custody.append([
            self._next("custody", "CY"), c.cid, outcome_id, iso(start), iso(release) if release <= end else "",
            establishment, suitable, ete,
        ])
        c.custody.append((start, release if release <= end else None))

    def _victims(self, offence_ids: list[tuple[str, str]]) -> None:
        r, out = self.r, self.out_victims
        taken: set[int] = set()
        for i, (oid, category) in enumerate(offence_ids):
            share = cat.VICTIM_SHARE.get(category)
            if share is None or i in taken or r() >= share:
                continue
            linked = [oid]
            for j in range(i + 1, len(offence_ids)):
                if j not in taken and offence_ids[j][1] in cat.VICTIM_SHARE and r() < 0.5:
                    linked.append(offence_ids[j][0])
                    taken.add(j)
            consent = r() < 0.56
            if consent:
                offered = r() < 0.85
                participation = cat.RJ_PARTICIPATION.pick(r) if offered else "none"
                satisfaction = str(cat.SATISFACTION.pick(r)) if r() < 0.6 else ""
                row = [
                    _b(r() < 0.9), _b(offered), participation, _b(r() < 0.92), _b(r() < 0.85), satisfaction,
                ]
            else:
                row = [F, F, "", "", _b(r() < 0.4), ""]
            out.append([self._next("victim", "V"), ";".join(linked), _b(consent), *row])

    # --- interventions, their snapshots and assessments -------------------------------------------

    def _intervention(self, c: _Child, kind: str, outcome_id, outcome_row, start: int, planned: int) -> None:
        r = self.r
        reason = cat.END_REASON[kind].pick(r)
        stop = planned
        if reason == "revoked_good_progress":
            stop = start + int((planned - start) * (0.55 + 0.25 * r()))
        elif reason in ("transferred_out", "other"):
            stop = start + max(14, int((planned - start) * (0.2 + 0.7 * r())))
        if kind in ("referral_order", "yro", "custody_licence") and stop > c.b18 + 30 and r() < 0.35:
            stop = min(stop, max(start + 30, c.b18 + int(r() * 90)))
            reason = "transferred_to_probation"
        if outcome_row is not None and reason == "revoked_good_progress":
            outcome_row[6] = self.iso(stop) if stop <= self.end else ""
        c.interventions.append([None, kind, outcome_id or "", start, stop, reason, outcome_row])

    def _write_interventions(self, c: _Child) -> None:
        r, iso, end = self.r, self.iso, self.end
        send = _b(c.send)
        plan = _b(c.ehcp) if c.send else ""
        if c.mh:
            mh_offered = r() < 0.88
            mh = [T, _b(mh_offered), _b(mh_offered and r() < 0.74)]
        else:
            mh = [F, F, F]
        if c.substance:
            sub_offered = r() < 0.85
            sub = [T, _b(sub_offered), _b(sub_offered and r() < 0.62)]
        else:
            sub = [F, F, F]
        for iv in sorted(c.interventions, key=lambda iv: iv[IV_START]):
            kind, start, stop = iv[IV_KIND], iv[IV_START], iv[IV_END]
            if start > end:
                continue
            iid = self._next("intervention", "I")
            ended = stop <= end
            first = self._snapshot(c, start, None)
            if ended:
                last = self._snapshot(c, stop, first)
                # Realistic gaps for the KPI return's completeness page: some end snapshots are not
                # recorded, more often for recent closures. Decided from the id, not the random
                # stream, so the rest of the demo stays as it was.
                gap = zlib.crc32(iid.encode()) % 100
                if gap < (20 if end - stop < 90 else 5):
                    last[1] = last[3] = ""
                some_feedback = r() < (0.86 if iv[IV_REASON] in ("completed", "revoked_good_progress") else 0.45)
                fb_child = some_feedback and r() < 0.86
                fb_parent = some_feedback and (not fb_child or r() < 0.68)
                feedback = [_b(fb_child), _b(fb_parent)]
            else:
                last = ["", "", "", "", "", "", ""]
                feedback = ["", ""]
            self.out_interventions.append([
                iid, c.cid, kind, iv[IV_OUTCOME], iso(start), iso(stop) if ended else "",
                iv[IV_REASON] if ended else "", *first[:7], *last[:7], send, plan, *mh, *sub, *feedback,
            ])
            self._assessments(c, iid, kind, start, stop if ended else None)

    def _snapshot(self, c: _Child, o: int, before: list | None) -> list:
        """Accommodation and ETE on date ``o``: the seven snapshot columns (plus hidden state)."""
        r = self.r
        school_age = c.b16 > self.dates.last_aug31(o)
        if self._in_custody(c, o):
            accommodation = "custody"
            status = "education_in_custody"
        else:
            if self._in_care(c, o):
                if before is not None and before[0] in ("foster", "residential", "supported") and r() < 0.8:
                    accommodation = before[0]
                else:
                    accommodation = cat.ACCOMMODATION_CARE.pick(r)
            elif before is not None and before[0] not in ("custody", "foster", "residential") and r() < 0.85:
                accommodation = before[0]
            else:
                accommodation = cat.ACCOMMODATION_HOME.pick(r)
            if accommodation in ("supported", "independent") and o < c.b16:
                accommodation = "residential" if self._in_care(c, o) else "parent_family"
            if before is not None and before[7] == school_age and before[2] != "education_in_custody" and r() < 0.62:
                status = before[2]
                if status in ("not_in_ete", "part_time_timetable") and r() < 0.3:
                    status = "full_time_school" if school_age else "college"
            else:
                status = (cat.ETE_SCHOOL_AGE if school_age else cat.ETE_ABOVE_SCHOOL_AGE).pick(r)
        lo, hi = cat.ETE_HOURS[status]
        if status == "electively_home_educated":
            offered = attended = ""
        elif hi == 0:
            offered = attended = "0"
        else:
            hours = lo + int(r() * (hi - lo + 1))
            offered = str(hours)
            attended = str(int(hours * (0.4 + 0.6 * r()) + 0.5))
        return [
            accommodation, _b(r() < cat.ACCOMMODATION_SUITABLE[accommodation]), status,
            _b(r() < cat.ETE_SUITABLE[status]), offered, attended, _b(school_age), school_age,
        ]

    def _assessments(self, c: _Child, iid: str, kind: str, start: int, stop: int | None) -> None:
        tool = cat.ASSESSMENT_TOOL[kind]
        self._assessment(c, iid, kind, tool, start + int(self.r() * 4), stop)
        # Court orders of six months or more get a review assessment about three months in.
        if kind in ("referral_order", "yro", "custody_licence"):
            review = start + self._between(85, 120)
            if stop is None or review + 40 < stop:
                self._assessment(c, iid, kind, tool, review, stop)

    def _assessment(self, c: _Child, iid: str, kind: str, tool: str, begun: int, stop: int | None) -> None:
        r, iso, end = self.r, self.iso, self.end
        if begun > end:
            return
        due = add_working_days(begun, 20)
        u = r()
        if u < 0.83:
            completed = begun + 3 + int(r() * (due - begun - 2))
        elif u < 0.96:
            completed = due + 1 + int(r() * 20)
        else:
            completed = None
        if completed is not None and (completed > end or (stop is not None and completed > stop + 14)):
            completed = None
        if completed is None:
            ratings = ["", "", ""]
            countersigned = by = ""
        else:
            ratings = [
                cat.REOFFENDING_LIKELIHOOD[kind].pick(r), cat.SERIOUS_HARM[kind].pick(r),
                cat.SAFETY_WELLBEING[kind].pick(r),
            ]
            countersigned = by = ""
            if r() < 0.9:
                on = completed + int(r() * 8)
                if on <= end:
                    countersigned = iso(on)
                    by = self.managers[int(r() * len(self.managers))]
        self.out_assessments.append([
            self._next("assessment", "A"), c.cid, iid, tool, iso(begun), iso(due) if due <= end else "",
            iso(completed) if completed is not None else "", *ratings, countersigned, by,
        ])
