"""Writes of the disproportionality settings: targets, the count threshold and the reporting lines.

Kept in the service's ``IndicatorSetting`` for "disproportionality" (its ``parameters``):
``targets`` (a list of ``{"stage", "group", "gap_pp"}``), ``min_count`` and ``lines``.

- **Targets** are set by the people who own the figures: managers and performance officers
  (``Action.VIEW_FIGURES`` in the service).
- **The threshold and the reporting lines** change what is computed, so, like the other definition
  parameters, they are set by those who keep the service's figure settings (``Action.SET_TARGETS``:
  administrators and performance officers).

Every write is one transaction and is audited beside the change.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from openyj.core.audit import audit
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.indicators.disproportionality import compute as dp
from openyj.indicators.settings_models import IndicatorSetting

SETTING = "disproportionality"


def _setting(service: Service) -> IndicatorSetting:
    setting, _ = IndicatorSetting.objects.select_for_update().get_or_create(service=service, indicator=SETTING)
    return setting


def _save(user, service: Service, setting: IndicatorSetting, new: dict, summary: str) -> IndicatorSetting:
    old = dict(setting.parameters or {})
    if new != old:
        setting.parameters = new
        setting.save(update_fields=["parameters"])
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=setting, service=service, summary=summary,
              changes={"parameters": [old, new]})
    return setting


@transaction.atomic
def disproportionality_target_set(*, user, service: Service, stage: str, group: str, gap_pp) -> IndicatorSetting:
    """Set (or replace) the target gap, in percentage points, for one group at one stage."""
    ensure_allowed(user, service, Action.VIEW_FIGURES,
                   "Only a manager or performance officer of this service can set its targets.")
    errors = {}
    if stage not in dp.STAGE_KEYS:
        errors["stage"] = "Select the stage the target is for"
    if group not in dp.GROUP_KEYS:
        errors["group"] = "Select the ethnic group the target is for"
    try:
        gap = Decimal(str(gap_pp)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        gap = None
    if gap is None or not Decimal(-100) <= gap <= Decimal(100):
        errors["gap_pp"] = "Enter the target gap as a number of percentage points between -100 and 100, like 3 or 2.5"
    if errors:
        raise ValidationError(errors)
    setting = _setting(service)
    params = dict(setting.parameters or {})
    targets = [x for x in params.get("targets", []) if (x["stage"], x["group"]) != (stage, group)]
    targets.append({"stage": stage, "group": group, "gap_pp": float(gap)})  # type: ignore[arg-type]  # checked above
    targets.sort(key=lambda x: (dp.STAGE_KEYS.index(x["stage"]), dp.GROUP_KEYS.index(x["group"])))
    return _save(user, service, setting, {**params, "targets": targets},
                 f"Set the disproportionality target for {dict(dp.GROUPS)[group]} children at the stage "
                 f"“{dp.STAGE_LABEL[stage]}” to a gap of {gap} percentage points")


@transaction.atomic
def disproportionality_target_remove(*, user, service: Service, stage: str, group: str) -> IndicatorSetting:
    ensure_allowed(user, service, Action.VIEW_FIGURES,
                   "Only a manager or performance officer of this service can remove its targets.")
    setting = _setting(service)
    params = dict(setting.parameters or {})
    targets = [x for x in params.get("targets", []) if (x["stage"], x["group"]) != (stage, group)]
    return _save(user, service, setting, {**params, "targets": targets},
                 f"Removed the disproportionality target for {group} children at {stage}")


@transaction.atomic
def disproportionality_parameters_set(*, user, service: Service, min_count: int, lines: list[dict]) -> IndicatorSetting:
    """Set the count below which no index is given, and the reporting lines (``key``, ``label``,
    ``codes``: detailed ethnicity codes)."""
    ensure_allowed(user, service, Action.SET_TARGETS,
                   "Only an administrator or performance officer of this service can change this.")
    errors = {}
    if not isinstance(min_count, int) or not 1 <= min_count <= 100:
        errors["min_count"] = "Enter the smallest count for an index as a whole number from 1 to 100"
    detailed = {c for c, _ in dp.DETAILED}
    clean: list[dict] = []
    for x in lines:
        unknown = sorted(set(x.get("codes", [])) - detailed)
        if not x.get("label") or not x.get("codes") or unknown:
            errors["lines"] = (f"The reporting line “{x.get('label') or 'without a name'}” needs a name and one or "
                               f"more ethnicity codes{': ' + ', '.join(unknown) + ' are not codes' if unknown else ''}")
            break
        clean.append({"key": x.get("key") or f"line{len(clean) + 1}", "label": x["label"], "codes": sorted(x["codes"])})
    if len({x["key"] for x in clean}) != len(clean):
        errors["lines"] = "Give each reporting line a different key"
    if errors:
        raise ValidationError(errors)
    setting = _setting(service)
    params = dict(setting.parameters or {})
    return _save(user, service, setting, {**params, "min_count": min_count, "lines": clean},
                 "Changed the disproportionality threshold and reporting lines")
