from __future__ import annotations

from django.contrib.auth import get_user_model

from openyj.casework.models import KPI_FLAG_FIELDS, SNAPSHOT_FIELDS, Assessment, Intervention
from openyj.core.forms import ServiceRecordForm, govuk_formfield


class InterventionForm(ServiceRecordForm):
    class Meta:
        model = Intervention
        fields = ["reference", "kind", "outcome", "case_manager", "start_date", "end_date", "end_reason",
                  *SNAPSHOT_FIELDS["start"], *SNAPSHOT_FIELDS["end"], *KPI_FLAG_FIELDS]
        formfield_callback = govuk_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = self.child.outcomes.select_related("outcome_type")
        self.fields["outcome"].label_from_instance = (
            lambda o: f"{o.reference}: {o.outcome_type.name}, {o.outcome_date:%d %B %Y}"
        )
        self.fields["case_manager"].queryset = get_user_model().objects.filter(
            memberships__service=self.service, is_active=True
        ).order_by("first_name", "last_name", "username")
        self.fields["case_manager"].label_from_instance = lambda u: u.get_full_name() or u.username


class AssessmentForm(ServiceRecordForm):
    class Meta:
        model = Assessment
        fields = ["reference", "tool", "intervention", "started_on", "due_on", "completed_on",
                  "reoffending_likelihood", "serious_harm", "safety_wellbeing"]
        # No countersignature fields: countersigning is a manager's action (services.assessment_countersign).
        formfield_callback = govuk_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = self.child.interventions.all()
