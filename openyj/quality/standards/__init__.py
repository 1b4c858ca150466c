"""The National Standards self-assessment: gradings by standard and level, operational samples, and
the history across years."""
