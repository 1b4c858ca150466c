"""Forms of the import pages."""

from __future__ import annotations

from django import forms

from openyj.interchange.services import ALLOWED_SUFFIXES

MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # 1 GB: a large service's whole history zips to far less


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

    def clean_data_file(self):
        upload = self.cleaned_data["data_file"]
        if not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError("The selected file must be a .zip or an .xlsx workbook")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 1 GB")
        return upload


class ConfirmForm(forms.Form):
    keep_valid = forms.BooleanField(
        required=False, label="Load only the rows without problems",
        help_text="The rows with problems (and rows that depend on them) are skipped. You can download them, "
                  "fix them and import them again.",
    )
