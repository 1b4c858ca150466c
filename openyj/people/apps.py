from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "openyj.people"
    label = "people"
    verbose_name = "Children"

    def ready(self):
        from openyj.core import audit

        # A child's own record is about the child itself; its episodes name the child.
        audit.register(self.get_model("Child"), child_id=lambda child: child.pk)
        audit.register(self.get_model("Episode"))
