from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("openyj.core.urls")),
    path("children/", include("openyj.casework.urls")),
    path("quality/", include("openyj.quality.urls")),
    path("data/", include("openyj.interchange.urls")),
    path("performance/", include("openyj.indicators.urls")),
]
