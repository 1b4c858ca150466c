"""The pages of a child's case, included by the project at ``/children/``."""

from django.urls import path

from openyj.casework import views

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("add/", views.child_add, name="child_add"),
    path("work-queue/", views.work_queue_view, name="work_queue"),
    path("<int:pk>/", views.child_detail, name="child_detail"),
    path("<int:pk>/edit/", views.child_edit, name="child_edit"),
    path("<int:child_pk>/offences/add/", views.offence_form, name="offence_add"),
    path("<int:child_pk>/offences/<int:pk>/edit/", views.offence_form, name="offence_edit"),
    path("<int:child_pk>/outcomes/add/", views.outcome_form, name="outcome_add"),
    path("<int:child_pk>/outcomes/<int:pk>/edit/", views.outcome_form, name="outcome_edit"),
    path("<int:child_pk>/interventions/add/", views.intervention_form, name="intervention_add"),
    path("<int:child_pk>/interventions/<int:pk>/edit/", views.intervention_form, name="intervention_edit"),
    path("<int:child_pk>/assessments/add/", views.assessment_form, name="assessment_add"),
    path("<int:child_pk>/assessments/<int:pk>/edit/", views.assessment_form, name="assessment_edit"),
    path("<int:pk>/subject-access/", views.subject_access, name="subject_access"),
    path("<int:child_pk>/remands/add/", views.remand_form, name="remand_add"),
    path("<int:child_pk>/remands/<int:pk>/edit/", views.remand_form, name="remand_edit"),
    path("<int:child_pk>/custody/add/", views.custody_form, name="custody_add"),
    path("<int:child_pk>/custody/<int:pk>/edit/", views.custody_form, name="custody_edit"),
    path("<int:child_pk>/episodes/add/", views.episode_form, name="episode_add"),
    path("<int:child_pk>/episodes/<int:pk>/edit/", views.episode_form, name="episode_edit"),
    path("<int:child_pk>/victims/add/", views.victim_form, name="victim_add"),
    path("<int:child_pk>/victims/<int:pk>/edit/", views.victim_form, name="victim_edit"),
    path("<int:child_pk>/feedback/add/", views.feedback_form, name="feedback_add"),
    path("<int:child_pk>/feedback/<int:pk>/edit/", views.feedback_form, name="feedback_edit"),
    path("<int:child_pk>/assessments/<int:pk>/countersign/", views.assessment_countersign_view,
         name="assessment_countersign"),
]
