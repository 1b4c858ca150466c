from django.apps import AppConfig


class OffendingConfig(AppConfig):
    name = "openyj.offending"
    label = "offending"
    verbose_name = "Offences, outcomes, remands and custody"
