"""Writes to a service's performance settings and reference figures, by its administrators.

What can be changed: the service's ONS area codes (whose populations and census figures are its
denominators), each indicator's target, RAG tolerance and direction of "better", the parameters of
the configurable definitions, the area's looked-after figures, and the published comparator values.

Every write checks that the user may set the service's targets (``Action.SET_TARGETS``), runs in one
transaction and is audited next to the change, with the fields that changed.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from openyj.core.audit import audit, diff, plain, snapshot
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed, services_for
from openyj.core.roles import Action
from openyj.core.tasks import remember_task
from openyj.indicators import registry
from openyj.indicators.figure_models import FigureSet as FigureSetModel
from openyj.indicators.figure_models import FigureState
from openyj.indicators.models import ComparatorValue, IndicatorSetting, LookedAfterFigure

# ONS (GSS) codes: a letter for the nation and eight digits, e.g. E08000035.
AREA_CODE = re.compile(r"^[ENSWK]\d{8}$")


FIGURE_FIELDS = ["as_at", "looked_after", "children", "source", "published_on"]
COMPARATOR_FIELDS = ["indicator", "area_type", "area_name", "period_start", "period_end", "value", "numerator",
                     "denominator", "source", "published_on"]


def _ensure_configure(user, service: Service) -> None:
    if service.pk not in services_for(user, Action.SET_TARGETS):
        raise PermissionDenied("Only a performance officer or an administrator of this service can change "
                               "its performance settings.")


@transaction.atomic
def service_area_codes_set(*, user, service: Service, area_codes: list[str]) -> Service:
    """Set the ONS codes of the areas the service covers (the denominators of its rates)."""
    _ensure_configure(user, service)
    codes = []
    for code in area_codes:
        code = code.strip().upper()
        if not AREA_CODE.match(code):
            raise ValidationError({"area_codes": f"{code} is not an ONS area code. Enter codes like E08000035."})
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValidationError({"area_codes": "Enter at least one ONS area code"})
    old = list(service.area_codes or [])
    if old != codes:
        service.area_codes = codes
        service.save(update_fields=["area_codes"])
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=service, service=service,
              summary="Changed the service's area codes", changes={"area_codes": [old, codes]})
    return service


@transaction.atomic
def indicator_setting_update(*, user, service: Service, indicator: str, target, tolerance_percent,
                             better: str) -> IndicatorSetting:
    """Set an indicator's target, amber tolerance and direction of "better" (blank: the default)."""
    _ensure_configure(user, service)
    if better not in ("", *IndicatorSetting.Better.values):
        raise ValidationError({"better": "Choose which direction is better"})
    setting, created = IndicatorSetting.objects.get_or_create(service=service, indicator=indicator)
    before = snapshot(setting, ["target", "tolerance_percent", "better"])
    setting.target, setting.tolerance_percent, setting.better = target, tolerance_percent, better
    setting.full_clean()
    setting.save()
    setting.refresh_from_db()  # decimals as stored, so the audit shows what was kept
    changes = diff(setting, before)
    if created or changes:
        audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=setting,
              service=service, summary=f"Changed the target and RAG rule of {indicator}", changes=changes)
    return setting


@transaction.atomic
def indicator_parameters_update(*, user, service: Service, definition: str, parameters: dict) -> IndicatorSetting:
    """Set the parameters of a configurable definition (serious violence, remands, looked after)."""
    _ensure_configure(user, service)
    declared = registry.definition(definition)
    if declared is None or not declared.parameters:
        raise ValidationError(f"{definition} has no parameters to set.")
    by_name = {p.name: p for p in declared.parameters}
    unknown = set(parameters) - set(by_name)
    if unknown:
        raise ValidationError(f"Unknown parameters for {definition}: {', '.join(sorted(unknown))}")
    errors = {}
    for name, value in parameters.items():
        raw = [str(v) for v in value] if isinstance(value, (list, tuple)) else value
        try:
            by_name[name].field().clean(raw)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    definition = declared.settings_key
    setting, created = IndicatorSetting.objects.get_or_create(service=service, indicator=definition)
    old = dict(setting.parameters or {})
    new = {**old, **parameters}
    if created or new != old:
        setting.parameters = new
        setting.save(update_fields=["parameters"])
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=setting, service=service,
              summary=f"Changed the definition parameters of {definition}", changes={"parameters": [old, new]})
    return setting


