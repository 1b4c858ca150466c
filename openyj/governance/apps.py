from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "openyj.governance"
    label = "governance"
    verbose_name = "Board, budget, workforce and improvement"
