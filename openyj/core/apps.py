from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class CoreConfig(AppConfig):
    name = "openyj.core"
    label = "core"
    verbose_name = "Services, people and audit"
    nav_items = (NavItem("team", "Users", Action.CONFIGURE, order=60, start=True),
                 NavItem("audit_trail", "Audit trail", Action.VIEW_AUDIT_TRAIL, order=65))

    def ready(self):
        from openyj.core import (
            audit,
            checks,  # noqa: F401  (registers the deployment checks)
        )

        # Who may use which service, and the services themselves, have field history too.
        audit.register(self.get_model("Membership"), self.get_model("Service"))
