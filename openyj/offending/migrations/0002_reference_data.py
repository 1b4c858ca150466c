"""Load the outcome ladder and the YJB offence categories as reference data.

The lists are frozen copies taken at the time of this migration (not imported from codes.py) so
that a later change to the code lists arrives as its own, reviewable migration.
"""

from django.db import migrations

CATEGORIES = [
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
BREACHES = {"breach_of_bail", "breach_of_conditional_discharge", "breach_of_statutory_order"}

OUTCOME_TYPES = [
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


def load(apps, schema_editor):
    OffenceCategory = apps.get_model("offending", "OffenceCategory")
    OutcomeType = apps.get_model("offending", "OutcomeType")
    for code, name in CATEGORIES:
        OffenceCategory.objects.update_or_create(code=code, defaults={"name": name, "is_breach": code in BREACHES})
    for order, (code, name, tier, substantive, custodial) in enumerate(OUTCOME_TYPES):
        OutcomeType.objects.update_or_create(
            code=code,
            defaults={"name": name, "tier": tier, "substantive": substantive, "custodial": custodial, "ordering": order},
        )


class Migration(migrations.Migration):
    dependencies = [("offending", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
