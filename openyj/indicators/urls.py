from django.urls import path

from openyj.indicators import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:indicator>/", views.drilldown, name="indicator_drilldown"),
]
