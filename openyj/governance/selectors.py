"""Reading improvement actions, through the gate, and the actions that answer a given record.

Quality's pages ask "which actions answer this audit's findings?" with the record itself; these
selectors need no import of quality, because the links hold typed foreign keys.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openyj.core.roles import Action
from openyj.governance.budget import BudgetTable, check_table
from openyj.governance.models import ActionLink, BudgetLine, ImprovementAction


def improvement_actions(user, service, *, kinds: Iterable[str] | None = None) -> QuerySet[ImprovementAction]:
    """The actions of ``service`` the user may see (managers: the ``audit`` action), with what they
    answer; only those answering a link of ``kinds`` when given."""
    actions = ImprovementAction.objects.restrict(user, Action.AUDIT, service=service).prefetch_related("links")
    if kinds is not None:
        actions = actions.filter(links__kind__in=list(kinds)).distinct()
    return actions


def improvement_action_get(user, service, pk: int, *, kinds: Iterable[str] | None = None) -> ImprovementAction:
    """One action, or 404 when the user may not see it."""
    return get_object_or_404(improvement_actions(user, service, kinds=kinds), pk=pk)


def _links(**record) -> QuerySet[ActionLink]:
    owner = next(iter(record.values()))
    return (ActionLink.objects.filter(service_id=owner.service_id, **record)
            .select_related("action", "recommendation").order_by("action__pk"))


def actions_by_code(**record) -> dict[str, list[ImprovementAction]]:
    """Actions answering findings of one record (``case_audit=`` or ``inspection=``), by the standard or
    key question code they answer."""
    found: dict[str, list[ImprovementAction]] = defaultdict(list)
    for link in _links(**record).exclude(code=""):
        found[link.code].append(link.action)
    return found


def actions_by_recommendation(inspection) -> dict[int, list[ImprovementAction]]:
    """Actions answering an inspection's recommendations, by recommendation number."""
    found: dict[int, list[ImprovementAction]] = defaultdict(list)
    for link in _links(recommendation__inspection=inspection):
        if link.recommendation is not None:  # always, by the filter
            found[link.recommendation.number].append(link.action)
    return found


def actions_by_grading(self_assessment) -> dict[tuple[str, str], list[ImprovementAction]]:
    """Actions answering a National Standards self-assessment, by (standard, level)."""
    found: dict[tuple[str, str], list[ImprovementAction]] = defaultdict(list)
    for link in _links(self_assessment=self_assessment):
        found[(link.code, link.level)].append(link.action)
    return found


def action_answering(service, link: ActionLink) -> ImprovementAction | None:
    """An action of ``service`` already answering what ``link`` references, if there is one."""
    same = {name: getattr(link, name) for name in ActionLink.REFERENCES}
    return (ImprovementAction.objects.filter(service=service, links__kind=link.kind,
                                             **{f"links__{name}": value for name, value in same.items()})
            .prefetch_related("links").first())


# The partner budget -------------------------------------------------------------------------------

YEAR_PATTERN = re.compile(r"^(\d{4})/(\d{2})$")


def financial_year_valid(year: str) -> bool:
    """A financial year written as the YJB writes it: 2024/25 (the second year follows the first)."""
    match = YEAR_PATTERN.match(year)
    return match is not None and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def budget_years(user, service) -> list[str]:
    """The financial years with a budget table, newest first."""
    lines = BudgetLine.objects.restrict(user, Action.VIEW_GOVERNANCE, service=service)
    return sorted(set(lines.values_list("year", flat=True)), reverse=True)


def budget_table(user, service, year: str) -> BudgetTable:
    """One year's partner budget table, checked (rows in the order they were entered or imported)."""
    lines = BudgetLine.objects.restrict(user, Action.VIEW_GOVERNANCE, service=service).filter(year=year)
    return check_table(year, lines.order_by("pk"))


def budget_table_for_service(service, year: str) -> BudgetTable:
    """The same table read by a system job (the ``openyj budget`` command, run by whoever holds the
    database): no user to restrict to, so only the one service's lines."""
    return check_table(year, BudgetLine.objects.filter(service=service, year=year).order_by("pk"))
