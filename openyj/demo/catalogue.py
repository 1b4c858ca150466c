"""The distributions the demo service is drawn from.

Every figure here is a modelling choice for a fictional northern English city, tuned so that the
generated service looks like the Leeds Youth Justice Plan 2021–24 cohort (see ``docs/demo-data.md``
for where each one comes from). Codes are the interchange codes of the apps' ``codes`` modules; the test
suite checks that every code used here is one of them.
"""

from __future__ import annotations

from .util import Weighted, weighted

# --- the children -----------------------------------------------------------------------------

SEX = weighted({"male": 85.0, "female": 14.8, "not_known": 0.2})

# Age at first contact with the service (first offence, or the start of prevention work).
ENTRY_AGE = weighted({10: 1.5, 11: 3.0, 12: 6.5, 13: 11.0, 14: 17.0, 15: 21.0, 16: 21.5, 17: 18.5})

# Children the service works with: about 71% White (4% of them Gypsy, Roma or Traveller), mixed
# heritage about double the city's share, Asian children under-represented, a few not known.
ETHNICITY = weighted({
    "white_british": 70.0,
    "white_irish": 0.4,
    "white_gypsy_irish_traveller": 2.4,
    "white_roma": 1.6,
    "white_other": 1.8,
    "mixed_white_black_caribbean": 6.2,
    "mixed_white_black_african": 1.6,
    "mixed_white_asian": 1.5,
    "mixed_other": 1.6,
    "asian_indian": 0.5,
    "asian_pakistani": 2.4,
    "asian_bangladeshi": 0.5,
    "asian_chinese": 0.2,
    "asian_other": 0.6,
    "black_caribbean": 2.0,
    "black_african": 3.6,
    "black_other": 1.2,
    "other_arab": 0.4,
    "other_any": 0.8,
    "not_stated": 0.2,
    "not_known": 0.5,
})

# Postcode districts of the fictional city ("DC" is not a real postcode area); the inner districts
# with the most deprivation see the most children.
POSTCODE_DISTRICT = weighted({
    "DC1": 4, "DC2": 9, "DC3": 7, "DC4": 11, "DC5": 6, "DC6": 10, "DC7": 5, "DC8": 8,
    "DC9": 12, "DC10": 6, "DC11": 9, "DC12": 4, "DC13": 5, "DC14": 4,
})

