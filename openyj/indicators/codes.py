"""The coded values the figures need of their own: the kinds of area a comparator describes.

Codes are part of the published interchange contract (``shared/spec/interchange.md``): never rename one.
Each list is ``(code, label)`` pairs in the order users expect to see them.
"""

from __future__ import annotations

AREA_TYPE = [
    ("national", "National"),
    ("region", "Region"),
    ("family", "YJS family"),
    ("force", "Police force area"),
]
