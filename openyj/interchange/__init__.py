"""The interchange format (the CSV folder of ``shared/spec/interchange.md``, format version 1):
import and export. The synthetic demo data generator lives in ``openyj.demo``."""
