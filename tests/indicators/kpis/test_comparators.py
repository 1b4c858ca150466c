"""Published KPI values (national, regional, family) come in as comparators, like the others."""

from __future__ import annotations

from django.urls import reverse

from openyj.indicators.engine import tables_for
from openyj.indicators.models import ComparatorValue
from openyj.indicators.suite import with_comparators

from . import builders as b

ROWS = """indicator,area_type,area_name,period_start,period_end,value,numerator,denominator,source,published_on
kpi_ete,national,England and Wales,2025-04-01,2025-06-30,71.2,,,Illustrative published KPI release,2025-10-30
kpi_accommodation,family,Northdale family,2025-04-01,2025-06-30,88.0,,,Illustrative family figures,2025-11-05
"""


def test_published_kpi_values_import_and_show_beside_the_return(service_a, performance_officer, client_as,
                                                                 tmp_path):
    from openyj.core.actors import COMMAND_LINE
    from openyj.interchange.importer import import_path

    (tmp_path / "comparators.csv").write_text(ROWS, encoding="utf-8")
    report = import_path(tmp_path, service_code=service_a.code, user=COMMAND_LINE)
    assert report.ok, report.text()
    assert set(ComparatorValue.objects.values_list("indicator", flat=True)) == {"kpi_ete", "kpi_accommodation"}
    b.ete(service_a)
    results = with_comparators(service_a, b.Q, tables_for([service_a]), only={"kpis"})
    published = [c for c in results["kpi_ete"].comparators if c.area_type == "national"]
    assert [(c.value, c.source, c.comparable) for c in published] == [
        (71.2, "Illustrative published KPI release", True)]
    assert "England and Wales" in published[0].label
    html = client_as(performance_officer).get(reverse("kpi_return"), {"quarter": "2025-06-30"}).content.decode()
    assert "England and Wales 71.2" in html and "published 30 October 2025" in html
    assert "Northdale family 88.0" in html
