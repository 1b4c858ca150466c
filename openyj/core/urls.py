from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from openyj.core import views, views_audit, views_team

urlpatterns = [
    path("", views.home, name="home"),
    path("service/", views.service_switch, name="service_switch"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("users/", views_team.team, name="team"),
    path("users/add/", views_team.team_add, name="team_add"),
    path("users/<int:pk>/role/", views_team.team_role, name="team_role"),
    path("users/<int:pk>/remove/", views_team.team_remove, name="team_remove"),
    path("audit/", views_audit.audit_trail, name="audit_trail"),
    path("audit/export/", views_audit.audit_trail_export, name="audit_trail_export"),
    path("favicon.ico", RedirectView.as_view(url=static("openyj/images/favicon.svg"), permanent=True)),
    path("healthz", views.healthz, name="healthz"),
]
