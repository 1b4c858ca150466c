from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action, Role


class CaseworkConfig(AppConfig):
    name = "openyj.casework"
    label = "casework"
    verbose_name = "Interventions, assessments and victims"
    nav_items = (
        # Case managers and managers start on the caseload; a performance officer, on Performance.
        NavItem("caseload", "Caseload", Action.VIEW_CASE, order=10,
                start=frozenset({Role.CASE_MANAGER, Role.MANAGER})),
        NavItem("work_queue", "Work queue", Action.COUNTERSIGN, order=12),
    )

    def ready(self):
        from openyj.core import audit

        victim = self.get_model("Victim")
        audit.register(*(model for model in self.get_models() if model is not victim))
        # A victim is linked to a child through the offences: an event about one concerns that child.
        audit.register(victim, child_id=lambda v: v.offences.values_list("child_id", flat=True).first()
                       if v.pk else None)
