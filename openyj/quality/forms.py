"""Form pieces the quality pages share: answer choices, GOV.UK radios, "Select …" messages, ratings."""

from __future__ import annotations

from openyj.quality.frameworks import InspectionFramework
from openyj.quality.models import Answer

ANSWER_CHOICES = Answer.choices
INLINE = {"class": "govuk-radios--inline"}
SMALL_INLINE = {"class": "govuk-radios--inline govuk-radios--small"}


def choice_message(label: str) -> dict[str, str]:
    return {"required": f"Select {label}", "invalid_choice": f"Select {label}"}


def rating_choices(framework: InspectionFramework, *, not_rated: bool = False) -> list[tuple[str, str]]:
    ratings = list(reversed(framework.rule.ratings))  # best first, as reports list them
    choices = [(r, r) for r in ratings]
    if not_rated:
        choices.append((framework.rule.not_rated, framework.rule.not_rated))
    return choices
