from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "openyj.quality"
    label = "quality"
