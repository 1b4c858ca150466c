from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class IndicatorsConfig(AppConfig):
    name = "openyj.indicators"
    label = "indicators"
    verbose_name = "Indicators and reference data"
    nav_items = (
        NavItem("dashboard", "Performance", Action.VIEW_AGGREGATE, order=20, start=True),
        NavItem("indicator_settings", "Performance settings", Action.SET_TARGETS, order=70),
    )

    def ready(self):
        from openyj.core import audit

        audit.register(*self.get_models())
