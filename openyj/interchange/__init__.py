"""The interchange format (the CSV folder of ``shared/spec/interchange.md``, format version 1):
import, export and the synthetic demo data generator (``openyj.interchange.generate``)."""
