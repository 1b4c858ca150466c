"""Quality: case audits against inspection frameworks, real inspections, National Standards.

The frameworks themselves are data files (``openyj/quality/data/frameworks``), read by
:mod:`openyj.quality.frameworks`; these tables hold what a service records against them, by code.
"""

from openyj.quality.models.audits import (
    Answer,
    AuditAnswer,
    AuditCase,
    CaseAudit,
    CaseType,
    RatingAdjustment,
    StandardJudgement,
)
from openyj.quality.models.inspections import (
    Inspection,
    InspectionKeyQuestion,
    InspectionRecommendation,
    InspectionStandard,
)
from openyj.quality.models.national_standards import (
    GradingScale,
    StandardsCase,
    StandardsGrading,
    StandardsSample,
    StandardsSelfAssessment,
)

__all__ = [
    "Answer", "AuditAnswer", "AuditCase", "CaseAudit", "CaseType", "GradingScale", "Inspection",
    "InspectionKeyQuestion", "InspectionRecommendation", "InspectionStandard", "RatingAdjustment",
    "StandardJudgement", "StandardsCase", "StandardsGrading", "StandardsSample", "StandardsSelfAssessment",
]
