"""The quality home page: case audits, inspections, National Standards and open improvement actions.

The pages of each part live with it (``audits/``, ``inspections/``, ``standards/``, ``actions/``).
"""

from __future__ import annotations

from django.shortcuts import render

from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.governance.models import ImprovementAction
from openyj.governance.selectors import improvement_actions
from openyj.quality.actions.presenters import QUALITY_KINDS
from openyj.quality.audits.selectors import audits_visible
from openyj.quality.inspections.selectors import inspections_visible
from openyj.quality.standards.selectors import self_assessments_visible

FINISHED = (ImprovementAction.Status.CLOSED, ImprovementAction.Status.NO_LONGER_APPLICABLE)


@require(Action.READ_QUALITY)
def home(request):
    user, service = request.user, request.service
    return render(request, "quality/home.html", {
        "audits": audits_visible(user, service),
        "inspections": inspections_visible(user, service),
        "self_assessments": self_assessments_visible(user, service),
        "actions": improvement_actions(user, service, kinds=QUALITY_KINDS).exclude(status__in=FINISHED)[:10],
    })
