"""Administration: services, memberships (who has which role where) and the audit trail (read-only).

The Django admin is for technical staff. Being a superuser grants no case content (see
``openyj/core/permissions.py``), so the admin shows audit entries, which name children and the
values that changed, only for services where the staff member's own role lets them see children's
records. Authenticator secrets are never shown.
"""

from allauth.mfa.models import Authenticator
from django.contrib import admin

from openyj.core.audit import audit
from openyj.core.models import AuditEvent, Membership, Service
from openyj.core.permissions import services_for
from openyj.core.roles import Action


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    search_fields = ["code", "name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "service", "role"]
    list_filter = ["service", "role"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "service", "verb", "object_type", "object_id", "summary"]
    list_filter = ["verb", "service", "object_type"]
    search_fields = ["object_id", "summary", "user__username"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        # The same rule as every page: a child's record (and what happened to it) only through a
        # membership whose role allows seeing it. A superuser with no such membership sees no rows.
        return super().get_queryset(request).filter(service_id__in=services_for(request.user, Action.VIEW_CASE))

    # The audit trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Two-factor authenticators: listed so that staff can reset a lost one (delete it; the user sets
    up a new one at their next sign-in). The secret inside is never shown or editable."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__username", "user__email"]
    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        self.delete_queryset(request, Authenticator.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        for authenticator in queryset.select_related("user"):
            audit(user=request.user, verb=AuditEvent.Verb.DELETE, obj=authenticator,
                  summary=f"Reset two-factor sign-in ({authenticator.get_type_display()}) "
                          f"of {authenticator.user.get_username()}")
        queryset.delete()
