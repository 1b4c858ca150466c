"""Hand-worked KPI cases for the quarter April–June 2025: each builder makes the records its test
describes and returns nothing; the expected figures are worked out by hand in the tests."""

from __future__ import annotations

from datetime import date

from openyj.indicators.periods import Period

from .. import factories as f

Q = Period.quarter(2025, 2)  # 1 April – 30 June 2025


def cohort_edges(service):
    """Ending on the first and last day (in), the day after and the day before (out), and open (out)."""
    for ref, end in (("FIRST", "2025-04-01"), ("LAST", "2025-06-30"), ("AFTER", "2025-07-01"),
                     ("BEFORE", "2025-03-31"), ("OPEN", None)):
        c = f.child(service, ref=ref)
        f.intervention(c, "2025-01-01", end, ref=f"I-{ref}", accommodation_suitable_end=True)


def two_interventions(service):
    """TWICE: two interventions ending in the quarter; the later (unsuitable at the end) is measured.
    TIE: two ending the same day; the later start (suitable) is measured. SAME: the same end and start;
    the higher reference (I10, suitable) is measured."""
    c = f.child(service, ref="TWICE")
    f.intervention(c, "2025-01-01", "2025-05-01", ref="I-TW1", accommodation_suitable_end=True)
    f.intervention(c, "2025-02-01", "2025-06-01", ref="I-TW2", accommodation_suitable_end=False)
    c = f.child(service, ref="TIE")
    f.intervention(c, "2025-01-01", "2025-05-01", ref="I-TI1", accommodation_suitable_end=False)
    f.intervention(c, "2025-03-01", "2025-05-01", ref="I-TI2", accommodation_suitable_end=True)
    c = f.child(service, ref="SAME")  # same end and start: the higher reference, I10 after I9
    f.intervention(c, "2025-03-01", "2025-05-01", ref="I10", accommodation_suitable_end=True)
    f.intervention(c, "2025-03-01", "2025-05-01", ref="I9", accommodation_suitable_end=False)


def accommodation(service):
    """A1 suitable (custody release, unsuitable at the start); A2 unsuitable; A3 not recorded."""
    f.intervention(f.child(service, ref="A1"), "2025-01-01", "2025-05-01", kind="custody_licence", ref="I-A1",
                   accommodation_suitable_start=False, accommodation_suitable_end=True,
                   accommodation_type_end="parent_family")
    f.intervention(f.child(service, ref="A2"), "2025-01-01", "2025-05-01", kind="yro", ref="I-A2",
                   accommodation_suitable_start=False, accommodation_suitable_end=False,
                   accommodation_type_end="temporary")
    f.intervention(f.child(service, ref="A3"), "2025-01-01", "2025-05-01", kind="yro", ref="I-A3",
                   accommodation_suitable_start=True)


def ete(service):
    """E1 school age suitable, 25 h offered 20 attended; E2 school age unsuitable, 10 h offered;
    E3 above school age suitable; E4 suitability not recorded."""
    f.intervention(f.child(service, ref="E1"), "2025-01-01", "2025-05-01", ref="I-E1", ete_suitable_end=True,
                   school_age_end=True, ete_hours_offered_end=25, ete_hours_attended_end=20)
    f.intervention(f.child(service, ref="E2"), "2025-01-01", "2025-05-01", ref="I-E2", ete_suitable_end=False,
                   school_age_end=True, ete_hours_offered_end=10)
    f.intervention(f.child(service, ref="E3"), "2025-01-01", "2025-05-01", ref="I-E3", ete_suitable_end=True,
                   school_age_end=False)
    f.intervention(f.child(service, ref="E4"), "2025-01-01", "2025-05-01", ref="I-E4", school_age_end=True)


