"""The coded values of the service's work with a child: interventions, their start and end snapshots,
assessments, victims and feedback.

Codes are part of the published interchange contract (``shared/spec/interchange.md``): never rename one.
Each list is ``(code, label)`` pairs in the order users expect to see them.
"""

from __future__ import annotations

INTERVENTION_KIND = [
    ("prevention", "Prevention"),
    ("diversion", "Diversion after an informal outcome"),
    ("out_of_court", "Out-of-court disposal"),
    ("referral_order", "Referral order"),
    ("yro", "Youth rehabilitation order"),
    ("custody_licence", "Custody and licence"),
    ("bail_support", "Bail support"),
    ("other", "Other"),
]
END_REASON = [
    ("completed", "Completed"),
    ("revoked_good_progress", "Revoked for good progress"),
    ("revoked_resentenced", "Revoked and resentenced"),
    ("breached", "Breached"),
    ("transferred_out", "Transferred out"),
    ("transferred_to_probation", "Moved to adult probation"),
    ("other", "Other"),
]
ACCOMMODATION_TYPE = [
    ("parent_family", "With parents or family"),
    ("foster", "Foster care"),
    ("residential", "Children's home or residential"),
    ("supported", "Supported accommodation"),
    ("independent", "Independent living"),
    ("custody", "Custody or secure estate"),
    ("temporary", "Temporary or emergency"),
    ("no_fixed_abode", "No fixed abode"),
    ("other", "Other"),
]
ETE_STATUS = [
    ("full_time_school", "Full-time school"),
    ("part_time_timetable", "Part-time timetable"),
    ("alternative_provision", "Alternative provision"),
    ("electively_home_educated", "Electively home educated"),
    ("college", "College"),
    ("training", "Training or apprenticeship"),
    ("employment", "Employment"),
    ("not_in_ete", "Not in education, training or employment"),
    ("education_in_custody", "Education in custody"),
]

ASSESSMENT_TOOL = [
    ("assetplus", "AssetPlus"),
    ("prevention", "Prevention or early help tool"),
    ("local_oocd", "Local out-of-court tool"),
    ("other", "Other"),
]
LIKELIHOOD = [("low", "Low"), ("medium", "Medium"), ("high", "High")]
RISK_LEVEL = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("very_high", "Very high")]

RJ_PARTICIPATION = [("direct", "Direct"), ("indirect", "Indirect"), ("none", "None")]
FEEDBACK_SOURCE = [("child", "Child"), ("parent", "Parent or carer"), ("victim", "Victim")]
