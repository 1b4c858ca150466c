from __future__ import annotations

from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.people.models import Child


class ChildForm(ServiceRecordForm):
    class Meta:
        model = Child
        fields = [
            "reference", "given_name", "family_name", "date_of_birth", "sex", "ethnicity",
            "local_authority", "postcode_district", "pnc_id", "prior_substantive_outcome",
            "send_status", "send_identified_on", "send_plan_current",
            "nationality", "first_language", "needs_interpreter",
        ]
        formfield_callback = govuk_formfield
        help_texts = {
            "reference": "The child's id in your case management system, for example C000123",
            "prior_substantive_outcome": "Did the child have a caution or conviction before these records began?",
            "postcode_district": "The first half of the postcode only, for example LS9",
        }
