"""The coded values of offending: offence categories, weapons, hostility, the outcome ladder, remands,
custody.

Codes are part of the published interchange contract (``shared/spec/interchange.md``): never rename one.
Each list is ``(code, label)`` pairs in the order users expect to see them.

The offence categories and the outcome ladder are also reference data in database tables (loaded by
this app's data migrations, with frozen copies of these lists), so that services can read and extend
them as versioned data; the migrations, not these lists, are what the tables hold.
"""

from __future__ import annotations

# YJB offence categories: a commonly used list, [unconfirmed] against the YJB guide, so it is also
# shipped as reference data in the offence category table.
OFFENCE_CATEGORY = [
    ("arson", "Arson"),
    ("breach_of_bail", "Breach of bail"),
    ("breach_of_conditional_discharge", "Breach of conditional discharge"),
    ("breach_of_statutory_order", "Breach of statutory order"),
    ("criminal_damage", "Criminal damage"),
    ("death_or_injury_by_dangerous_driving", "Death or injury by dangerous driving"),
    ("domestic_burglary", "Domestic burglary"),
    ("non_domestic_burglary", "Non-domestic burglary"),
    ("drugs", "Drugs offences"),
    ("fraud_and_forgery", "Fraud and forgery"),
    ("motoring", "Motoring offences"),
    ("possession_of_weapons", "Possession of weapons"),
    ("public_order", "Public order"),
    ("racially_aggravated", "Racially aggravated"),
    ("robbery", "Robbery"),
    ("sexual", "Sexual offences"),
    ("theft_and_handling", "Theft and handling stolen goods"),
    ("vehicle_theft", "Vehicle theft / unauthorised taking"),
    ("violence_against_the_person", "Violence against the person"),
    ("other", "Other"),
]
# Breach offences never count as proven reoffences.
BREACH_CATEGORIES = frozenset(
    {"breach_of_bail", "breach_of_conditional_discharge", "breach_of_statutory_order"}
)

WEAPON = [
    ("none", "None"),
    ("knife", "Knife or bladed article"),
    ("firearm", "Firearm"),
    ("imitation_firearm", "Imitation firearm"),
    ("other", "Other weapon"),
]
HOSTILITY = [
    ("race", "Race"),
    ("religion", "Religion"),
    ("disability", "Disability"),
    ("sexual_orientation", "Sexual orientation"),
    ("transgender_identity", "Transgender identity"),
]

# The outcome ladder: (code, label, tier, substantive, custodial).
TIER = [
    ("informal", "Informal out-of-court"),
    ("formal_ooc", "Formal out-of-court"),
    ("first_tier", "First tier (court)"),
    ("community", "Community (court)"),
    ("custody", "Custody (court)"),
]
# Outcomes of these tiers are given by a court; the others out of court.
COURT_TIERS = frozenset({"first_tier", "community", "custody"})
OUT_OF_COURT_TIERS = frozenset(code for code, _label in TIER) - COURT_TIERS
OUTCOME_TYPE = [
    ("community_resolution", "Community resolution", "informal", False, False),
    ("outcome_22", "Outcome 22 (deferred or diversionary)", "informal", False, False),
    ("outcome_21", "Outcome 21 (further investigation not in the public interest)", "informal", False, False),
    ("deferred_prosecution", "Deferred prosecution or deferred caution", "informal", False, False),
    ("youth_restorative_disposal", "Youth restorative disposal (historic)", "informal", False, False),
    ("youth_caution", "Youth caution", "formal_ooc", True, False),
    ("youth_conditional_caution", "Youth conditional caution", "formal_ooc", True, False),
    ("absolute_discharge", "Absolute discharge", "first_tier", True, False),
    ("conditional_discharge", "Conditional discharge", "first_tier", True, False),
    ("fine", "Fine", "first_tier", True, False),
    ("compensation_order", "Compensation order", "first_tier", True, False),
    ("reparation_order", "Reparation order (historic)", "first_tier", True, False),
    ("referral_order", "Referral order", "first_tier", True, False),
    ("youth_rehabilitation_order", "Youth rehabilitation order", "community", True, False),
    ("yro_iss", "Youth rehabilitation order with intensive supervision and surveillance", "community", True, False),
    ("yro_fostering", "Youth rehabilitation order with fostering", "community", True, False),
    ("detention_training_order", "Detention and training order", "custody", True, True),
    ("section_250", "Section 250 detention (Sentencing Act 2020)", "custody", True, True),
    ("section_254", "Section 254 detention (Sentencing Act 2020)", "custody", True, True),
    ("section_259", "Section 259 detention (Sentencing Act 2020)", "custody", True, True),
    ("extended_sentence", "Extended sentence", "custody", True, True),
    ("other_court", "Other court outcome", "first_tier", True, False),
]
OUTCOME_TYPE_CHOICES = [(code, label) for code, label, *_ in OUTCOME_TYPE]

REMAND_TYPE = [
    ("bail_support", "Bail with supervision and support"),
    ("la_accommodation", "Remand to local authority accommodation"),
    ("youth_detention", "Remand to youth detention accommodation"),
]
ESTABLISHMENT_TYPE = [
    ("yoi", "Young offender institution"),
    ("stc", "Secure training centre"),
    ("sch", "Secure children's home"),
    ("secure_school", "Secure school"),
]
ETE_ON_RELEASE = [
    ("full_time", "Full time"),
    ("part_time", "Part time"),
    ("none", "None"),
]
