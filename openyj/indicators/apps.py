from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "openyj.indicators"
    label = "indicators"
    verbose_name = "Indicators and reference data"
