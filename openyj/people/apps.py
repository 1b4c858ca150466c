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
        Child = self.get_model("Child")
        # The audit viewer names children by their reference, found here (core knows no people app).
        audit.register_child_directory(
            references=lambda ids: dict(Child.objects.filter(pk__in=list(ids)).values_list("pk", "reference")),
            find=lambda service_id, reference: Child.objects.filter(
                service_id=service_id, reference=reference).values_list("pk", flat=True).first(),
        )