def send(service):
    """S1 SEND with a plan; S2 SEND without; S3 SEND, plan not recorded (missing); S4 no SEND, plan
    empty (not missing); S5 SEND not recorded (missing)."""
    for ref, ident, plan, ete_ok in (("S1", True, True, True), ("S2", True, False, False), ("S3", True, None, None),
                                     ("S4", False, None, True), ("S5", None, None, True)):
        f.intervention(f.child(service, ref=ref), "2025-01-01", "2025-05-01", ref=f"I-{ref}", send_identified=ident,
                       send_plan_current=plan, ete_suitable_end=ete_ok)


def cascade(service, prefix: str, tag: str):
    """need → offered → attending: 1 T T T; 2 T T F; 3 T F -; 4 T - -; 5 F; 6 not recorded."""
    for n, (need, offered, attending) in enumerate(((True, True, True), (True, True, False), (True, False, None),
                                                    (True, None, None), (False, None, None), (None, None, None)), 1):
        f.intervention(f.child(service, ref=f"{tag}{n}"), "2025-01-01", "2025-05-01", ref=f"I-{tag}{n}",
                       **{f"{prefix}_need": need, f"{prefix}_offered": offered, f"{prefix}_attending": attending})


def oocd(service):
    """O1 completed (youth caution); O2 breached; O3 no end reason (missing); O4 completed after the
    quarter; O5 open; R1 a referral order completed (not out of court)."""
    c = f.child(service, ref="OC")
    caution = f.outcome(c, "2025-01-10", "youth_caution")
    f.intervention(c, "2025-01-10", "2025-04-20", kind="out_of_court", ref="O1", end_reason="completed",
                   outcome=caution)
    f.intervention(c, "2025-01-10", "2025-05-20", kind="out_of_court", ref="O2", end_reason="breached")
    f.intervention(c, "2025-01-10", "2025-06-20", kind="out_of_court", ref="O3")
    f.intervention(c, "2025-01-10", "2025-07-20", kind="out_of_court", ref="O4", end_reason="completed")
    f.intervention(c, "2025-01-10", None, kind="out_of_court", ref="O5")
    f.intervention(c, "2025-01-10", "2025-04-20", kind="referral_order", ref="R1", end_reason="completed")


def board(service):
    """Police attended; health by a senior deputy; education by a deputy not senior enough;
    probation sent apologies; the council's deputy's seniority not recorded (missing); a voluntary
    member who is not a statutory partner; a member whose partner status is not recorded (missing);
    and a meeting after the quarter."""
    from openyj.governance.models import BoardAttendance

    rows = [
        ("2025-05-14", "Police lead", "Police", True, None, "attended"),
        ("2025-05-14", "Health lead", "Health", True, True, "deputy"),
        ("2025-05-14", "Education lead", "Education", True, False, "deputy"),
        ("2025-05-14", "Probation lead", "Probation", True, None, "apologies"),
        ("2025-06-11", "Council lead", "Local authority", True, None, "deputy"),
        ("2025-06-11", "Charity lead", "Voluntary sector", False, None, "attended"),
        ("2025-06-11", "Someone", "Police", None, None, "attended"),
        ("2025-07-09", "Police lead", "Police", True, None, "absent"),
    ]
    for day, member, agency, partner, senior, attendance in rows:
        BoardAttendance.objects.create(service=service, meeting_date=date.fromisoformat(day), member=member,
                                       agency=agency, statutory_partner=partner, appropriate_seniority=senior,
                                       attendance=attendance)


def wider(service):
    """Interventions 1 February – 15 May 2025. W1 looked after until the day before the start (no
    overlap); W2 child in need, open since 2024; W3 child protection starting on the last day; W4
    early help only; W5 looked after on remand; W6 nothing."""
    from openyj.people.models import Episode

    episodes = {
        "W1": ("looked_after", "2024-06-01", "2025-01-31", "care_order"),
        "W2": ("child_in_need", "2024-06-01", None, ""),
        "W3": ("child_protection", "2025-05-15", "2025-09-01", ""),
        "W4": ("early_help", "2025-03-01", None, ""),
        "W5": ("looked_after", "2025-04-01", "2025-04-30", "remand"),
        "W6": None,
    }
    for ref, ep in episodes.items():
        c = f.child(service, ref=ref)
        f.intervention(c, "2025-02-01", "2025-05-15", ref=f"I-{ref}")
        if ep:
            Episode.objects.create(service=service, child=c, episode_type=ep[0], start_date=f.d(ep[1]),
                                   end_date=f.d(ep[2]) if ep[2] else None, legal_basis=ep[3])