# --- offences ---------------------------------------------------------------------------------
# (category, description, YJB seriousness 1–8, weight, weapon rule). Weapon rules: "knife",
# "other", "imitation_firearm", "firearm" = always that weapon; "maybe_knife" = sometimes a knife
# (serious violence, robbery); None = no weapon.
OFFENCES: list[tuple[str, str, int, float, str | None]] = [
    ("violence_against_the_person", "Common assault", 2, 14.0, None),
    ("violence_against_the_person", "Assault by beating of an emergency worker", 3, 3.0, None),
    ("violence_against_the_person", "Harassment", 3, 1.5, None),
    ("violence_against_the_person", "Assault occasioning actual bodily harm", 4, 7.5, None),
    ("violence_against_the_person", "Threats to kill", 5, 0.8, "maybe_knife"),
    ("violence_against_the_person", "Inflicting grievous bodily harm or unlawful wounding", 6, 2.2, "maybe_knife"),
    ("violence_against_the_person", "Wounding with intent to cause grievous bodily harm", 7, 0.9, "maybe_knife"),
    ("violence_against_the_person", "Attempted murder", 8, 0.05, "maybe_knife"),
    ("theft_and_handling", "Theft from a shop", 1, 5.0, None),
    ("theft_and_handling", "Theft (other)", 2, 3.2, None),
    ("theft_and_handling", "Theft from the person", 3, 1.4, None),
    ("theft_and_handling", "Handling stolen goods", 3, 1.2, None),
    ("criminal_damage", "Criminal damage (under £5,000)", 2, 7.5, None),
    ("criminal_damage", "Criminal damage (over £5,000)", 3, 1.4, None),
    ("criminal_damage", "Threatening to destroy or damage property", 2, 0.8, None),
    ("drugs", "Possession of a controlled drug of Class B (cannabis)", 2, 5.0, None),
    ("drugs", "Possession of a controlled drug of Class A", 3, 1.0, None),
    ("drugs", "Being concerned in the supply of a controlled drug of Class B", 5, 0.9, None),
    ("drugs", "Possession with intent to supply a controlled drug of Class A", 6, 2.2, None),
    ("public_order", "Causing harassment, alarm or distress", 2, 2.6, None),
    ("public_order", "Using threatening, abusive or insulting words or behaviour", 3, 2.8, None),
    ("public_order", "Affray", 4, 1.4, None),
    ("public_order", "Violent disorder", 5, 0.25, None),
    ("robbery", "Robbery of personal property", 6, 3.0, "maybe_knife"),
    ("robbery", "Attempted robbery", 5, 0.7, "maybe_knife"),
    ("robbery", "Robbery of business property", 6, 0.3, "maybe_knife"),
    ("domestic_burglary", "Burglary of a dwelling", 5, 2.0, None),
    ("domestic_burglary", "Aggravated burglary of a dwelling", 7, 0.1, "maybe_knife"),
    ("non_domestic_burglary", "Burglary of a building other than a dwelling", 3, 2.0, None),
    ("motoring", "Driving a motor vehicle without insurance", 2, 3.0, None),
    ("motoring", "Driving otherwise than in accordance with a licence", 1, 2.6, None),
    ("motoring", "Failing to stop after a road accident", 2, 0.5, None),
    ("motoring", "Driving while disqualified", 3, 0.4, None),
    ("motoring", "Dangerous driving", 5, 0.6, None),
    ("vehicle_theft", "Taking a motor vehicle without consent", 3, 2.0, None),
    ("vehicle_theft", "Allowing oneself to be carried in a vehicle taken without consent", 2, 0.7, None),
    ("vehicle_theft", "Aggravated vehicle taking", 5, 0.8, None),
    ("possession_of_weapons", "Possessing a knife blade or sharply pointed article in a public place", 3, 2.4, "knife"),
    ("possession_of_weapons", "Possessing an offensive weapon in a public place", 3, 1.5, "other"),
    ("possession_of_weapons", "Possessing an article with a blade or point on school premises", 3, 0.6, "knife"),
    ("possession_of_weapons", "Threatening a person with a blade or sharply pointed article in a public place", 3,
     0.15, "knife"),
    ("possession_of_weapons", "Possessing an imitation firearm while committing a Schedule 1 offence", 5, 0.06,
     "imitation_firearm"),
    ("possession_of_weapons", "Possessing a prohibited firearm", 6, 0.03, "firearm"),
    ("racially_aggravated", "Racially or religiously aggravated harassment, alarm or distress", 4, 0.8, None),
    ("racially_aggravated", "Racially or religiously aggravated common assault", 4, 0.4, None),
    ("sexual", "Sexual assault", 5, 0.45, None),
    ("sexual", "Sexual activity with a child", 6, 0.2, None),
    ("arson", "Arson not endangering life", 4, 0.4, None),
    ("arson", "Arson reckless as to whether life was endangered", 6, 0.1, None),
    ("fraud_and_forgery", "Fraud by false representation", 2, 0.45, None),
    ("death_or_injury_by_dangerous_driving", "Causing serious injury by dangerous driving", 7, 0.05, None),
    ("other", "Resisting or obstructing a constable", 2, 1.1, None),
    ("other", "Sending a communication to cause distress or anxiety", 2, 0.8, None),
    ("other", "Wasting police time", 2, 0.2, None),
    ("other", "Possession of an article for use in the course of a theft", 3, 0.3, None),
]
OFFENCE = Weighted((row, row[3]) for row in OFFENCES)
# Later offences of a child already known to the service lean to the more serious.
SERIOUS_OFFENCE = Weighted((row, row[3]) for row in OFFENCES if row[2] >= 4)

