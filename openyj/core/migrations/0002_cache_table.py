"""The database cache's table (settings.CACHES): rate-limit counters and spent two-factor codes.

Made by a migration so that ``openyj migrate`` (and ``openyj demo``) is the only step: nobody has to
remember ``createcachetable``. The command skips a table that already exists.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
