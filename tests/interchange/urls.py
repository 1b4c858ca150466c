from django.urls import include, path

urlpatterns = [
    path("", include("config.urls")),
    path("data/", include("openyj.interchange.urls")),
]
