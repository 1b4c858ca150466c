from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class GovernanceConfig(AppConfig):
    name = "openyj.governance"
    label = "governance"
    verbose_name = "Board, budget, workforce and improvement"
    # Board members land on the performance dashboard; governance is one more link in their header.
    nav_items = (NavItem("governance_home", "Governance", Action.VIEW_GOVERNANCE, order=33),)

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
