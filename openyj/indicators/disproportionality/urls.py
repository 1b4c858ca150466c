from django.urls import path

from openyj.indicators.disproportionality import views

urlpatterns = [
    path("", views.page, name="disproportionality"),
    path("children/", views.children, name="disproportionality_children"),
    path("download.<str:fmt>", views.download, name="disproportionality_download"),
    path("settings/", views.settings_change, name="disproportionality_settings"),
    path("targets/add/", views.target_add, name="disproportionality_target_add"),
]
