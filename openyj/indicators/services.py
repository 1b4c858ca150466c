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

from openyj.core.audit import audit, diff, plain, snapshot
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import services_for
from openyj.core.roles import Action
from openyj.indicators.models import ComparatorValue, IndicatorSetting, LookedAfterFigure

# ONS (GSS) codes: a letter for the nation and eight digits, e.g. E08000035.
AREA_CODE = re.compile(r"^[ENSWK]\d{8}$")

# The definitions with parameters, and the parameters each accepts (see suite.settings_for).
PARAMETERS = {
    "serious_violence": {"categories", "min_seriousness"},
    "remands_no_custody": {"window_days"},
    "looked_after": {"include_remand_only"},
}

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
    allowed = PARAMETERS.get(definition)
    if allowed is None:
        raise ValidationError(f"{definition} has no parameters to set.")
    unknown = set(parameters) - allowed
    if unknown:
        raise ValidationError(f"Unknown parameters for {definition}: {', '.join(sorted(unknown))}")
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
