"""The coded values of the partnership's records: staff types and board attendance.

Codes are part of the published interchange contract (``shared/spec/interchange.md``): never rename one.
Each list is ``(code, label)`` pairs in the order users expect to see them.
"""

from __future__ import annotations

STAFF_TYPE = [
    ("employee", "Employee"),
    ("secondee", "Secondee"),
    ("volunteer", "Volunteer"),
    ("trainee", "Trainee"),
    ("sessional", "Sessional"),
]
ATTENDANCE = [
    ("attended", "Attended"),
    ("deputy", "Sent a deputy"),
    ("apologies", "Apologies"),
    ("absent", "Absent"),
]
# Grades are free text in staff.csv (a service's own grade names); these are the usual ones, in the
# order the workforce table shows them. A grade is matched to one by its code or its words, in any case.
GRADE = [
    ("strategic_manager", "Strategic manager"),
    ("operational_manager", "Operational and practice manager"),
    ("practitioner", "Practitioner"),
    ("administrator", "Administrator"),
    ("sessional", "Sessional worker"),
    ("student", "Student"),
    ("volunteer", "Volunteer"),
]
PLAN_KIND = [
    ("service_improvement", "Service improvement plan"),
    ("inspection_response", "Inspection response"),
    ("race_and_identity", "Race and identity plan"),
    ("national_standards", "National Standards actions"),
    ("other", "Other plan"),
]
RAG = [
    ("red", "Red"),
    ("amber", "Amber"),
    ("green", "Green"),
]
RISK_STATUS = [
    ("open", "Open"),
    ("closed", "Closed"),
]
RISK_TREND = [
    ("rising", "Rising"),
    ("steady", "Steady"),
    ("falling", "Falling"),
]
FORWARD_ITEM_KIND = [
    ("partner_report", "Partner report"),
    ("theme", "Theme"),
    ("deep_dive", "Deep dive"),
    ("paper", "Paper for decision"),
]
