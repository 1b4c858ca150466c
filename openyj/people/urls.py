from django.urls import path

from openyj.casework import views as casework
from openyj.offending import views as offending
from openyj.people import views

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("add/", views.child_add, name="child_add"),
    path("<int:pk>/", views.child_detail, name="child_detail"),
    path("<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("<int:child_pk>/offences/add/", offending.offence_form, name="offence_add"),
    path("<int:child_pk>/offences/<int:pk>/edit/", offending.offence_form, name="offence_edit"),
    path("<int:child_pk>/outcomes/add/", offending.outcome_form, name="outcome_add"),
    path("<int:child_pk>/outcomes/<int:pk>/edit/", offending.outcome_form, name="outcome_edit"),
    path("<int:child_pk>/interventions/add/", casework.intervention_form, name="intervention_add"),
    path("<int:child_pk>/interventions/<int:pk>/edit/", casework.intervention_form, name="intervention_edit"),
    path("<int:child_pk>/assessments/add/", casework.assessment_form, name="assessment_add"),
    path("<int:child_pk>/assessments/<int:pk>/edit/", casework.assessment_form, name="assessment_edit"),
    path("<int:child_pk>/assessments/<int:pk>/countersign/", casework.assessment_countersign_view,
         name="assessment_countersign"),
]
