from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class QualityConfig(AppConfig):
    name = "openyj.quality"
    label = "quality"
    nav_items = (NavItem("quality_home", "Quality", Action.READ_QUALITY, order=30),)