def _save(instance, unique_message: dict) -> None:
    instance.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(unique_message) from error


@transaction.atomic
def looked_after_figure_create(*, user, service: Service, **fields) -> LookedAfterFigure:
    _ensure_configure(user, service)
    figure = LookedAfterFigure(service=service, **fields)
    _save(figure, {"as_at": "There is already a figure for this date. Change that one instead."})
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=figure, service=service,
          summary=f"Added the area's looked-after figure at {figure.as_at:%d %B %Y}",
          changes={k: [None, plain(getattr(figure, k))] for k in FIGURE_FIELDS})
    return figure


@transaction.atomic
def looked_after_figure_update(*, user, figure: LookedAfterFigure, **fields) -> LookedAfterFigure:
    _ensure_configure(user, figure.service)
    before = snapshot(figure, FIGURE_FIELDS)
    for k, v in fields.items():
        setattr(figure, k, v)
    _save(figure, {"as_at": "There is already a figure for this date. Change that one instead."})
    changes = diff(figure, before)
    if changes:
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=figure, service=figure.service,
              summary=f"Changed the area's looked-after figure at {figure.as_at:%d %B %Y}", changes=changes)
    return figure


@transaction.atomic
def looked_after_figure_delete(*, user, figure: LookedAfterFigure) -> None:
    _ensure_configure(user, figure.service)
    audit(user=user, verb=AuditEvent.Verb.DELETE, obj=figure, service=figure.service,
          summary=f"Deleted the area's looked-after figure at {figure.as_at:%d %B %Y}",
          changes={k: [plain(getattr(figure, k)), None] for k in FIGURE_FIELDS})
    figure.delete()


COMPARATOR_CLASH = {"area_name": "There is already a value for this indicator, area and period. Change that one "
                                 "instead."}


@transaction.atomic
def comparator_value_create(*, user, service: Service, **fields) -> ComparatorValue:
    _ensure_configure(user, service)
    value = ComparatorValue(service=service, **fields)
    _check_period(value)
    _save(value, COMPARATOR_CLASH)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=value, service=service,
          summary=f"Added a published value for {value.indicator}: {value.area_name}",
          changes={k: [None, plain(getattr(value, k))] for k in COMPARATOR_FIELDS})
    return value


@transaction.atomic
def comparator_value_update(*, user, comparator: ComparatorValue, **fields) -> ComparatorValue:
    _ensure_configure(user, comparator.service)
    before = snapshot(comparator, COMPARATOR_FIELDS)
    for k, v in fields.items():
        setattr(comparator, k, v)
    _check_period(comparator)
    _save(comparator, COMPARATOR_CLASH)
    comparator.refresh_from_db()
    changes = diff(comparator, before)
    if changes:
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=comparator, service=comparator.service,
              summary=f"Changed a published value for {comparator.indicator}: {comparator.area_name}",
              changes=changes)
    return comparator


@transaction.atomic
def comparator_value_delete(*, user, comparator: ComparatorValue) -> None:
    _ensure_configure(user, comparator.service)
    audit(user=user, verb=AuditEvent.Verb.DELETE, obj=comparator, service=comparator.service,
          summary=f"Deleted a published value for {comparator.indicator}: {comparator.area_name}",
          changes={k: [plain(getattr(comparator, k)), None] for k in COMPARATOR_FIELDS})
    comparator.delete()


