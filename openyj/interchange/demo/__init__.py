"""Parts of the synthetic demo data generator; the entry point is
``openyj.interchange.generate.generate_demo``."""
