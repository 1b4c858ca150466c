"""Reference data the indicators divide by or compare with: populations and published figures.

Reference data is versioned data, not code: it arrives through the interchange files
(``population.csv``, ``census_ethnicity.csv``, ``comparators.csv``) and administrators can edit it.
"""

from __future__ import annotations

from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.indicators import codes as indicators_codes
from openyj.people import codes as people_codes


class Population(models.Model):
    """ONS mid-year estimate: children of one single year of age and sex in one area and year."""

    area_code = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=10, choices=people_codes.SEX[:2])
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area_code", "year", "age", "sex"], name="population_unique")
        ]
        ordering = ["area_code", "year", "age", "sex"]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} age {self.age} {self.sex}: {self.population}"


class CensusEthnicity(models.Model):
    """Children aged 10–17 in an area by ethnicity (code or group), from the census or school census."""

    area_code = models.CharField(max_length=12)
    source = models.CharField(max_length=40, help_text="census_2021 or school_census_YYYY")
    ethnicity = models.CharField(max_length=40)
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area_code", "source", "ethnicity"], name="census_ethnicity_unique")
        ]
        verbose_name_plural = "census ethnicity"

    def __str__(self) -> str:
        return f"{self.area_code} {self.source} {self.ethnicity}: {self.population}"


class ComparatorValue(ServiceScoped):
    """A published figure (national, region, YJS family, police force area) with its source and vintage."""

    indicator = models.CharField(max_length=60)
    area_type = models.CharField(max_length=20, choices=indicators_codes.AREA_TYPE)
    area_name = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=3)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=300)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "indicator", "area_type", "area_name", "period_start", "period_end"],
                name="comparator_unique",
            )
        ]
        ordering = ["indicator", "period_end", "area_type"]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_name} {self.period_start}–{self.period_end}: {self.value}"


# Added models live in their own modules; imported here so Django finds them.
from openyj.indicators.figure_models import FigureSet, FigureState  # noqa: E402, F401
from openyj.indicators.reference_models import LookedAfterFigure  # noqa: E402, F401
from openyj.indicators.settings_models import IndicatorSetting  # noqa: E402, F401