# Breaches are not drawn at random: they follow from an order, bail or a conditional discharge.
BREACH_ORDER = ("breach_of_statutory_order", "Failing to comply with the requirements of a youth order", 2, 0, None)
BREACH_BAIL = ("breach_of_bail", "Failing to surrender to custody at the appointed time", 2, 0, None)
BREACH_DISCHARGE = (
    "breach_of_conditional_discharge", "Commission of a further offence during a conditional discharge", 2, 0, None,
)

# A knife in serious violence and robbery; the rare imitation firearm.
MAYBE_KNIFE = weighted({"none": 76.0, "knife": 20.0, "other": 3.0, "imitation_firearm": 1.0})

# The hostility that aggravated an offence (racially aggravated offences are race or religion).
HOSTILITY = weighted({
    "race": 55.0, "religion": 10.0, "sexual_orientation": 16.0, "disability": 11.0, "transgender_identity": 8.0,
})
RACIAL_HOSTILITY = weighted({"race": 88.0, "religion": 12.0})

# Categories where a person (or a business) was harmed and the service contacts the victim.
VICTIM_SHARE = {
    "violence_against_the_person": 0.7, "robbery": 0.8, "domestic_burglary": 0.8,
    "non_domestic_burglary": 0.4, "theft_and_handling": 0.35, "criminal_damage": 0.5,
    "sexual": 0.8, "racially_aggravated": 0.7, "arson": 0.5, "vehicle_theft": 0.4,
    "death_or_injury_by_dangerous_driving": 0.8,
}

# --- the outcome ladder -----------------------------------------------------------------------
# Levels: 0 informal out-of-court, 1 youth caution, 2 youth conditional caution, 3 first tier
# (court), 4 community (YRO), 5 custody.
INFORMAL, CAUTION, CONDITIONAL_CAUTION, FIRST_TIER, COMMUNITY, CUSTODY = range(6)

# The level of a first outcome by the seriousness of the most serious offence it disposes of.
FIRST_LEVEL = {
    1: Weighted(enumerate([86, 9, 3, 2, 0, 0])),
    2: Weighted(enumerate([80, 11, 5, 4, 0, 0])),
    3: Weighted(enumerate([56, 18, 12, 13, 1, 0])),
    4: Weighted(enumerate([30, 17, 20, 30, 3, 0])),
    5: Weighted(enumerate([6, 5, 12, 63, 13, 1])),
    6: Weighted(enumerate([2, 1, 5, 63, 26, 3])),
    7: Weighted(enumerate([0, 0, 0, 22, 50, 28])),
    8: Weighted(enumerate([0, 0, 0, 0, 35, 65])),
}
# How far up the ladder a further outcome goes from the highest one so far: out of court, a step
# up is usual; once in court, a second referral order or a fine is as likely as a YRO.
ESCALATION = weighted({0: 38.0, 1: 52.0, 2: 10.0})
ESCALATION_IN_COURT = weighted({0: 58.0, 1: 38.0, 2: 4.0})

INFORMAL_TYPE = weighted({
    "community_resolution": 52.0, "outcome_22": 38.0, "deferred_prosecution": 6.0, "outcome_21": 4.0,
})
INFORMAL_REPEAT_TYPE = weighted({"community_resolution": 60.0, "outcome_22": 35.0, "outcome_21": 5.0})
FIRST_COURT_TYPE = weighted({
    "referral_order": 86.0, "conditional_discharge": 4.0, "fine": 3.0, "absolute_discharge": 1.0,
    "compensation_order": 1.5, "other_court": 1.5, "reparation_order": 0.0,
})
LATER_FIRST_TIER_TYPE = weighted({
    "referral_order": 48.0, "conditional_discharge": 14.0, "fine": 20.0, "compensation_order": 5.0,
    "absolute_discharge": 3.0, "other_court": 10.0,
})
COMMUNITY_TYPE = weighted({"youth_rehabilitation_order": 85.5, "yro_iss": 13.0, "yro_fostering": 1.5})

