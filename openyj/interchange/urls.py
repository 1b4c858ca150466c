"""Included by the project at ``/data/``."""

from django.urls import path

from openyj.interchange import views, views_export

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/template.zip", views.import_template, name="import_template"),
    path("import/<uuid:run_id>/", views.import_check, name="import_check"),
    path("import/<uuid:run_id>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<uuid:run_id>/done/", views.import_done, name="import_done"),
    path("import/<uuid:run_id>/problems.csv", views.import_problems, name="import_problems"),
    path("import/<uuid:run_id>/rows-with-problems.zip", views.import_skipped, name="import_skipped"),
    path("export/", views_export.export_confirm, name="export_confirm"),
    path("export/download/", views.export_download, name="export_download"),
]
