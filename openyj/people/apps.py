from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "openyj.people"
    label = "people"
    verbose_name = "Children"
