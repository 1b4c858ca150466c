from django.urls import path

from openyj.indicators import views, views_settings

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Settings come before the drill-down, whose <slug:indicator> would otherwise match "settings".
    path("settings/", views_settings.settings_home, name="indicator_settings"),
    path("settings/areas/", views_settings.settings_areas, name="indicator_settings_areas"),
    path("settings/indicators/<slug:indicator>/", views_settings.settings_indicator,
         name="indicator_settings_indicator"),
    path("settings/definitions/<slug:definition>/", views_settings.settings_parameters,
         name="indicator_settings_parameters"),
    path("settings/looked-after/add/", views_settings.figure_add, name="indicator_figure_add"),
    path("settings/looked-after/<int:pk>/", views_settings.figure_change, name="indicator_figure_change"),
    path("settings/looked-after/<int:pk>/delete/", views_settings.figure_delete, name="indicator_figure_delete"),
    path("settings/published/add/", views_settings.comparator_add, name="indicator_comparator_add"),
    path("settings/published/<int:pk>/", views_settings.comparator_change, name="indicator_comparator_change"),
    path("settings/published/<int:pk>/delete/", views_settings.comparator_delete,
         name="indicator_comparator_delete"),
    path("download/", views.download_summary, name="performance_download"),
    path("freeze/", views.freeze, name="freeze_figures"),
    path("frozen/<int:pk>/", views.frozen, name="frozen_figures"),
    path("<slug:indicator>/", views.indicator, name="indicator"),
    path("<slug:indicator>/download/<slug:what>/", views.download, name="indicator_download"),
    path("<slug:indicator>/list/", views.drilldown, name="indicator_drilldown"),
]
