from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class InterchangeConfig(AppConfig):
    name = "openyj.interchange"
    label = "interchange"
    nav_items = (
        NavItem("import_start", "Import data", Action.IMPORT, order=40),
        NavItem("export_confirm", "Export data", Action.EXPORT, order=50),
    )
