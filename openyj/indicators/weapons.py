"""Weapon offences.

Rule (``domain/indicators.md``): offences involving a weapon (any recorded weapon other than
"none": knife or bladed article, firearm, imitation firearm, other weapon) committed in the
period (offence date) by a child aged 10–17 on that date, counted by weapon type and by offence
description. A count of offences, with the children who committed them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_COUNT, Result
from openyj.offending import codes

WEAPONS = registry.Indicator(
    code="weapons", name="Weapon offences", unit=UNIT_COUNT, better="lower", period=registry.QUARTERLY,
    group=registry.LOCAL, ids="offences", version="1", effective=date(2024, 4, 1), order=50,
    numerator="offences involving a weapon", breakdowns=("Weapon", "Offence description"),
    definition="Offences committed in the period by children aged 10 to 17 where a weapon (a knife, a firearm, "
               "an imitation firearm or another weapon) was recorded.",
)


def counted(t: Tables, period: Period):
    of = t.offences
    of = of.filter(of.weapon != "none", of.weapon != "", of.weapon.notnull(), t.within(of.offence_date))
    c = t.children
    j = of.join(c, [of.child_pk == c.child_pk, of.service_id == c.service_id])
    j = j.mutate(age=age_at(j.dob, j.offence_date)).filter(lambda x: x.age.between(10, 17))
    return j.select("service_id", "offence_pk", "offence_id", "child_pk", "child_id", "weapon", "description",
                    "category_name", "offence_date")


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    labels = dict(codes.WEAPON)
    out = {}
    for sid, items in rows.items():
        children = sorted({i["child_id"] for i in items})
        by_weapon = Counter(labels.get(i["weapon"], i["weapon"]) for i in items)
        by_desc = Counter(i["description"] or i["category_name"] for i in items)
        out[sid] = WEAPONS.result(
            period=period, numerator=len(items), denominator=None, value=len(items),
            ids=sorted(i["offence_id"] for i in items), child_ids=children,
            extra={"children": len(children)},
            breakdowns={
                "Weapon": [{"group": k, "offences": v} for k, v in sorted(by_weapon.items())],
                "Offence description": [{"group": k, "offences": v} for k, v in by_desc.most_common()],
            },
        )
    return {WEAPONS.code: out}


DEFINITION = registry.Definition(key="weapons", indicators=(WEAPONS,), compute=compute)
