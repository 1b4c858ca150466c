"""The page patterns every app uses: one way to save a form through a service, one way to draw a
page with a form, and the add/change page of a record that belongs to another (a child's offence).

A page that saves through a service does it with :func:`save_form`::

    form = AreaCodesForm(posted(request), initial=...)
    done = save_form(request, form, lambda data: services.service_area_codes_set(user=request.user, ...),
                     success="Area codes saved", to="indicator_settings")
    return done or form_page(request, "indicators/settings_form.html", form, title="Areas the service covers")

The service validates and raises ``ValidationError`` (keyed by form field) when it refuses; the
errors appear on the form, beside the fields they are about, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from openyj.core.forms import ServiceRecordForm
from openyj.core.middleware import ServiceRequest
from openyj.core.roles import Action


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a page's form to: the submitted data on a POST — even an empty one (a form of
    radios posted with none chosen), so that it is checked and says what to choose — else None."""
    return request.POST if request.method == "POST" else None


def save_form(request: HttpRequest, form: forms.BaseForm, save: Callable[[dict[str, Any]], Any], *,
              success: str | Callable[[Any], str], to: str | Callable[[Any], str]) -> HttpResponse | None:
    """The end of every page that saves through a service: when the posted form is valid, call
    ``save`` (which calls the service) with its cleaned data; on success confirm with ``success`` and
    go to ``to`` (a URL name or a URL); when the service refuses, put its errors on the form.
    ``success`` and ``to`` may be functions of what ``save`` returned (the record it made).
    Returns the redirect, or None to draw the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None
    messages.success(request, success(saved) if callable(success) else success)
    return redirect(to(saved) if callable(to) else to)


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's validation errors on the matching form fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def query_id(request: HttpRequest, name: str) -> int | None:
    """A record id from the query string (a filter such as ``?case_manager=12``): None when absent or
    not a whole number a database key can hold, so a tampered or mistyped address never makes an error."""
    try:
        value = int(request.GET.get(name) or 0)
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None


def form_page(request: HttpRequest, template: str, form: forms.BaseForm, **context: Any) -> HttpResponse:
    """Draw a page with a form: status 400 when the form shows errors, so a refused post is never
    mistaken for a success (by people's tools or by tests), 200 otherwise."""
    return render(request, template, {"form": form, **context}, status=400 if form.errors else 200)


@dataclass(frozen=True)
class RecordPage:
    """The add/change page of a record that belongs to an owning record, such as a child's offence.

    The app that draws the page says everything that differs: the form, the services that write,
    the owner's selector (which finds the owner through the gate: a 404 outside the user's service),
    the owner's page to return to, and the template.
    """

    noun: str  # "offence": the record's name in messages, and the update service's keyword
    form_class: type[ServiceRecordForm]  # takes service= and <owner>= beside the usual arguments
    create: Callable[..., models.Model]  # service(user=, <owner>=, data=, [many fields])
    update: Callable[..., models.Model]  # service(user=, <noun>=, data=, [many fields])
    owner: str  # "child": the owner's keyword for the form, the create service and the template
    owner_get: Callable[..., models.Model]  # selector(user=, service=, pk=, action=, log=)
    owner_page: str  # URL name of the owner's page, taking its pk
    template: str
    many: tuple[str, ...] = ()  # many-to-many form fields, passed to the services by name
    # How a record reaches its owner when it has no foreign key named after it (a victim reaches
    # its child through the offences: "offences__child"); by default the owner's keyword.
    owner_lookup: str = ""
    label: str = ""  # the record's name in messages when it is not the noun ("custody episode")
    a_label: str = ""  # the label with its article, for "Add …" ("a custody episode", "feedback")


def record_form(request: ServiceRequest, page: RecordPage, owner_pk: int, pk: int | None = None) -> HttpResponse:
    service = request.service
    if service is None:  # the view's @require has already refused a user with no service
        raise PermissionDenied("Choose a service first.")
    owner = page.owner_get(user=request.user, service=service, pk=owner_pk, action=Action.CHANGE_CASE,
                           log=request.method == "GET")
    model = page.form_class._meta.model
    owned_records = model.objects.filter(**{page.owner_lookup or page.owner: owner}).distinct()
    instance = get_object_or_404(owned_records, pk=pk) if pk else None
    # The form validates its own copy, so the service still sees the values before the change
    # (and audits the difference).
    form_instance = model.objects.get(pk=instance.pk) if instance else None
    owned: dict[str, Any] = {page.owner: owner}
    form = page.form_class(posted(request), instance=form_instance, service=service, **owned)

    def save(data: dict[str, Any]) -> models.Model:
        fields = {k: v for k, v in data.items() if k not in page.many}
        many = {name: data[name] for name in page.many}
        if instance is None:
            return page.create(user=request.user, data=fields, **owned, **many)
        return page.update(user=request.user, data=fields, **{page.noun: instance}, **many)

    label = page.label or page.noun
    a_label = page.a_label or f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"
    done = save_form(request, form, save, success=f"{label.capitalize()} {'changed' if instance else 'added'}",
                     to=reverse(page.owner_page, args=[owner.pk]))
    return done or form_page(request, page.template, form, noun=page.noun, instance=instance,
                             title=f"Change {label}" if instance else f"Add {a_label}", **owned)
