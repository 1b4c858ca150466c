"""Reference data and indicator settings in the Django admin (for technical staff).

A service's administrators are not Django staff: they use the performance settings pages
(``/performance/settings/``, :mod:`openyj.indicators.views_settings`), which audit every change.
"""

from django.contrib import admin

from openyj.indicators.models import CensusEthnicity, ComparatorValue, IndicatorSetting, LookedAfterFigure, Population


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["area_code", "year", "age", "sex", "population"]
    list_filter = ["year", "sex"]
    search_fields = ["area_code"]


@admin.register(CensusEthnicity)
class CensusEthnicityAdmin(admin.ModelAdmin):
    list_display = ["area_code", "source", "ethnicity", "population"]
    list_filter = ["source"]
    search_fields = ["area_code", "ethnicity"]


@admin.register(ComparatorValue)
class ComparatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area_type", "area_name", "period_start", "period_end", "value", "source",
                    "published_on", "service"]
    list_filter = ["indicator", "area_type", "service"]
    search_fields = ["area_name", "source"]


@admin.register(IndicatorSetting)
class IndicatorSettingAdmin(admin.ModelAdmin):
    list_display = ["service", "indicator", "target", "tolerance_percent", "better"]
    list_filter = ["service", "indicator"]


@admin.register(LookedAfterFigure)
class LookedAfterFigureAdmin(admin.ModelAdmin):
    list_display = ["service", "as_at", "looked_after", "children", "source", "published_on"]
    list_filter = ["service"]
