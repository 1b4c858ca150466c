"""The outcome ladder's ``supervised`` flag: outcomes the service supervises the child on.

Case-audit sampling reads the flag: a supervised outcome is a case an inspection reads whether or not
an intervention is recorded for it; any other outcome (a fine, a discharge, a community resolution)
is a case only when the service recorded work for it. The list is a frozen copy, as in 0002.
"""

from django.db import migrations, models

SUPERVISED = [
    "youth_caution", "youth_conditional_caution", "referral_order", "reparation_order",
    "youth_rehabilitation_order", "yro_iss", "yro_fostering",
    "detention_training_order", "section_250", "section_254", "section_259", "extended_sentence",
]


def load(apps, schema_editor):
    OutcomeType = apps.get_model("offending", "OutcomeType")
    OutcomeType.objects.filter(code__in=SUPERVISED).update(supervised=True)


class Migration(migrations.Migration):
    dependencies = [("offending", "0002_reference_data")]

    operations = [
        migrations.AddField(
            model_name="outcometype",
            name="supervised",
            field=models.BooleanField(
                default=False,
                help_text="The service supervises the child on this outcome (an order, or a caution it works "
                          "with), so it is a case an inspection reads even without an intervention recorded.",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
