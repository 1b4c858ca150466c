from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

# The admin's own sign-in page would skip two-factor sign-in and the lock-out's normalising of
# usernames: send it through allauth's sign-in instead (allauth's documented way).
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("openyj.core.urls")),
    path("children/", include("openyj.casework.urls")),
    path("quality/", include("openyj.quality.urls")),
    path("data/", include("openyj.interchange.urls")),
    path("performance/", include("openyj.indicators.urls")),
    path("governance/", include("openyj.governance.urls")),
    path("documents/", include("openyj.documents.urls")),
]
