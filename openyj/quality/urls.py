from django.urls import path

from openyj.core import views

# Placeholder until the quality pages land; the helper building them replaces this file.
urlpatterns = [path("", views.home, name="quality_home")]
