"""Small ORM builders for indicator tests: each creates exactly the record described."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from openyj.indicators.models import Population
from openyj.offending.models import CustodyEpisode, Offence, Outcome, Remand
from openyj.people.models import Child

_seq = itertools.count(1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def child(service, *, ref=None, dob="2008-06-15", sex="male", ethnicity="white_british", prior=None, **kw):
    return Child.objects.create(
        service=service, reference=ref or f"C{next(_seq):05d}", date_of_birth=d(dob) if isinstance(dob, str) else dob,
        sex=sex, ethnicity=ethnicity, prior_substantive_outcome=prior, **kw,
    )


def offence(c, on, *, category="theft_and_handling", seriousness=3, weapon="none", description="", ref=None):
    return Offence.objects.create(
        service_id=c.service_id, child=c, reference=ref or f"O{next(_seq):06d}",
        offence_date=d(on) if isinstance(on, str) else on, category_id=category, seriousness=seriousness,
        weapon=weapon, description=description,
    )


def outcome(c, on, outcome_type="youth_caution", offences=(), *, psr=None, ref=None):
    o = Outcome.objects.create(
        service_id=c.service_id, child=c, reference=ref or f"D{next(_seq):06d}",
        outcome_date=d(on) if isinstance(on, str) else on, outcome_type_id=outcome_type, psr_proposal_id=psr,
    )
    if offences:
        o.offences.set(offences)
    return o


def proven(c, committed, proven_on, outcome_type="youth_caution", **kw):
    """An offence and the outcome that disposes of it."""
    of = offence(c, committed, **kw)
    outcome(c, proven_on, outcome_type, [of])
    return of


def remand(c, start, end=None, remand_type="youth_detention", ref=None):
    return Remand.objects.create(
        service_id=c.service_id, child=c, reference=ref or f"R{next(_seq):06d}", remand_type=remand_type,
        start_date=d(start), end_date=d(end) if end else None,
    )


def custody(c, start, release=None, outcome=None, ref=None, **kw):
    return CustodyEpisode.objects.create(
        service_id=c.service_id, child=c, reference=ref or f"K{next(_seq):06d}", outcome=outcome,
        start_date=d(start), release_date=d(release) if release else None, **kw,
    )


def population(area_code: str, year: int, total: int, ages=range(10, 18)):
    """Spread ``total`` children over ages 10–17 and both sexes (the remainder on the first rows)."""
    cells = [(a, s) for a in ages for s in ("male", "female")]
    base, rest = divmod(total, len(cells))
    Population.objects.bulk_create([
        Population(area_code=area_code, year=year, age=a, sex=s, population=base + (1 if i < rest else 0))
        for i, (a, s) in enumerate(cells)
    ])


def dob_for_age(age: int, on: date) -> date:
    """A date of birth making the child ``age`` on ``on`` (birthday 100 days before)."""
    b = on - timedelta(days=100)
    return date(b.year - age, b.month, min(b.day, 28))


def intervention(c, start, end=None, kind="referral_order", ref=None, **kw):
    from openyj.casework.models import Intervention

    return Intervention.objects.create(
        service_id=c.service_id, child=c, reference=ref or f"I{next(_seq):06d}", kind=kind, start_date=d(start),
        end_date=d(end) if end else None, **kw)


def looked_after(c, start, end=None, legal_basis="care_order"):
    from openyj.people.models import Episode

    return Episode.objects.create(service_id=c.service_id, child=c, episode_type="looked_after",
                                  start_date=d(start), end_date=d(end) if end else None, legal_basis=legal_basis)


def census(area_code: str, source: str, rows: dict[str, int]):
    """Census or school-census rows for an area: ethnicity code or group → children aged 10–17."""
    from openyj.indicators.models import CensusEthnicity

    CensusEthnicity.objects.bulk_create([CensusEthnicity(area_code=area_code, source=source, ethnicity=k, population=v)
                                         for k, v in rows.items()])


def review(i, due, done=None):
    from openyj.casework.models import Review

    return Review.objects.create(service_id=i.service_id, intervention=i, child_id=i.child_id, due_on=d(due),
                                 done_on=d(done) if done else None)
