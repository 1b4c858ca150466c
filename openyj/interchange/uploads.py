"""The upload size limit, enforced while the upload arrives: a file over ``OPENYJ_MAX_UPLOAD_MB`` is
dropped as it streams in, so it never fills memory or the disk, and the page then says why.

Installed first in ``FILE_UPLOAD_HANDLERS``; Django's own handlers store what it lets through.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class UploadLimitHandler(FileUploadHandler):
    """Skips a file whose declared or received size is over the limit and marks the request
    (``request.upload_too_big`` = the file's name) so the page can name the file and the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.OPENYJ_MAX_UPLOAD_MB * 1024 * 1024
        self.declared = content_length or 0
        return None

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        # The request's length covers the file and a few small fields: a request much larger than the
        # limit cannot hold an allowed file.
        if self.declared > self.limit + 64 * 1024:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self):
        if self.request is not None:
            self.request.upload_too_big = self.file_name
        raise SkipFile()
