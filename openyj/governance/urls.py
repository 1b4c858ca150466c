from django.urls import path

from openyj.governance import views

urlpatterns = [
    path("", views.home, name="governance_home"),
    # Improvement plans
    path("plans/", views.plan_list, name="governance_plans"),
    path("plans/new/", views.plan_create, name="governance_plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="governance_plan"),
    path("plans/<int:pk>/review/", views.plan_review, name="governance_plan_review"),
    path("plans/<int:pk>/review/<int:step>/", views.plan_review, name="governance_plan_review_step"),
    path("plans/<int:pk>/export/", views.plan_export, name="governance_plan_export"),
    path("plans/<int:pk>/import/", views.plan_import, name="governance_plan_import"),
    path("objectives/<int:objective_pk>/actions/new/", views.action_add, name="governance_action_add"),
    path("actions/<int:pk>/", views.action_edit, name="governance_action_edit"),
    path("actions/view/<str:view>/", views.actions_view, name="governance_actions_view"),
    # The board
    path("board/", views.board, name="governance_board"),
    path("board/members/new/", views.member_form, name="governance_member_add"),
    path("board/members/<int:pk>/", views.member_form, name="governance_member_edit"),
    path("board/meetings/new/", views.meeting_form, name="governance_meeting_add"),
    path("board/meetings/<int:pk>/", views.meeting_detail, name="governance_meeting"),
    path("board/meetings/<int:pk>/change/", views.meeting_form, name="governance_meeting_edit"),
    path("board/meetings/<int:meeting_pk>/attendance/<int:member_pk>/", views.attendance_form,
         name="governance_attendance"),
    path("board/meetings/<int:meeting_pk>/my-attendance/", views.my_attendance, name="governance_my_attendance"),
    path("board/actions/new/", views.board_action_form, name="governance_board_action_add"),
    path("board/actions/<int:pk>/", views.board_action_form, name="governance_board_action_edit"),
    path("board/planner/new/", views.forward_item_form, name="governance_forward_add"),
    path("board/planner/<int:pk>/", views.forward_item_form, name="governance_forward_edit"),
    path("board/terms-of-reference/", views.terms_form, name="governance_terms"),
    # Risks
    path("risks/", views.risk_list, name="governance_risks"),
    path("risks/new/", views.risk_form, name="governance_risk_add"),
    path("risks/<int:pk>/", views.risk_form, name="governance_risk_edit"),
    path("risks/<int:pk>/link/", views.risk_link, name="governance_risk_link"),
    # Budget
    path("budget/", views.budget, name="governance_budget"),
    path("budget/lines/new/", views.budget_line_form, name="governance_budget_line_add"),
    path("budget/lines/<int:pk>/", views.budget_line_form, name="governance_budget_line_edit"),
    path("budget/grants/new/", views.grant_form, name="governance_grant_add"),
    path("budget/grants/<int:pk>/", views.grant_form, name="governance_grant_edit"),
    path("budget/remand/new/", views.remand_budget_form, name="governance_remand_add"),
    path("budget/remand/<int:pk>/", views.remand_budget_form, name="governance_remand_edit"),
    # Workforce
    path("workforce/", views.workforce, name="governance_workforce"),
    path("workforce/staff/new/", views.staff_form, name="governance_staff_add"),
    path("workforce/staff/<int:pk>/", views.staff_form, name="governance_staff_edit"),
    path("workforce/staff/<int:staff_pk>/training/new/", views.training_add, name="governance_training_add"),
]
