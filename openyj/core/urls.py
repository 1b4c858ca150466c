from django.urls import path

from openyj.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("service/", views.service_switch, name="service_switch"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
