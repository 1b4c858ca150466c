from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class DocumentsConfig(AppConfig):
    name = "openyj.documents"
    label = "documents"
    verbose_name = "Youth Justice Plan and board reports"
    nav_items = (NavItem("documents", "Plans and reports", Action.VIEW_AGGREGATE, order=35),)

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
