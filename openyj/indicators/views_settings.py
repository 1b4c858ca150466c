"""Performance settings pages, for the service's performance officers and administrators
(``Action.SET_TARGETS``).

Administrators are not Django staff: these pages, not the Django admin, are where they keep the
service's reference settings. Every record is looked up within the active service, so another
service's record is a 404; every write goes through :mod:`openyj.indicators.services` (audited).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.indicators import registry, selectors, services
from openyj.indicators.forms import (
    AreaCodesForm,
    ComparatorValueForm,
    IndicatorSettingForm,
    LookedAfterFigureForm,
    parameters_form,
)
from openyj.indicators.models import ComparatorValue, IndicatorSetting, LookedAfterFigure
from openyj.indicators.suite import settings_for

SETTINGS_FORM = "indicators/settings_form.html"


def _name(code: str) -> str:
    declared = registry.get(code)
    return declared.name if declared else code


@require(Action.SET_TARGETS)
def settings_home(request):
    """Everything an administrator can set for the service's figures, on one page."""
    service = request.service
    stored = {s.indicator: s for s in IndicatorSetting.objects.filter(service=service)}
    rows = []
    for key, ind in registry.indicators().items():
        s = stored.get(key)
        better = (s.better if s and s.better else ind.better)
        rows.append({"id": key, "name": ind.name, "target": s.target if s else None,
                     "tolerance": s.tolerance_percent if s else 5,
                     "better": {"lower": "Lower", "higher": "Higher"}.get(better, "–"),
                     "better_default": not (s and s.better)})
    definition = settings_for(service)
    parameters = [(d.settings_key, d.title.split(":")[0], d.summary(definition) if d.summary else "")
                  for d in registry.with_parameters()]
    return render(request, "indicators/settings.html", {
        "areas": selectors.area_coverage(service), "indicators": rows, "parameters": parameters,
        "figures": LookedAfterFigure.objects.filter(service=service),
        "comparators": [(c, _name(c.indicator))
                        for c in ComparatorValue.objects.filter(service=service)],
    })


@require(Action.SET_TARGETS)
def settings_areas(request):
    service = request.service
    form = AreaCodesForm(posted(request), initial={"area_codes": "\n".join(service.area_codes or [])})

    def save(data):
        services.service_area_codes_set(user=request.user, service=service,
                                        area_codes=data["area_codes"])
    done = save_form(request, form, save, success="Area codes saved", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title="Areas the service covers")


@require(Action.SET_TARGETS)
def settings_indicator(request, indicator: str):
    declared = registry.get(indicator)
    if declared is None:
        raise Http404("No such indicator.")
    name, default = declared.name, declared.better
    setting = IndicatorSetting.objects.filter(service=request.service, indicator=indicator).first()
    initial = {"target": setting.target, "tolerance_percent": setting.tolerance_percent,
               "better": setting.better} if setting else {"tolerance_percent": 5, "better": ""}
    form = IndicatorSettingForm(posted(request), initial=initial, default_better=default)

    def save(data):
        services.indicator_setting_update(user=request.user, service=request.service, indicator=indicator,
                                          **data)
    done = save_form(request, form, save, success=f"Target and RAG rule of “{name}” saved", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title=f"Target and RAG rule: {name}")


@require(Action.SET_TARGETS)
def settings_parameters(request, definition: str):
    declared = registry.definition(definition)
    if declared is None or not declared.parameters:
        raise Http404("No such definition.")
    title = declared.title
    current = settings_for(request.service)
    initial = {}
    for p in declared.parameters:
        value = getattr(current, p.setting)
        initial[p.name] = list(value) if isinstance(value, tuple) else (
            str(value) if isinstance(value, bool) else value)
    form = parameters_form(declared)(posted(request), initial=initial)

    def save(data):
        services.indicator_parameters_update(user=request.user, service=request.service, definition=definition,
                                             parameters=data)
    done = save_form(request, form, save, success=f"{title.split(':')[0]} saved", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title=title,
                     hint="These definitions are not confirmed nationally, so each service sets its own. "
                          "Figures already shown change at once.")


# --- the area's looked-after figures ----------------------------------------------------------------

@require(Action.SET_TARGETS)
def figure_add(request):
    form = LookedAfterFigureForm(posted(request))

    def save(data):
        services.looked_after_figure_create(user=request.user, service=request.service, **data)
    done = save_form(request, form, save, success="Looked-after figure added", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title="Add the area's looked-after figure")


@require(Action.SET_TARGETS)
def figure_change(request, pk: int):
    figure = get_object_or_404(LookedAfterFigure, pk=pk, service=request.service)
    form = LookedAfterFigureForm(posted(request), instance=figure)

    def save(data):
        fields = {k: data[k] for k in services.FIGURE_FIELDS}
        figure.refresh_from_db()  # the form changed the instance; the service compares with what is stored
        services.looked_after_figure_update(user=request.user, figure=figure, **fields)
    done = save_form(request, form, save, success="Looked-after figure saved", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title=f"Change the looked-after figure at {figure.as_at:%d %B %Y}",
                     delete_url=("indicator_figure_delete", figure.pk))


@require(Action.SET_TARGETS)
def figure_delete(request, pk: int):
    figure = get_object_or_404(LookedAfterFigure, pk=pk, service=request.service)
    if request.method == "POST":
        services.looked_after_figure_delete(user=request.user, figure=figure)
        messages.success(request, "Looked-after figure deleted")
        return redirect("indicator_settings")
    return render(request, "indicators/settings_delete.html", {
        "title": f"Delete the looked-after figure at {figure.as_at:%d %B %Y}?",
        "what": f"{figure.looked_after:,} looked-after children at {figure.as_at:%d %B %Y} ({figure.source})"})


# --- published comparator values -------------------------------------------------------------------

@require(Action.SET_TARGETS)
def comparator_add(request):
    form = ComparatorValueForm(posted(request), initial={"indicator": request.GET.get("indicator")})

    def save(data):
        services.comparator_value_create(user=request.user, service=request.service, **data)
    done = save_form(request, form, save, success="Published value added", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title="Add a published value")


@require(Action.SET_TARGETS)
def comparator_change(request, pk: int):
    value = get_object_or_404(ComparatorValue, pk=pk, service=request.service)
    form = ComparatorValueForm(posted(request), instance=value)

    def save(data):
        fields = {k: data[k] for k in services.COMPARATOR_FIELDS}
        value.refresh_from_db()
        services.comparator_value_update(user=request.user, comparator=value, **fields)
    done = save_form(request, form, save, success="Published value saved", to="indicator_settings")
    if done:
        return done
    return form_page(request, SETTINGS_FORM, form, title="Change a published value",
                     delete_url=("indicator_comparator_delete", value.pk))


@require(Action.SET_TARGETS)
def comparator_delete(request, pk: int):
    value = get_object_or_404(ComparatorValue, pk=pk, service=request.service)
    if request.method == "POST":
        services.comparator_value_delete(user=request.user, comparator=value)
        messages.success(request, "Published value deleted")
        return redirect("indicator_settings")
    return render(request, "indicators/settings_delete.html", {
        "title": "Delete this published value?",
        "what": f"{_name(value.indicator)}, {value.area_name}, "
                f"{value.period_start:%d %B %Y} to {value.period_end:%d %B %Y}: {value.value} ({value.source})"})

