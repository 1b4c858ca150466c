"""The synthetic demo service: the data generator (``openyj.demo.generate.generate_demo``), the demo
quality data (``openyj.demo.quality``) and the ``openyj demo`` and ``openyj generate-demo`` commands.

This package may import every app; no app imports it (an import-linter contract in pyproject.toml
checks that), so nothing in the product depends on demo code.
"""
