"""The talks' year masks (`prepare._p1_dates`, `prepare._year_masks`) say exactly which period
ends have a day in their twelve months: one_year_before(p1) < d <= min(p1, extract date).

The stock reads a person's MUS talk at each period end as one bit of a number per 62 ends;
with more ends than one word holds, the bits must go to the right word.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from sigtepunkt.analytics.calendar import one_year_before, standard_periods
from sigtepunkt.analytics.engine.context import Computation
from sigtepunkt.analytics.engine.prepare import WORD_BITS, _p1_dates, _year_masks


@settings(max_examples=25, deadline=None)
@given(extract=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)), months=st.integers(1, 150),
       years=st.integers(0, 3))
def test_a_days_mask_holds_the_ends_whose_year_holds_it(extract: dt.date, months: int, years: int) -> None:
    comp = Computation(extract, tuple(standard_periods(extract, years=years, months=months, quarters=0,
                                                       rolling=0)))
    ends = _p1_dates(comp)
    masks = {(d, word): mask for d, word, mask in _year_masks(comp, ends).iter_rows()}
    assert ends["word"].max() == (ends.height - 1) // WORD_BITS
    first = min(ends["p1"]) - dt.timedelta(days=370)
    for offset in range(0, (extract - first).days + 40, 7):
        d = first + dt.timedelta(days=offset)
        for p1, word, bit in ends.iter_rows():
            held = one_year_before(p1) < d <= min(p1, extract)
            assert (masks.get((d, word), 0) // bit) % 2 == int(held), (d, p1)


def test_masks_are_positive_bigints() -> None:
    extract = dt.date(2026, 10, 31)
    comp = Computation(extract, tuple(standard_periods(extract, years=10, months=140, quarters=0, rolling=0)))
    ends = _p1_dates(comp)
    masks = _year_masks(comp, ends)
    assert ends.height > 2 * WORD_BITS and masks["word"].n_unique() == 3
    assert masks.schema["mask"] == pl.Int64 and masks["mask"].min() > 0
