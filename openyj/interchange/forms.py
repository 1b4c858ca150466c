"""Forms of the import pages."""

from __future__ import annotations

from django import forms
from django.conf import settings

from openyj.interchange.services import ALLOWED_SUFFIXES


def upload_limit_bytes() -> int:
    return settings.OPENYJ_MAX_UPLOAD_MB * 1024 * 1024


def too_big_message(name: str | None = None) -> str:
    what = f"{name} is" if name else "The selected file is"
    return (f"{what} larger than {settings.OPENYJ_MAX_UPLOAD_MB} MB, the largest upload allowed. Zip the data "
            "folder (a zip is much smaller), or split the data into smaller uploads, for example a year at a time")


class UploadForm(forms.Form):
    data_file = forms.FileField(
        label="Upload your data",
        help_text="A .zip of your data folder, or an Excel workbook (.xlsx) with one sheet per file.",
        error_messages={"required": "Select a .zip or .xlsx file to upload"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["data_file"].govuk_label_size = "l"
        self.fields["data_file"].govuk_page_heading = True
        self.fields["data_file"].help_text += f" It can be up to {settings.OPENYJ_MAX_UPLOAD_MB} MB."

    @staticmethod
    def too_big(request) -> str:
        """The error for an upload that was dropped as it arrived for being over the limit, else ""."""
        name = getattr(request, "upload_too_big", None)
        return too_big_message(name) if name is not None else ""

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("The selected file must be a .zip or an .xlsx workbook")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if upload.size > upload_limit_bytes():
            raise forms.ValidationError(too_big_message(upload.name))
        return upload


class ConfirmForm(forms.Form):
    keep_valid = forms.BooleanField(
        required=False, label="Load only the rows without problems",
        help_text="The rows with problems (and rows that depend on them) are skipped. You can download them, "
                  "fix them and import them again.",
    )
