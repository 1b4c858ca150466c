"""The coded values of a child's record: sex, ethnicity, care and early-help episodes, SEND.

Codes are part of the published interchange contract (``shared/spec/interchange.md``): never rename one.
Each list is ``(code, label)`` pairs in the order users expect to see them.
"""

from __future__ import annotations

SEX = [
    ("male", "Male"),
    ("female", "Female"),
    ("other", "Other"),
    ("not_known", "Not known"),
]

# GSS harmonised ethnicity (Census 2021): 19 detailed categories in five groups, plus not stated /
# not known (which are excluded from shares, and always reported as a count).
ETHNICITY = [
    ("white_british", "White: English, Welsh, Scottish, Northern Irish or British", "white"),
    ("white_irish", "White: Irish", "white"),
    ("white_gypsy_irish_traveller", "White: Gypsy or Irish Traveller", "white"),
    ("white_roma", "White: Roma", "white"),
    ("white_other", "White: Any other White background", "white"),
    ("mixed_white_black_caribbean", "Mixed: White and Black Caribbean", "mixed"),
    ("mixed_white_black_african", "Mixed: White and Black African", "mixed"),
    ("mixed_white_asian", "Mixed: White and Asian", "mixed"),
    ("mixed_other", "Mixed: Any other Mixed or multiple background", "mixed"),
    ("asian_indian", "Asian: Indian", "asian"),
    ("asian_pakistani", "Asian: Pakistani", "asian"),
    ("asian_bangladeshi", "Asian: Bangladeshi", "asian"),
    ("asian_chinese", "Asian: Chinese", "asian"),
    ("asian_other", "Asian: Any other Asian background", "asian"),
    ("black_caribbean", "Black: Caribbean", "black"),
    ("black_african", "Black: African", "black"),
    ("black_other", "Black: Any other Black, Black British or Caribbean background", "black"),
    ("other_arab", "Other ethnic group: Arab", "other"),
    ("other_any", "Other ethnic group: Any other ethnic group", "other"),
    ("not_stated", "Not stated", None),
    ("not_known", "Not known", None),
]
ETHNICITY_CHOICES = [(code, label) for code, label, _group in ETHNICITY]
ETHNICITY_GROUP = {code: group for code, _label, group in ETHNICITY}
ETHNIC_GROUPS = [
    ("white", "White"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("other", "Other ethnic group"),
]
# Services report Gypsy, Roma and Traveller children as their own line (the Leeds seed does).
GRT_CODES = frozenset({"white_gypsy_irish_traveller", "white_roma"})

EPISODE_TYPE = [
    ("looked_after", "Looked after"),
    ("child_in_need", "Child in need"),
    ("child_protection", "Child protection plan"),
    ("early_help", "Early help plan"),
]
LEGAL_BASIS = [
    ("s20", "Voluntary (section 20)"),
    ("care_order", "Care order"),
    ("remand", "Remand to local authority"),
    ("other", "Other"),
]
SEND_STATUS = [
    ("none", "No identified need"),
    ("sen_support", "SEN support"),
    ("ehcp", "Education, health and care plan (ALN plan in Wales)"),
]