REFERRAL_MONTHS = weighted({3: 30, 4: 14, 6: 26, 9: 14, 12: 16})
YRO_MONTHS = weighted({6: 14, 9: 14, 12: 40, 18: 16, 24: 16})
DTO_MONTHS = weighted({4: 30, 6: 22, 8: 15, 10: 10, 12: 12, 18: 7, 24: 4})
SECTION_250_MONTHS = weighted({24: 15, 30: 10, 36: 20, 48: 20, 60: 15, 72: 12, 96: 8})
DISCHARGE_MONTHS = weighted({6: 25, 12: 45, 18: 15, 24: 15})

# Intervention kind delivered for each outcome type (None: no intervention).
INTERVENTION_FOR = {
    "community_resolution": "diversion", "outcome_22": "diversion", "deferred_prosecution": "diversion",
    "outcome_21": None, "youth_restorative_disposal": "diversion",
    "youth_caution": "out_of_court", "youth_conditional_caution": "out_of_court",
    "referral_order": "referral_order", "youth_rehabilitation_order": "yro", "yro_iss": "yro",
    "yro_fostering": "yro", "detention_training_order": "custody_licence",
    "section_250": "custody_licence", "section_254": "custody_licence", "section_259": "custody_licence",
    "extended_sentence": "custody_licence", "other_court": "other",
    "absolute_discharge": None, "conditional_discharge": None, "fine": None,
    "compensation_order": None, "reparation_order": "other",
}
ORDER_KINDS = ("referral_order", "yro")

# Probability of a further offence (before any individual risk factor) after each kind of outcome.
REOFFEND = {
    INFORMAL: 0.22, CAUTION: 0.30, CONDITIONAL_CAUTION: 0.34, FIRST_TIER: 0.44, COMMUNITY: 0.56,
    CUSTODY: 0.6,
}

# --- the service's work -----------------------------------------------------------------------

END_REASON = {
    "prevention": weighted({"completed": 78, "other": 15, "transferred_out": 7}),
    "diversion": weighted({"completed": 86, "other": 10, "transferred_out": 4}),
    "out_of_court": weighted({"completed": 88, "other": 8, "transferred_out": 4}),
    "referral_order": weighted({"completed": 84, "revoked_good_progress": 9, "transferred_out": 4, "other": 3}),
    "yro": weighted({"completed": 80, "revoked_good_progress": 10, "transferred_out": 5, "other": 5}),
    "custody_licence": weighted({"completed": 92, "transferred_out": 5, "other": 3}),
    "bail_support": weighted({"completed": 95, "other": 5}),
    "other": weighted({"completed": 90, "other": 10}),
}

# At home most of the time; looked-after children in foster, residential or supported placements.
ACCOMMODATION_HOME = weighted({
    "parent_family": 92.0, "other": 3.0, "temporary": 2.0, "supported": 1.2, "independent": 1.0,
    "no_fixed_abode": 0.8,
})
ACCOMMODATION_CARE = weighted({"foster": 46.0, "residential": 38.0, "supported": 13.0, "other": 3.0})
ACCOMMODATION_SUITABLE = {
    "parent_family": 0.93, "foster": 0.93, "residential": 0.85, "supported": 0.8, "independent": 0.7,
    "custody": 0.9, "temporary": 0.3, "no_fixed_abode": 0.0, "other": 0.75,
}

# Education, training or employment: (status → hours offered range), suitability.
ETE_SCHOOL_AGE = weighted({
    "full_time_school": 40.0, "part_time_timetable": 19.0, "alternative_provision": 22.0,
    "electively_home_educated": 5.0, "not_in_ete": 14.0,
})
ETE_ABOVE_SCHOOL_AGE = weighted({"college": 36.0, "training": 20.0, "employment": 8.0, "not_in_ete": 36.0})
ETE_HOURS = {
    "full_time_school": (25, 30), "part_time_timetable": (4, 15), "alternative_provision": (10, 27),
    "electively_home_educated": (0, 0), "not_in_ete": (0, 0), "college": (12, 20),
    "training": (16, 30), "employment": (16, 37), "education_in_custody": (15, 30),
}
ETE_SUITABLE = {
    "full_time_school": 0.9, "part_time_timetable": 0.35, "alternative_provision": 0.7,
    "electively_home_educated": 0.45, "not_in_ete": 0.0, "college": 0.85, "training": 0.9,
    "employment": 0.85, "education_in_custody": 0.8,
}

