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
