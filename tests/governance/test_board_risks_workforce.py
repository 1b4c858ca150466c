"""The board (attendance and the KPI 7 rows), the workforce table and the remand budget, hand-worked."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openyj.governance import models as m
from openyj.governance import presenters, selectors, services
from openyj.people.models import Child


def test_four_quarters_before():
    assert selectors.four_quarters_before(date(2026, 12, 2)) == (date(2025, 10, 1), date(2026, 9, 30))
    assert selectors.four_quarters_before(date(2026, 1, 1)) == (date(2025, 1, 1), date(2025, 12, 31))


def test_attendance_recorded_and_imported_read_as_one(service_a, manager, performance_officer):
    police = services.record_save(user=manager, service=service_a, model=m.BoardMember,
                                  data={"name": "Pat Lee", "agency": "Police", "statutory_partner": True})
    meetings = [services.record_save(user=manager, service=service_a, model=m.BoardMeeting,
                                     data={"held_on": date(2025, month, 10)}) for month in (11, 12)]
    services.attendance_record(user=manager, meeting=meetings[0], member=police, attendance="attended")
    with pytest.raises(ValidationError) as missing:
        services.attendance_record(user=manager, meeting=meetings[1], member=police, attendance="deputy")
    assert set(missing.value.message_dict) == {"appropriate_seniority", "deputy_name"}
    services.attendance_record(user=manager, meeting=meetings[1], member=police, attendance="deputy",
                               deputy_name="Chief Inspector Roe", appropriate_seniority=False)
    # An imported row (board_attendance.csv) for a meeting the board pages never saw.
    m.BoardAttendance.objects.create(service=service_a, meeting_date=date(2026, 2, 10), member="A Health Lead",
                                     agency="Health", statutory_partner=True, attendance="apologies")
    m.BoardAttendance.objects.create(service=service_a, meeting_date=date(2026, 2, 10), member="Pat Lee",
                                     agency="Police", statutory_partner=True, appropriate_seniority=True,
                                     attendance="attended")
    rows = list(selectors.attendance_rows(performance_officer, service_a))
    assert rows[0] == {"meeting_date": date(2025, 11, 10), "member": "Pat Lee", "agency": "Police",
                       "statutory_partner": True, "appropriate_seniority": True, "attendance": "attended"}
    assert [(r["agency"], r["attendance"], r["appropriate_seniority"]) for r in rows] == [
        ("Police", "attended", True), ("Police", "deputy", False), ("Health", "apologies", None),
        ("Police", "attended", True)]
    rates = selectors.attendance_by_partner(performance_officer, service_a, start=date(2025, 10, 1),
                                            end=date(2026, 9, 30))
    # Police: 3 meetings, represented at 2 (the deputy was not of appropriate seniority): 67%. Health: 0 of 1.
    assert [(p.agency, p.meetings, p.represented, p.rate) for p in rates] == [("Health", 1, 0, 0),
                                                                              ("Police", 3, 2, 67)]


def test_the_board_page_flags_partners_below_the_threshold(service_a, manager, board_member, client_as, settings):
    settings.OPENYJ_BOARD_ATTENDANCE_THRESHOLD = 60
    today = date.today()
    start, _ = selectors.four_quarters_before(today)
    for n, attendance in enumerate(["attended", "absent", "attended"]):
        m.BoardAttendance.objects.create(service=service_a, meeting_date=start + timedelta(days=20 * n),
                                         member="Pat", agency="Police", statutory_partner=True,
                                         attendance=attendance, appropriate_seniority=attendance == "attended")
        m.BoardAttendance.objects.create(service=service_a, meeting_date=start + timedelta(days=20 * n),
                                         member="Sam", agency="Probation", statutory_partner=True,
                                         attendance="apologies" if n else "attended")
    html = client_as(board_member).get(reverse("governance_board")).content.decode()
    assert "Partners below 60% are flagged" in html
    assert html.count("Below 60%") == 1  # Probation, 33%; Police at 67% is not flagged
    assert "33%" in html and "67%" in html


def _staff(service, ref, grade, sex, ethnicity, staff_type="employee", fte="1", **extra):
    return m.StaffMember.objects.create(service=service, reference=ref, grade=grade, sex=sex, ethnicity=ethnicity,
                                        staff_type=staff_type, fte=Decimal(fte), **extra)


def test_the_workforce_table_adds_up(service_a):
    staff = [
        _staff(service_a, "S1", "Practitioner", "female", "white_british"),
        _staff(service_a, "S2", "practitioner", "male", "black_caribbean"),
        _staff(service_a, "S3", "practitioner", "female", "white_irish"),
        _staff(service_a, "S4", "Operational and practice manager", "female", "asian_pakistani"),
        _staff(service_a, "S5", "practitioner", "male", "not_stated"),
        _staff(service_a, "V1", "volunteer", "female", "white_british", staff_type="volunteer"),
    ]
    table = presenters.workforce_table(staff, suppress=False)
    assert table.columns == [("operational_manager", "Operational and practice manager"),
                             ("practitioner", "Practitioner")]
    rows = {row["label"]: row for row in table.rows}
    # columns: manager M, manager F, practitioner M, practitioner F; then total M, total F
    assert rows["White"]["cells"] == ["0", "0", "0", "2"] and rows["White"]["totals"] == ["0", "2"]
    assert rows["Asian or Asian British"]["cells"] == ["0", "1", "0", "0"]
    assert rows["Not known"]["cells"] == ["0", "0", "1", "0"]
    assert table.totals["cells"] == ["0", "1", "2", "2", "2", "3"]
    assert table.total == 5  # the volunteer is counted on their own table
    suppressed = presenters.workforce_table(staff, suppress=True)
    white = {row["label"]: row for row in suppressed.rows}["White"]
    assert white["cells"][3] == "fewer than 5"
    # White women: one suppressed cell (2 practitioners) and a zero, so their total would give it away.
    assert white["totals"] == ["0", "Not shown"]
    volunteers = {row["label"]: row["cells"] for row in presenters.volunteer_table(staff, suppress=False)}
    assert volunteers["White"] == ["0", "1"]


def test_shares_resting_on_small_numbers_are_not_shown_to_the_board():
    from collections import Counter

    staff = Counter({"white": 12, "black": 2, "not_known": 1})
    children = Counter({"white": 30, "asian": 10})
    rows = {r["label"]: r for r in presenters.ethnicity_comparison(staff, children, suppress=True)}
    # 12 of the 14 whose ethnicity is known: 86%; 2 of 14 rests on fewer than 5 people.
    assert rows["White"]["workforce"] == "86%" and rows["White"]["cohort"] == "75%"
    assert rows["Black, Black British, Caribbean or African"]["workforce"] == "Not shown (fewer than 5)"
    exact = {r["label"]: r for r in presenters.ethnicity_comparison(staff, children, suppress=False)}
    assert exact["Black, Black British, Caribbean or African"]["workforce"] == "14%"


def test_the_workforce_page_suppresses_for_the_board(service_a, manager, board_member, client_as):
    _staff(service_a, "S1", "practitioner", "female", "white_british", fte="0.5")
    child = Child.objects.create(service=service_a, reference="C1", date_of_birth=date(2010, 1, 1), sex="male",
                                 ethnicity="black_african")
    from openyj.casework.models import Intervention

    Intervention.objects.create(service=service_a, reference="I1", child=child, kind="referral_order",
                                start_date=date(2026, 1, 5), case_manager=manager)
    board = client_as(board_member).get(reverse("governance_workforce")).content.decode()
    assert "fewer than 5" in board and "S1" not in board
    managers = client_as(manager).get(reverse("governance_workforce")).content.decode()
    assert "S1" in managers and "fewer than 5" not in managers
    # One open case and half a full-time practitioner: 1 ÷ 0.5 = 2 cases per full-time practitioner.
    assert "practitioners in post: 0.5 full-time equivalent. That is an average of 2.0 open cases" in managers
    row = ('<th scope="row" class="govuk-table__header">Manager A</th>'
           '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>')
    assert row in managers and "Manager A</th>" not in board


def test_remand_nights_and_spend(service_a, manager, performance_officer):
    from openyj.offending.models import Remand

    child = Child.objects.create(service=service_a, reference="C1", date_of_birth=date(2008, 1, 1), sex="male",
                                 ethnicity="white_british")
    # 30 March to 3 April 2025: the nights of 30 and 31 March fall in 2024/25, 1 and 2 April in 2025/26.
    Remand.objects.create(service=service_a, reference="R1", child=child, remand_type="youth_detention",
                          start_date=date(2025, 3, 30), end_date=date(2025, 4, 3))
    # Ten nights, 1 to 11 May 2025; and a remand to local authority accommodation, which costs nothing here.
    Remand.objects.create(service=service_a, reference="R2", child=child, remand_type="youth_detention",
                          start_date=date(2025, 5, 1), end_date=date(2025, 5, 11))
    Remand.objects.create(service=service_a, reference="R3", child=child, remand_type="la_accommodation",
                          start_date=date(2025, 6, 1), end_date=date(2025, 6, 30))
    assert selectors.remand_nights(service_a, date(2024, 4, 1), date(2025, 3, 31)) == 2
    assert selectors.remand_nights(service_a, date(2025, 4, 1), date(2026, 3, 31)) == 12
    services.record_save(user=manager, service=service_a, model=m.RemandBudget,
                         data={"year": "2025/26", "budget": Decimal("5000"), "nightly_cost": Decimal("601.50")})
    position = selectors.remand_position(performance_officer, service_a, "2025/26")
    assert (position.nights, position.spend, position.difference) == (12, Decimal("7218.00"), Decimal("-2218.00"))


def test_money_cannot_be_negative(service_a, manager, client_as):
    with pytest.raises(ValidationError) as refused:
        services.record_save(user=manager, service=service_a, model=m.BudgetLine,
                             data={"year": "2025/26", "agency": "Police", "staffing": Decimal("-1")})
    assert refused.value.message_dict["staffing"] == ["Enter an amount of £0 or more"]
    response = client_as(manager).post(reverse("governance_budget_line_add"), {
        "year": "2025-26", "agency": "Police", "staffing": "12.345"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the financial year like 2024/25" in html
    assert not m.BudgetLine.objects.exists()


def test_year_on_year(service_a, manager, board_member, client_as):
    for year, amount in (("2024/25", "1000"), ("2025/26", "1250.50")):
        services.record_save(user=manager, service=service_a, model=m.BudgetLine,
                             data={"year": year, "agency": "Health", "staffing": Decimal(amount),
                                   "total": Decimal(amount)})
    html = client_as(board_member).get(reverse("governance_budget") + "?year=2025/26").content.decode()
    assert "Compared with 2024/25" in html and "£250.50 more" in html
    assert "Every row and column adds up" in html


def test_training_is_recorded_and_summed(service_a, manager, board_member, client_as):
    member = _staff(service_a, "S1", "Practitioner", "female", "white_british")
    today = date.today()
    response = client_as(manager).post(reverse("governance_training_add", args=[member.pk]), {
        "course": "Trauma-informed practice", "completed_on_day": today.day, "completed_on_month": today.month,
        "completed_on_year": today.year})
    assert response.status_code == 302
    assert m.TrainingRecord.objects.get().staff == member
    html = client_as(board_member).get(reverse("governance_workforce")).content.decode()
    assert "Trauma-informed practice" in html
    assert client_as(board_member).get(reverse("governance_training_add", args=[member.pk])).status_code == 403


def test_a_board_member_records_their_own_attendance_only_where_allowed(service_a, manager, board_member,
                                                                       performance_officer, client_as, settings):
    member = services.record_save(user=manager, service=service_a, model=m.BoardMember,
                                  data={"name": "Board Member A", "agency": "Probation", "statutory_partner": True,
                                        "user": board_member})
    other = services.record_save(user=manager, service=service_a, model=m.BoardMember,
                                 data={"name": "Someone Else", "agency": "Police"})
    meeting = services.record_save(user=manager, service=service_a, model=m.BoardMeeting,
                                   data={"held_on": date(2026, 5, 14)})
    url = reverse("governance_my_attendance", args=[meeting.pk])
    settings.OPENYJ_BOARD_SELF_ATTENDANCE = False
    assert client_as(board_member).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.attendance_record(user=board_member, meeting=meeting, member=member, attendance="attended")
    settings.OPENYJ_BOARD_SELF_ATTENDANCE = True
    response = client_as(board_member).post(url, {"attendance": "attended"})
    assert response.status_code == 302
    assert m.BoardAttendance.objects.get(board_member=member).attendance == "attended"
    # Only their own: not another member's, and not for someone who is not a member.
    with pytest.raises(PermissionDenied):
        services.attendance_record(user=board_member, meeting=meeting, member=other, attendance="absent")
    assert client_as(performance_officer).get(url).status_code == 404
    assert client_as(board_member).get(reverse("governance_attendance", args=[meeting.pk, member.pk])).status_code \
        == 403


def test_a_manager_links_a_member_to_a_board_members_account(service_a, manager, board_member, performance_officer,
                                                              client_as):
    client = client_as(manager)
    page = client.get(reverse("governance_member_add")).content.decode()
    assert "Board Member A" in page and "Performance Officer A" not in page  # only the service's board members
    response = client.post(reverse("governance_member_add"), {
        "name": "Board Member A", "agency": "Probation", "statutory_partner": "on", "active": "on",
        "user": board_member.pk})
    assert response.status_code == 302
    assert m.BoardMember.objects.get().user == board_member
    refused = client.post(reverse("governance_member_add"),
                          {"name": "X", "agency": "Y", "user": performance_officer.pk})
    assert refused.status_code == 400 and m.BoardMember.objects.count() == 1
