"""Administration: services, memberships (who has which role where) and the audit trail (read-only)."""

from django.contrib import admin

from openyj.core.models import AuditEvent, Membership, Service


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

    # The audit trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
