"""Test URLs: the project's, plus the performance pages at /performance/ (as the lead will wire them)."""

from django.urls import include, path

from config.urls import urlpatterns as project

urlpatterns = [*project]
if not any(getattr(p, "pattern", None) and str(p.pattern) == "performance/" for p in project):
    urlpatterns.append(path("performance/", include("openyj.indicators.urls")))