def _check_period(value: ComparatorValue) -> None:
    if value.period_start and value.period_end and value.period_end < value.period_start:
        raise ValidationError({"period_end": "The end of the period must be the same as or after its start"})


# --- stored figure sets -------------------------------------------------------------------------------

def figures_refresh_queue(service_id: int) -> None:
    """The service's records or settings changed: mark its stored figures stale and queue one refresh
    (coalesced: not while one is already queued). Called after the change is committed."""
    from openyj.indicators import figures
    from openyj.indicators.tasks import figures_refresh

    if figures.mark_changed(service_id):
        figures_refresh.enqueue(service_id)


def figure_set_request(*, user, service: Service, period) -> FigureSetModel:
    """The service's current figure set for ``period``; when there is none, or it is out of date, its
    computation is queued (the worker does it; the page says so meanwhile)."""
    from openyj.indicators import figures
    from openyj.indicators.tasks import figures_refresh

    ensure_allowed(user, service, Action.VIEW_AGGREGATE, "You cannot see this service's figures.")
    fs = figures.current_set(service, period)
    changed = figures.records_changed_at(service.pk)
    if fs.status != FigureSetModel.Status.QUEUED and fs.is_current(changed):
        return fs
    if fs.status == FigureSetModel.Status.CURRENT:
        FigureSetModel.objects.filter(pk=fs.pk).update(status=FigureSetModel.Status.STALE)
    # one refresh at a time per service: queued unless one is waiting (or the set's own task is running)
    queued = FigureState.objects.filter(service=service, refresh_queued_at__isnull=True).update(
        refresh_queued_at=timezone.now())
    if queued:
        remember_task(fs, figures_refresh.enqueue(service.pk))
    fs.refresh_from_db()
    return fs


@transaction.atomic
def figure_set_freeze(*, user, figure_set: FigureSetModel, purpose: str) -> FigureSetModel:
    """Freeze the figures as they stand, for a return, a board report or a plan: a copy that never changes."""
    ensure_allowed(user, figure_set.service, Action.VIEW_FIGURES,
                   "Only managers and performance officers of this service can freeze its figures.")
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": "Enter what the figures are for, for example “Board report, July 2026”"})
    from openyj.indicators import figures

    if figure_set.frozen:
        raise ValidationError({"purpose": "These figures are already frozen."})
    if not figure_set.is_current(figures.records_changed_at(figure_set.service_id)):
        raise ValidationError({"purpose": "These figures are out of date. Wait for them to be recomputed, "
                                          "then freeze them."})
    copy = FigureSetModel.objects.create(
        service=figure_set.service, period_kind=figure_set.period_kind, period_start=figure_set.period_start,
        period_end=figure_set.period_end, status=figure_set.status, data_vintage=figure_set.data_vintage,
        computed_at=figure_set.computed_at, figures=figure_set.figures, summary=figure_set.summary,
        versions=figure_set.versions,
        frozen_at=timezone.now(), frozen_by=user, frozen_for=purpose[:200])
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=copy, service=figure_set.service,
          summary=f"Froze the figures for {figure_set.period.label}: {purpose[:100]}")
    return copy


def figure_set_stalled(fs: FigureSetModel) -> FigureSetModel:
    """A set whose refresh task ended without a word (the worker died) is recorded as failed, with what to do."""
    from openyj.core.tasks import stalled

    if fs.status in (FigureSetModel.Status.QUEUED, FigureSetModel.Status.STALE) and fs.task_id and stalled(fs):
        FigureSetModel.objects.filter(pk=fs.pk, frozen_at__isnull=True).update(
            status=FigureSetModel.Status.FAILED,
            error="The figures were not recomputed: the background worker stopped. Ask your administrator to "
                  "check that ‘openyj worker’ is running, then reload this page.")
        FigureState.objects.filter(service_id=fs.service_id).update(refresh_queued_at=None)
        fs.refresh_from_db()
    return fs
