"""The add/edit page pattern shared by every record of a child.

A view module declares what differs (form, services, titles); this does the rest: scope the child
through the gate (404 outside the service), bind the form, call the service, turn the service's
validation errors into form errors, and redirect to the child's page with a confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from openyj.core.roles import Action
from openyj.people.selectors import child_get


@dataclass(frozen=True)
class RecordPage:
    noun: str  # "offence"
    form_class: type
    create: Callable  # service(user=, child=, data=, [offences=])
    update: Callable  # service(user=, <noun>=, data=, [offences=])
    many: tuple[str, ...] = ()  # many-to-many form fields passed to the service by name
    template: str = "people/record_form.html"


def record_form(request, page: RecordPage, child_pk: int, pk: int | None = None):
    child = child_get(user=request.user, service=request.service, pk=child_pk, action=Action.CHANGE_CASE,
                      log=request.method == "GET")
    model = page.form_class._meta.model
    instance = get_object_or_404(model.objects.filter(child=child), pk=pk) if pk else None
    # The form validates its own copy, so the service still sees the values before the change
    # (and audits the difference).
    form_instance = model.objects.get(pk=instance.pk) if instance else None
    form = page.form_class(request.POST or None, instance=form_instance, service=request.service, child=child)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in page.many}
        extra = {name: form.cleaned_data[name] for name in page.many}
        try:
            if instance is None:
                page.create(user=request.user, child=child, data=data, **extra)
                messages.success(request, f"{page.noun.capitalize()} added")
            else:
                page.update(user=request.user, data=data, **{page.noun: instance}, **extra)
                messages.success(request, f"{page.noun.capitalize()} changed")
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("child_detail", pk=child.pk)
    return render(request, page.template, {
        "form": form, "child": child, "noun": page.noun, "instance": instance,
        "title": f"{'Change' if instance else 'Add'} {page.noun}",
    }, status=400 if form.errors else 200)


def save_form(request, form, save: Callable[[dict], object], *, success: str, to: str):
    """The end of every add/change page: when the posted form is valid, call ``save`` (a service)
    with its cleaned data; on success confirm and go to ``to``; when the service refuses, show its
    errors on the form. Returns the redirect, or None to draw the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(to)


def attach_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors on the matching form fields (or the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
