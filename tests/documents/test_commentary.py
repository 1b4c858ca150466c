"""The performance commentary: one sentence per indicator written from the figures, and the check
that refuses an edit stating a number the figures do not hold."""

import pytest
from django.core.exceptions import ValidationError

from openyj.documents.commentary import check_edit, numbers_in, sentence

PERIOD = {"start": "2025-04-01", "end": "2026-03-31", "kind": "rolling_12", "label": "12 months to March 2026"}


def fte(value, numerator, earlier=None, earlier_n=None, region=None, provisional=False, **extra):
    comparators = []
    if earlier is not None:
        comparators.append({"kind": "year_earlier", "label": "Same period a year earlier", "value": earlier,
                            "numerator": earlier_n, "denominator": 35000})
    if region is not None:
        comparators.append({"kind": "region", "label": "Region: North West", "value": region,
                            "period_start": "2025-04-01", "period_end": "2026-03-31"})
        # A quarter's published figure is never set beside a year's.
        comparators.append({"kind": "national", "label": "National: England and Wales", "value": 40.0,
                            "period_start": "2026-01-01", "period_end": "2026-03-31"})
    return {"id": "fte", "name": "First time entrants (local records)", "period": PERIOD, "numerator": numerator,
            "denominator": 35000, "value": value, "unit": "per 100,000 children aged 10–17", "places": 1,
            "provisional": provisional, "numerator_label": "children", "comparators": comparators,
            "extra": extra}


def test_a_fall_with_counts_and_the_regional_rate():
    text = sentence(fte(207.0, 73, earlier=223.0, earlier_n=78, region=244.0), label="First time entrants")
    assert text == ("First time entrants fell from 223.0 to 207.0 per 100,000 children aged 10–17 (78 to 73 "
                    "children) in the 12 months to March 2026, below the regional (North West) figure of 244.0 "
                    "for 2025/26.")


def test_a_rise():
    text = sentence(fte(250.5, 88, earlier=223.0, earlier_n=78, region=244.0), label="First time entrants")
    assert text.startswith("First time entrants rose from 223.0 to 250.5 per 100,000 children aged 10–17 (78 to 88")
    assert text.endswith("above the regional (North West) figure of 244.0 for 2025/26.")
    assert "40.0" not in text


def test_no_change():
    text = sentence(fte(207.0, 73, earlier=207.0, earlier_n=73), label="First time entrants")
    assert text == ("First time entrants stayed at 207.0 per 100,000 children aged 10–17 (73 children) in the "
                    "12 months to March 2026, the same as a year earlier.")


def test_provisional_figures_say_so_and_when_they_become_final():
    ind = fte(19.6, 10, earlier=48.0, earlier_n=24, provisional=True, final_on="2027-09-30")
    ind.update(unit="%", numerator_label="children who reoffended", denominator=51)
    text = sentence(ind, label="Proven reoffending")
    assert text.startswith("Proven reoffending fell from 48.0% to 19.6% (10 children who reoffended of 51)")
    assert text.endswith("This figure is provisional until 2027-09-30: it may still change, so it is not rated.")


def test_a_figure_from_fewer_than_five_children_is_not_stated():
    text = sentence(fte(11.4, 4, earlier=5.7, earlier_n=2), label="First time entrants")
    assert "11.4" not in text and "4 " not in text
    assert text == ("First time entrants in the 12 months to March 2026 is not shown: it is worked out from fewer "
                    "than 5 children, which could identify them.")


def test_an_earlier_small_count_is_not_compared():
    text = sentence(fte(28.6, 10, earlier=8.6, earlier_n=3), label="First time entrants")
    assert "from 8.6" not in text and text.startswith("First time entrants was 28.6 per 100,000")


def test_no_figure_says_why():
    ind = fte(None, 0)
    ind["denominator"] = 0
    assert sentence(ind, label="First time entrants") == (
        "First time entrants cannot be worked out in the 12 months to March 2026: the population of the "
        "service's area is not loaded (population.csv).")
    ind.update(unit="%", denominator_label="children in the cohort")
    assert sentence(ind, label="Reoffending").endswith("there were no children in the cohort to work it out from.")


def test_an_edit_that_rewords_is_accepted_and_one_that_changes_a_number_is_refused():
    ind = fte(207.0, 73, earlier=223.0, earlier_n=78, region=244.0)
    generated = sentence(ind, label="First time entrants")
    check_edit("Fewer children entered the system: 73, down from 78 (a rate of 207.0, was 223.0).", ind, generated)
    with pytest.raises(ValidationError) as refused:
        check_edit("First time entrants fell from 223 to 197 per 100,000 children.", ind, generated)
    message = refused.value.message_dict["text"][0]
    assert "197" in message and "not in the figures" in message
    with pytest.raises(ValidationError):
        check_edit("   ", ind, generated)


def test_numbers_are_read_with_thousands_separators():
    assert numbers_in("15,590 children and 0.06 per 1,000") == {15590, __import__("decimal").Decimal("0.06"), 1000}
