"""Per-service reference figures the indicators compare with: the area's looked-after children.

Reference data, not code: administrators enter it on the performance settings page
(``/performance/settings/``), with its source, as published by the local authority or the
Department for Education ("Children looked after in England").
"""

from __future__ import annotations

from django.db import models

from openyj.core.fields import ServiceScoped


class LookedAfterFigure(ServiceScoped):
    """How many children the area's local authority looked after, on a date (usually 31 March).

    The denominator of "looked-after children known to the service ÷ all the area's looked-after
    children", and (with ``children``) of "% of the area's children looked after".
    """

    as_at = models.DateField("date of the count", help_text="Usually 31 March, the end of the year the count is for.")
    looked_after = models.PositiveIntegerField("looked-after children in the area")
    children = models.PositiveIntegerField(
        "children of the same ages living in the area", null=True, blank=True,
        help_text="The population the count is out of, to give the % of the area's children looked after. "
                  "Leave blank to use the ONS estimate of children aged 10 to 17 (then the count should be of "
                  "children aged 10 to 17 too).",
    )
    source = models.CharField(max_length=300, help_text="Where the figure comes from, for example "
                                                          "“DfE Children looked after in England 2022, table A1”.")
    published_on = models.DateField("published on", null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "as_at"], name="looked_after_figure_unique")]
        ordering = ["-as_at"]

    def __str__(self) -> str:
        return f"{self.looked_after} looked-after children at {self.as_at:%d %B %Y}"
