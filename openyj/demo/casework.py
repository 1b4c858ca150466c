"""Demo casework the interchange format does not carry: reviews of interventions and the out-of-court
panel's decisions, made from the demo service's own records so that the figures built on them (reviews
done on time, panel congruence) and the managers' work queue are not empty.

Deterministic for the same records and seed; loading twice adds nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from openyj.casework.models import Intervention, PanelDecision, Review
from openyj.offending.models import Outcome, OutcomeType

# Orders are reviewed about every three months.
REVIEWED_KINDS = ("referral_order", "yro", "custody_licence")
REVIEW_EVERY_DAYS = 91
# Out-of-court outcomes go through the joint decision panel.
PANEL_TIERS = ("informal", "formal_ooc")


@transaction.atomic
def load_demo_casework(service, *, seed: int = 2025, today: date | None = None) -> dict[str, int]:
    """Add reviews and panel decisions to ``service`` unless it has some already; return the counts."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    made = {"reviews": 0, "panel_decisions": 0}
    if not Review.objects.filter(service=service).exists():
        made["reviews"] = _reviews(service, rng, today)
    if not PanelDecision.objects.filter(service=service).exists():
        made["panel_decisions"] = _panel(service, rng)
    return made


def _reviews(service, rng: random.Random, today: date) -> int:
    reviews = []
    for i in (Intervention.objects.filter(service=service, kind__in=REVIEWED_KINDS)
              .order_by("pk").only("pk", "child_id", "start_date", "end_date")):
        last = i.end_date or today + timedelta(days=30)  # an open order's next review may be coming up
        due = i.start_date + timedelta(days=REVIEW_EVERY_DAYS)
        while due <= last:
            done = None
            if due <= today - timedelta(days=7) or (i.end_date and due <= i.end_date):
                roll = rng.random()
                if roll < 0.78:
                    done = due - timedelta(days=rng.randint(0, 10))  # on time
                elif roll < 0.95:
                    done = due + timedelta(days=rng.randint(3, 30))  # late
                # else: never done (an overdue review on an open order shows in the work queue)
                if done is not None and done > today:
                    done = None
            reviews.append(Review(service=service, intervention_id=i.pk, child_id=i.child_id, due_on=due,
                                  done_on=done))
            due += timedelta(days=REVIEW_EVERY_DAYS)
    Review.objects.bulk_create(reviews, batch_size=1000)
    return len(reviews)


def _panel(service, rng: random.Random) -> int:
    ladder = list(OutcomeType.objects.filter(tier__in=PANEL_TIERS).order_by("ordering"))
    if not ladder:
        return 0
    decisions = []
    for o in (Outcome.objects.filter(service=service, outcome_type__tier__in=PANEL_TIERS)
              .order_by("pk").only("pk", "child_id", "outcome_date", "outcome_type_id")):
        decided = next(t for t in ladder if t.pk == o.outcome_type_id)
        recommended = decided
        if rng.random() < 0.18:  # the panel recommended one rung up or down, and the decision differed
            index = ladder.index(decided) + rng.choice((-1, 1))
            recommended = ladder[min(max(index, 0), len(ladder) - 1)]
        decisions.append(PanelDecision(
            service=service, child_id=o.child_id, referred_on=o.outcome_date - timedelta(days=rng.randint(7, 21)),
            npcc_gravity=rng.choice((1, 2, 2, 3, 3, 4)), recommendation=recommended, decision=decided,
            decided_on=o.outcome_date,
        ))
    PanelDecision.objects.bulk_create(decisions, batch_size=1000)
    return len(decisions)
