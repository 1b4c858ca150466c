from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "openyj.governance"
    label = "governance"
    verbose_name = "Board, budget, workforce and improvement"

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
