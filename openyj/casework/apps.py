from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "openyj.casework"
    label = "casework"
    verbose_name = "Interventions, assessments and victims"
