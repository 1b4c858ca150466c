from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only so that Django finds the ``demo`` and ``generate_demo`` commands; it has no models."""

    name = "openyj.demo"
    label = "demo"