ASSESSMENT_TOOL = {
    "prevention": "prevention", "diversion": "local_oocd", "out_of_court": "local_oocd",
    "referral_order": "assetplus", "yro": "assetplus", "custody_licence": "assetplus",
    "bail_support": "assetplus", "other": "assetplus",
}
_LMH = ("low", "medium", "high")
_LMHV = ("low", "medium", "high", "very_high")
REOFFENDING_LIKELIHOOD = {
    "prevention": Weighted(zip(_LMH, [70, 27, 3], strict=True)),
    "diversion": Weighted(zip(_LMH, [62, 33, 5], strict=True)),
    "out_of_court": Weighted(zip(_LMH, [50, 42, 8], strict=True)),
    "referral_order": Weighted(zip(_LMH, [32, 52, 16], strict=True)),
    "other": Weighted(zip(_LMH, [32, 52, 16], strict=True)),
    "bail_support": Weighted(zip(_LMH, [15, 50, 35], strict=True)),
    "yro": Weighted(zip(_LMH, [12, 50, 38], strict=True)),
    "custody_licence": Weighted(zip(_LMH, [4, 34, 62], strict=True)),
}
SERIOUS_HARM = {
    "prevention": Weighted(zip(_LMHV, [86, 13, 1, 0], strict=True)),
    "diversion": Weighted(zip(_LMHV, [78, 20, 2, 0], strict=True)),
    "out_of_court": Weighted(zip(_LMHV, [68, 28, 4, 0], strict=True)),
    "referral_order": Weighted(zip(_LMHV, [48, 43, 8, 1], strict=True)),
    "other": Weighted(zip(_LMHV, [48, 43, 8, 1], strict=True)),
    "bail_support": Weighted(zip(_LMHV, [20, 48, 28, 4], strict=True)),
    "yro": Weighted(zip(_LMHV, [22, 50, 24, 4], strict=True)),
    "custody_licence": Weighted(zip(_LMHV, [6, 38, 44, 12], strict=True)),
}
SAFETY_WELLBEING = {
    "prevention": Weighted(zip(_LMHV, [45, 44, 10, 1], strict=True)),
    "diversion": Weighted(zip(_LMHV, [50, 40, 9, 1], strict=True)),
    "out_of_court": Weighted(zip(_LMHV, [40, 46, 12, 2], strict=True)),
    "referral_order": Weighted(zip(_LMHV, [30, 48, 19, 3], strict=True)),
    "other": Weighted(zip(_LMHV, [30, 48, 19, 3], strict=True)),
    "bail_support": Weighted(zip(_LMHV, [12, 40, 38, 10], strict=True)),
    "yro": Weighted(zip(_LMHV, [12, 42, 36, 10], strict=True)),
    "custody_licence": Weighted(zip(_LMHV, [5, 30, 45, 20], strict=True)),
}

ESTABLISHMENT_BOYS = weighted({"yoi": 68.0, "stc": 10.0, "sch": 17.0, "secure_school": 5.0})
ESTABLISHMENT_YOUNGER = weighted({"stc": 30.0, "sch": 60.0, "secure_school": 10.0})
ETE_ON_RELEASE = weighted({"full_time": 42.0, "part_time": 36.0, "none": 22.0})

RJ_PARTICIPATION = weighted({"direct": 18.0, "indirect": 40.0, "none": 42.0})
SATISFACTION = weighted({5: 42, 4: 33, 3: 14, 2: 6, 1: 5})
