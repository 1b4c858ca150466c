"""The demo command's date logic (the command itself is exercised by `make demo` and the browser tests)."""

from datetime import date

from openyj.demo.management.commands.demo import last_quarter_end


def test_last_quarter_end():
    assert last_quarter_end(date(2026, 11, 22)) == date(2026, 9, 30)
    assert last_quarter_end(date(2026, 10, 1)) == date(2026, 9, 30)
    assert last_quarter_end(date(2026, 9, 30)) == date(2026, 6, 30)
    assert last_quarter_end(date(2026, 1, 1)) == date(2025, 12, 31)


def test_demo_command_loads_the_service_users_and_quality_data(db):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from openyj.core.models import Membership, Service
    from openyj.people.models import Child
    from openyj.quality.models import Inspection

    out = StringIO()
    call_command("demo", "--no-serve", "--children", "60", stdout=out)
    service = Service.objects.get(code="DEMO")
    assert Child.objects.filter(service=service).count() > 100
    assert "Sign in as: demo / openyj-demo-2026" in out.getvalue()
    roles = dict(Membership.objects.filter(service=service).values_list("user__username", "role"))
    assert roles["demo"] == "manager" and roles["board"] == "board_member"
    assert get_user_model().objects.get(username="demo").check_password("openyj-demo-2026")
    assert Inspection.objects.filter(service=service).exists()
    from openyj.governance.models import ImprovementPlan

    assert ImprovementPlan.objects.filter(service=service).count() == 2
    # Running it again changes nothing and does not fail.
    call_command("demo", "--no-serve", stdout=StringIO())
    assert Service.objects.filter(code="DEMO").count() == 1
