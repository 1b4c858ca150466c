from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class CaseworkConfig(AppConfig):
    name = "openyj.casework"
    label = "casework"
    verbose_name = "Interventions, assessments and victims"
    nav_items = (NavItem("caseload", "Caseload", Action.VIEW_CASE, order=10, start=True),)

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
