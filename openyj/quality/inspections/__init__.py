"""Inspections: a published inspection's ratings, percentages and recommendations, the ratings the rule
computes from them, and the comparison with a self-audit."""
