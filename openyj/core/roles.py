"""Roles and what each may do.

The role table is the single statement of who may do what (``shared/design/architecture.md``). The
visibility gate (:mod:`openyj.core.permissions`) reads it; nothing else decides access. A role that is
not in this table grants nothing.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    CASE_MANAGER = "case_manager", "Case manager"
    MANAGER = "manager", "Manager"
    PERFORMANCE_OFFICER = "performance_officer", "Performance officer"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "Administrator"


class Action:
    """The actions the gate understands."""

    VIEW_CASE = "view_case"  # see a child's identity and record
    CHANGE_CASE = "change_case"  # create and change case records
    COUNTERSIGN = "countersign"  # manager oversight of assessments
    AUDIT = "audit"  # run case audits, raise improvement actions
    READ_QUALITY = "read_quality"  # read case audits, inspections and National Standards self-assessments
    VIEW_FIGURES = "view_figures"  # indicators and reports with drill-down to children
    VIEW_AGGREGATE = "view_aggregate"  # aggregate figures only, small numbers suppressed
    IMPORT = "import"  # bring data in
    EXPORT = "export"  # take a service's data out
    CONFIGURE = "configure"  # users, reference data, service settings
    VIEW_AUDIT_TRAIL = "view_audit_trail"  # the audit viewer: who did what to which child's record, when
    SUBJECT_ACCESS = "subject_access"  # export everything held about one child, for a subject access request
    SET_TARGETS = "set_targets"  # the service's targets, comparators and published values for its figures
    GOVERN = "govern"  # change improvement plans, risks, board, budget and workforce records
    VIEW_GOVERNANCE = "view_governance"  # read plans, risks, board, budget and workforce (aggregate)


PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CASE_MANAGER: frozenset({Action.VIEW_CASE, Action.CHANGE_CASE}),
    Role.MANAGER: frozenset(
        {Action.VIEW_CASE, Action.CHANGE_CASE, Action.COUNTERSIGN, Action.AUDIT, Action.READ_QUALITY,
         Action.VIEW_FIGURES, Action.GOVERN, Action.VIEW_GOVERNANCE,
         Action.SUBJECT_ACCESS}
    ),
    Role.PERFORMANCE_OFFICER: frozenset(
        {Action.VIEW_CASE, Action.VIEW_FIGURES, Action.VIEW_AGGREGATE, Action.IMPORT, Action.EXPORT,
         Action.SET_TARGETS, Action.READ_QUALITY, Action.VIEW_GOVERNANCE}
    ),
    Role.BOARD_MEMBER: frozenset({Action.VIEW_AGGREGATE, Action.VIEW_GOVERNANCE}),
    # Administrators configure; they see case content only if they also hold another role.
    # The data-protection officer's audit viewer is theirs too (children by reference, never by name).
    Role.ADMINISTRATOR: frozenset({Action.CONFIGURE, Action.SET_TARGETS, Action.IMPORT, Action.VIEW_AUDIT_TRAIL}),
}
# Managers read figures with drill-down too, so they also have the aggregate view.
PERMISSIONS[Role.MANAGER] = PERMISSIONS[Role.MANAGER] | {Action.VIEW_AGGREGATE}


def role_allows(role: str | None, action: str) -> bool:
    """True when ``role`` grants ``action``. Unknown roles grant nothing."""
    return action in PERMISSIONS.get(role or "", frozenset())
