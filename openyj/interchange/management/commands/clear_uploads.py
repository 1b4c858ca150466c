"""``openyj clear-uploads``: delete uploads (and the rows kept to show their problems) of imports that
ended more than ``OPENYJ_UPLOAD_RETENTION_DAYS`` days ago. The worker does this daily by itself; this
command is for running it from cron, or at once."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from openyj.core.actors import COMMAND_LINE
from openyj.interchange.services import uploads_clear


class Command(BaseCommand):
    help = ("Delete uploads of imports that ended more than OPENYJ_UPLOAD_RETENTION_DAYS days ago "
            "(the worker also does this daily).")

    def handle(self, *args, **options):
        cleared = uploads_clear(user=COMMAND_LINE)
        self.stdout.write(f"Deleted the files of {cleared} import{'s'[:cleared != 1]} that ended more than "
                          f"{settings.OPENYJ_UPLOAD_RETENTION_DAYS} days ago.")
