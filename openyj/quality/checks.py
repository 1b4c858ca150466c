"""Checks every quality service makes: that the user may audit in the service, and what it is given."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError

from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.quality.frameworks import InspectionFramework, inspection_framework
from openyj.quality.models import Answer

ANSWERS = {a.value for a in Answer}


def ensure_may_audit(user, service) -> None:
    """Quality work in a service is for its managers (the role table's ``audit`` action)."""
    ensure_allowed(user, service, Action.AUDIT, "Only a manager in this service can do its quality work.")


def framework_or_error(code: str, field: str = "framework") -> InspectionFramework:
    try:
        return inspection_framework(code)
    except LookupError as exc:
        raise ValidationError({field: str(exc)}) from None


def new_seed() -> int:
    return secrets.randbelow(1_000_000_000)
