"""Administrators manage who can use their service.

Adding a user, changing a role and removing access each ask for the administrator's password again
(allauth's re-authentication) first: a session left open on a shared computer cannot hand out
access. Removing access goes through a page that says what will happen.
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from openyj.core.forms_team import MemberAddForm, MemberRoleForm
from openyj.core.models import Membership
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.core.team import member_add, member_change_role, member_remove, team_list


@require(Action.CONFIGURE)
def team(request):
    return render(request, "core/team.html", {"memberships": team_list(user=request.user, service=request.service)})


@require(Action.CONFIGURE)
@reauthentication_required
def team_add(request):
    form = MemberAddForm(posted(request))
    done = save_form(request, form, lambda data: member_add(user=request.user, service=request.service, **data),
                     success=lambda membership: f"{membership.user.username} can now use OpenYJ as "
                                                f"{membership.get_role_display().lower()}",
                     to="team")
    return done or form_page(request, "core/team_form.html", form, title="Add a user")


@require(Action.CONFIGURE)
@reauthentication_required
def team_role(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("user", "service"), pk=pk,
                                   service=request.service)
    form = MemberRoleForm(posted(request), initial={"role": membership.role})

    def back(changed: Membership) -> str:
        if changed.user_id == request.user.pk and not role_allows(changed.role, Action.CONFIGURE):
            return "home"  # they gave up the administrator role: the users pages are no longer theirs
        return "team"

    done = save_form(request, form,
                     lambda data: member_change_role(user=request.user, membership=membership, role=data["role"]),
                     success=f"{membership.user.username}'s role changed", to=back)
    return done or form_page(request, "core/team_form.html", form, title=f"Change {membership.user.username}'s role",
                             membership=membership)


@require(Action.CONFIGURE)
@require_http_methods(["GET", "POST"])
@reauthentication_required
def team_remove(request, pk: int):
    """GET: the confirmation page, saying what removing access does. POST: remove it."""
    membership = get_object_or_404(Membership.objects.select_related("user", "service"), pk=pk,
                                   service=request.service)
    if request.method == "POST":
        try:
            member_remove(user=request.user, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{membership.user.username} no longer has access to this service")
        return redirect("team")
    return render(request, "core/team_remove.html", {"membership": membership})
