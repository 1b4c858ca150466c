"""Case audits: a service's own reading of a sample of its cases against an inspection framework —
drawing the sample, answering and moderating, rating, and adjusted ratings."""
