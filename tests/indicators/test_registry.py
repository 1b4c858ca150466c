"""The registry: every indicator declared once in its module, and what reads it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openyj.indicators import registry
from openyj.indicators.periods import Period
from openyj.indicators.results import Result


def test_every_module_declares_its_indicators_once_and_computes_exactly_them(service_a, run):
    declared = registry.indicators()
    results = run(service_a, Period.quarter(2024, 1))
    assert set(results) == set(declared)
    for code, result in results.items():
        ind = declared[code]
        assert isinstance(result, Result)
        assert (result.id, result.name, result.unit, result.better, result.ids_kind, result.places) == (
            ind.code, ind.name, ind.unit, ind.better, ind.ids, ind.places), code


def test_every_indicator_declares_what_the_pages_and_docs_need():
    for code, ind in registry.indicators().items():
        assert ind.unit and ind.name and ind.definition.endswith("."), code
        assert ind.better in registry.BETTER and ind.period in registry.PERIOD_KINDS, code
        assert ind.group in registry.GROUPS and isinstance(ind.effective, date) and ind.version, code


def test_annual_measures_are_the_national_rates():
    annual = {c for c, i in registry.indicators().items() if i.period == registry.ANNUAL}
    assert {"fte", "custody", "serious_violence"} <= annual
    assert registry.get("reoffending").period == registry.QUARTERLY


def test_grouped_national_first_then_local():
    groups = [g for g, _heading, _inds in registry.grouped()]
    assert groups[0] == registry.NATIONAL and groups[-1] == registry.LOCAL
    assert [i.code for i in registry.grouped()[0][2]][:2] == ["fte", "reoffending"]


def test_a_new_definition_module_is_found_and_run(service_a, run, monkeypatch):
    """Adding an indicator is one module: the registry finds it and the suite runs it."""
    import sys
    import types

    extra = registry.Indicator(code="test_extra", name="A measure added by one module", unit="count",
                               better="lower", period=registry.QUARTERLY, group=registry.LOCAL, ids="children",
                               version="1", effective=date(2026, 1, 1), definition="Always 3.")

    def compute(t, period):
        return {"test_extra": {sid: extra.result(period=period, numerator=3, denominator=None, value=3)
                               for sid in t.service_ids}}

    module = types.ModuleType("openyj.indicators.test_extra")
    module.DEFINITION = registry.Definition(key="test_extra", indicators=(extra,), compute=compute)
    real = registry._modules

    def modules():
        yield from real()
        yield module

    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(registry, "_modules", modules)
    registry.definitions.cache_clear()
    try:
        assert registry.get("test_extra") is extra
        assert run(service_a, Period.quarter(2024, 1))["test_extra"].value == 3
    finally:
        monkeypatch.undo()
        registry.definitions.cache_clear()
    assert registry.get("test_extra") is None


def test_a_definition_computing_an_undeclared_code_is_refused(service_a, run, monkeypatch):
    d = registry.definition("feedback")
    bad = registry.Definition(key="feedback", indicators=d.indicators,
                              compute=lambda t, p: {"something_else": {}})
    monkeypatch.setattr(registry, "definitions", lambda: (bad,))
    with pytest.raises(RuntimeError, match="does not declare"):
        run(service_a, Period.quarter(2024, 1))


def test_the_settings_pages_and_the_command_read_the_registry(administrator, client_as, service_a):
    client = client_as(administrator)
    html = client.get(reverse("indicator_settings")).content.decode()
    for ind in registry.indicators().values():
        assert ind.name in html
    for d in registry.with_parameters():
        page = client.get(reverse("indicator_settings_parameters", args=[d.settings_key]))
        assert page.status_code == 200
        for p in d.parameters:
            assert f'name="{p.name}"' in page.content.decode()


def test_a_parameter_is_validated_by_its_declaration(administrator, service_a):
    from django.core.exceptions import ValidationError

    from openyj.indicators import services

    with pytest.raises(ValidationError) as e:
        services.indicator_parameters_update(user=administrator, service=service_a, definition="serious_violence",
                                             parameters={"min_seriousness": 9})
    assert "The score must be 8 or less" in str(e.value)


def test_the_docs_cover_every_registered_indicator():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "indicators.md").read_text()
    missing = [code for code in registry.indicators() if f"`{code}`" not in text]
    assert not missing, f"docs/indicators.md does not describe {missing}"