def serious_violence(service):
    """Population 10,000. V1 robbery at 5 proven in the quarter (counted); V2 violence at 4 (not);
    V3 theft at 7 (not in the three categories); V4 drugs at 6 first proven last quarter (not); V5
    robbery at 8 and drugs at 5, both proven in the quarter (counted once); V6 robbery at 6 with only
    a community resolution (not proven)."""
    f.population("E08000901", 2025, 10_000)
    v1 = f.child(service, ref="V1")
    f.proven(v1, "2025-03-01", "2025-04-10", category="robbery", seriousness=5)
    f.proven(f.child(service, ref="V2"), "2025-03-01", "2025-04-10", category="violence_against_the_person",
             seriousness=4)
    f.proven(f.child(service, ref="V3"), "2025-03-01", "2025-04-10", category="theft_and_handling", seriousness=7)
    v4 = f.child(service, ref="V4")
    of = f.proven(v4, "2025-01-01", "2025-03-20", category="drugs", seriousness=6)
    f.outcome(v4, "2025-05-01", "referral_order", [of])
    v5 = f.child(service, ref="V5")
    f.proven(v5, "2025-03-01", "2025-05-10", "referral_order", category="robbery", seriousness=8)
    f.proven(v5, "2025-03-01", "2025-06-10", category="drugs", seriousness=5)
    f.proven(f.child(service, ref="V6"), "2025-03-01", "2025-04-10", "community_resolution", category="robbery",
             seriousness=6)


def victims(service):
    """Offences first dealt with in the quarter unless said. VA consented, direct RJ, views sought;
    VB consented, no RJ, views not sought; VC consented, participation not recorded (missing); VD did
    not consent; VE consent not recorded (missing); VF consented, indirect, but placed last quarter;
    VG two offences, the earlier dealt with last quarter (placed then); VH consented, indirect, after
    a community resolution (informal outcomes place a victim too)."""
    from openyj.casework.models import Victim

    c = f.child(service, ref="VICT")
    now = f.proven(c, "2025-03-01", "2025-04-15", category="robbery", seriousness=3)
    before = f.proven(c, "2025-01-01", "2025-03-15", category="robbery", seriousness=3)
    informal = f.proven(c, "2025-03-01", "2025-05-15", "community_resolution", category="theft_and_handling")
    rows = [
        ("VA", [now], {"consent_to_contact": True, "rj_participation": "direct", "views_sought": True}),
        ("VB", [now], {"consent_to_contact": True, "rj_participation": "none", "views_sought": False}),
        ("VC", [now], {"consent_to_contact": True}),
        ("VD", [now], {"consent_to_contact": False, "rj_participation": "none"}),
        ("VE", [now], {}),
        ("VF", [before], {"consent_to_contact": True, "rj_participation": "indirect"}),
        ("VG", [now, before], {"consent_to_contact": True, "rj_participation": "direct"}),
        ("VH", [informal], {"consent_to_contact": True, "rj_participation": "indirect"}),
    ]
    for ref, offences, items in rows:
        v = Victim.objects.create(service=service, reference=ref, **items)
        v.offences.set(offences)


ALL = [cohort_edges, two_interventions, accommodation, ete, send, lambda s: cascade(s, "mh", "M"),
       lambda s: cascade(s, "substance", "U"), oocd, board, wider, serious_violence, victims]
