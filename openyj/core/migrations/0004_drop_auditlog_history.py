"""django-auditlog was removed: AuditEvent is the one audit trail (docs/decisions.md).

Its table held a second copy of the values that changed (children's names included) with no service
to scope it by, so it is dropped rather than left behind. The events the services wrote are all in
AuditEvent already.
"""

from django.db import migrations


def drop_auditlog_table(apps, schema_editor):
    connection = schema_editor.connection
    if "auditlog_logentry" in connection.introspection.table_names():
        schema_editor.execute("DROP TABLE auditlog_logentry")
        schema_editor.execute("DELETE FROM django_migrations WHERE app = 'auditlog'")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_actor")]

    operations = [migrations.RunPython(drop_auditlog_table, migrations.RunPython.noop, elidable=True)]
