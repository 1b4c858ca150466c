from django.apps import AppConfig

from openyj.core.navigation import NavItem
from openyj.core.roles import Action


class IndicatorsConfig(AppConfig):
    name = "openyj.indicators"
    label = "indicators"
    verbose_name = "Indicators and reference data"
    nav_items = (
        NavItem("dashboard", "Performance", Action.VIEW_AGGREGATE, order=20, start=True),
        NavItem("indicator_settings", "Performance settings", Action.SET_TARGETS, order=70),
    )

    def ready(self):
        from django.db.models.signals import post_save

        from openyj.core import audit
        from openyj.core.models import AuditEvent
        from openyj.indicators.figure_models import FigureSet, FigureState

        # the stored figures are derived data, recomputed rather than edited: not in the change log
        audit.register(*[m for m in self.get_models() if m not in (FigureSet, FigureState)])
        post_save.connect(_records_changed, sender=AuditEvent, dispatch_uid="indicators_records_changed")


# Every write to a service's records or settings is audited (docs/architecture.md), so the audit trail
# is the one place that knows a service's data changed — an import, a record edited in a page, a
# setting. After the change commits, the service's stored figures are marked stale and one refresh
# is queued (coalesced). See docs/decisions.md.
WRITES = {"create", "change", "delete", "import"}
NOT_DATA = {"indicators.FigureSet", "indicators.FigureState", "core.User", "auth.User", "core.Membership",
            "interchange.ImportRun"}


def _records_changed(sender, instance, created, **kwargs):
    if not created or instance.verb not in WRITES or not instance.service_id or instance.object_type in NOT_DATA:
        return
    from django.db import connection, transaction

    from openyj.indicators.services import figures_refresh_queue

    service_id = instance.service_id
    # an import audits many changes in one transaction: one callback per service is enough
    if any(getattr(item[1], "openyj_figures_of", None) == service_id for item in connection.run_on_commit):
        return

    def queue():
        figures_refresh_queue(service_id)

    queue.openyj_figures_of = service_id  # type: ignore[attr-defined]  # a marker read just above
    transaction.on_commit(queue)
