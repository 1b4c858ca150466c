from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "openyj.interchange"
    label = "interchange"
