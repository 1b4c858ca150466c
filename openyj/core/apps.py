from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "openyj.core"
    label = "core"
    verbose_name = "Services, people and audit"

    def ready(self):
        from auditlog.registry import auditlog
        from django.apps import apps

        from openyj.core import checks  # noqa: F401  (registers the deployment checks)

        # django-auditlog keeps field-level history of every case record as a safety net under the
        # services' own audit events (which also record reads).
        for label in ("people", "offending", "casework", "governance", "indicators"):
            for model in apps.get_app_config(label).get_models():
                if not auditlog.contains(model):
                    auditlog.register(model)
        auditlog.register(apps.get_model("core", "Membership"))
        auditlog.register(apps.get_model("core", "Service"))
