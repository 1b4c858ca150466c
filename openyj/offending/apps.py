from django.apps import AppConfig


class OffendingConfig(AppConfig):
    name = "openyj.offending"
    label = "offending"
    verbose_name = "Offences, outcomes, remands and custody"

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
