import re
from tests.indicators.test_views import PERIOD, figures, travel, reverse  # noqa
def test_dbg(pages, figures, performance_officer, client_as, travel):
    html = client_as(performance_officer).get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    print(re.search(r'id="fte".*?</dl>', html, re.S).group(0))
