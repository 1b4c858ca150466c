"""The coded values of the interchange format (format version 1) and of the data model.

One place for every enumeration, so the web forms, the importer, the demo generator and the
indicators agree. Each list is ``(code, label)`` pairs in the order users expect to see them.
Codes are part of the published contract (``shared/spec/interchange.md``): never rename one.

Reference data that services may need to extend or that is unconfirmed against a primary source
(offence categories, the outcome ladder) is also loaded into database tables by a data migration,
so that it is versioned data rather than code; the tuples here seed those tables.
"""

from __future__ import annotations

SEX = [
    ("male", "Male"),
    ("female", "Female"),
    ("other", "Other"),
    ("not_known", "Not known"),
]

# GSS harmonised ethnicity (Census 2021): 19 detailed categories in five groups, plus not stated /
# not known (which are excluded from shares, and always reported as a count).
ETHNICITY = [
    ("white_british", "White: English, Welsh, Scottish, Northern Irish or British", "white"),
    ("white_irish", "White: Irish", "white"),
    ("white_gypsy_irish_traveller", "White: Gypsy or Irish Traveller", "white"),
    ("white_roma", "White: Roma", "white"),
    ("white_other", "White: Any other White background", "white"),
    ("mixed_white_black_caribbean", "Mixed: White and Black Caribbean", "mixed"),
    ("mixed_white_black_african", "Mixed: White and Black African", "mixed"),
    ("mixed_white_asian", "Mixed: White and Asian", "mixed"),
    ("mixed_other", "Mixed: Any other Mixed or multiple background", "mixed"),
    ("asian_indian", "Asian: Indian", "asian"),
    ("asian_pakistani", "Asian: Pakistani", "asian"),
    ("asian_bangladeshi", "Asian: Bangladeshi", "asian"),
    ("asian_chinese", "Asian: Chinese", "asian"),
    ("asian_other", "Asian: Any other Asian background", "asian"),
    ("black_caribbean", "Black: Caribbean", "black"),
    ("black_african", "Black: African", "black"),
    ("black_other", "Black: Any other Black, Black British or Caribbean background", "black"),
    ("other_arab", "Other ethnic group: Arab", "other"),
    ("other_any", "Other ethnic group: Any other ethnic group", "other"),
    ("not_stated", "Not stated", None),
    ("not_known", "Not known", None),
]
ETHNICITY_CHOICES = [(code, label) for code, label, _group in ETHNICITY]
ETHNICITY_GROUP = {code: group for code, _label, group in ETHNICITY}
ETHNIC_GROUPS = [
    ("white", "White"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("other", "Other ethnic group"),
]
# Services report Gypsy, Roma and Traveller children as their own line (the Leeds seed does).
GRT_CODES = frozenset({"white_gypsy_irish_traveller", "white_roma"})

EPISODE_TYPE = [
    ("looked_after", "Looked after"),
    ("child_in_need", "Child in need"),
    ("child_protection", "Child protection plan"),
    ("early_help", "Early help plan"),
]
LEGAL_BASIS = [
    ("s20", "Voluntary (section 20)"),
    ("care_order", "Care order"),
    ("remand", "Remand to local authority"),
    ("other", "Other"),
]
SEND_STATUS = [
    ("none", "No identified need"),
    ("sen_support", "SEN support"),
    ("ehcp", "Education, health and care plan (ALN plan in Wales)"),
]

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

INTERVENTION_KIND = [
    ("prevention", "Prevention"),
    ("diversion", "Diversion after an informal outcome"),
    ("out_of_court", "Out-of-court disposal"),
    ("referral_order", "Referral order"),
    ("yro", "Youth rehabilitation order"),
    ("custody_licence", "Custody and licence"),
    ("bail_support", "Bail support"),
    ("other", "Other"),
]
END_REASON = [
    ("completed", "Completed"),
    ("revoked_good_progress", "Revoked for good progress"),
    ("revoked_resentenced", "Revoked and resentenced"),
    ("breached", "Breached"),
    ("transferred_out", "Transferred out"),
    ("transferred_to_probation", "Moved to adult probation"),
    ("other", "Other"),
]
ACCOMMODATION_TYPE = [
    ("parent_family", "With parents or family"),
    ("foster", "Foster care"),
    ("residential", "Children's home or residential"),
    ("supported", "Supported accommodation"),
    ("independent", "Independent living"),
    ("custody", "Custody or secure estate"),
    ("temporary", "Temporary or emergency"),
    ("no_fixed_abode", "No fixed abode"),
    ("other", "Other"),
]
ETE_STATUS = [
    ("full_time_school", "Full-time school"),
    ("part_time_timetable", "Part-time timetable"),
    ("alternative_provision", "Alternative provision"),
    ("electively_home_educated", "Electively home educated"),
    ("college", "College"),
    ("training", "Training or apprenticeship"),
    ("employment", "Employment"),
    ("not_in_ete", "Not in education, training or employment"),
    ("education_in_custody", "Education in custody"),
]

ASSESSMENT_TOOL = [
    ("assetplus", "AssetPlus"),
    ("prevention", "Prevention or early help tool"),
    ("local_oocd", "Local out-of-court tool"),
    ("other", "Other"),
]
LIKELIHOOD = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
RISK_LEVEL = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("very_high", "Very high")]

RJ_PARTICIPATION = [("direct", "Direct"), ("indirect", "Indirect"), ("none", "None")]
FEEDBACK_SOURCE = [("child", "Child"), ("parent", "Parent or carer"), ("victim", "Victim")]

STAFF_TYPE = [
    ("employee", "Employee"),
    ("secondee", "Secondee"),
    ("volunteer", "Volunteer"),
    ("trainee", "Trainee"),
    ("sessional", "Sessional"),
]
ATTENDANCE = [
    ("attended", "Attended"),
    ("deputy", "Sent a deputy"),
    ("apologies", "Apologies"),
    ("absent", "Absent"),
]
AREA_TYPE = [
    ("national", "National"),
    ("region", "Region"),
    ("family", "YJS family"),
    ("force", "Police force area"),
]


def codes(choices) -> list[str]:
    """The codes of a choices list (first element of each tuple)."""
    return [c[0] for c in choices]
