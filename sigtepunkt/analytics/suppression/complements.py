"""Choose complementary suppressions until no equation has exactly one hidden term.

The invariant: in every equation (total = remainder + Σ parts) the number of hidden terms is 0 or
at least 2. If it holds, an attacker who solves one equation at a time for its single unknown term
never gets a first foothold, so no chain of subtractions can start.

Hidden terms are the suppressed cells plus, conservatively, the equation's *remainder* when that
remainder is itself a small group. The remainder (a unit's own staff in a tree equation; persons
without a value in a segment equation) is never published; we assume the attacker knows it unless
it is a small group (0 < n < threshold), which then counts as a hidden term that must not be
isolated. Assuming a large remainder known is the worst case the brief asks for: it makes
`parent − Σ visible children` reveal a single suppressed child even when the parent has staff of
its own.
"""

from __future__ import annotations

import logging

import numpy as np

from sigtepunkt.analytics.suppression.equations import Cells, Equations

logger = logging.getLogger(__name__)

MAX_ROUNDS = 10_000


def remainders(cells: Cells, eqs: Equations) -> np.ndarray:
    """Remainder n of every equation: n(total) − Σ n(parts).

    Exact for disjoint populations, a lower bound where a person sits in two parts.
    """
    sign = np.where(eqs.is_total, 1, -1)
    return np.bincount(eqs.eq, weights=cells.n[eqs.cell] * sign, minlength=eqs.count)


def remainders_sensitive(cells: Cells, eqs: Equations, *, threshold: int) -> np.ndarray:
    """Flag equations whose remainder is a small group, which then counts as a hidden term.

    A negative remainder (overlap) is treated as known, i.e. the equation as if exact: the worst
    case for the attacker's benefit.
    """
    rem = remainders(cells, eqs)
    return (rem > 0) & (rem < threshold)


def _hidden_per_equation(eqs: Equations, suppressed: np.ndarray, sensitive: np.ndarray) -> np.ndarray:
    return np.bincount(eqs.eq, weights=suppressed[eqs.cell], minlength=eqs.count) + sensitive


def _choose(
    cells: Cells, eqs: Equations, suppressed: np.ndarray, hidden: np.ndarray, eligible: np.ndarray
) -> np.ndarray:
    """Pick one complement per violated equation; return the chosen cell indices.

    Preference, in order: not the equation's total and not a root unit (keep high-level totals
    visible); fewest equations newly left with a single hidden term minus violated equations
    fixed at once (limits the cascade); smallest n (least information lost); then the content
    codes (unit, segment key), so that ties break the same way for any input order and for
    figures that share a population.
    """
    violated = hidden == 1
    in_violated = violated[eqs.eq]
    candidate = in_violated & eligible[eqs.cell] & ~suppressed[eqs.cell]
    fixes = np.bincount(eqs.cell[in_violated], minlength=cells.n.size)
    breaks = np.bincount(eqs.cell[hidden[eqs.eq] == 0], minlength=cells.n.size)
    c = eqs.cell[candidate]
    e = eqs.eq[candidate]
    penalty = eqs.is_total[candidate].astype(np.int64) + cells.is_root[c]
    order = np.lexsort((cells.segkey[c], cells.unit[c], cells.n[c], breaks[c] - fixes[c], penalty, e))
    e_sorted = e[order]
    first = np.ones(e_sorted.size, dtype=bool)
    first[1:] = e_sorted[1:] != e_sorted[:-1]
    # A violated equation without candidates has a hidden total, empty parts and a large remainder
    # (a unit whose staff is all its own): total = remainder, which in truth nobody publishes.
    logger.debug("%d equations cannot take a second hidden term", int(violated.sum()) - int(first.sum()))
    return np.unique(c[order][first])


def complements_find(cells: Cells, eqs: Equations, primary: np.ndarray, *, threshold: int) -> np.ndarray:
    """Return the suppression mask (primary plus complementary) at the fixed point."""
    sensitive = remainders_sensitive(cells, eqs, threshold=threshold)
    # Empty cells hide nobody and, being guessable, cover nobody: never chosen as complements.
    eligible = cells.n > 0
    suppressed = primary.copy()
    for round_no in range(MAX_ROUNDS):
        hidden = _hidden_per_equation(eqs, suppressed, sensitive)
        chosen = _choose(cells, eqs, suppressed, hidden, eligible)
        chosen = chosen[~suppressed[chosen]]
        if chosen.size == 0:
            logger.debug("suppression fixed point after %d rounds", round_no)
            return suppressed
        suppressed[chosen] = True
    raise RuntimeError("complementary suppression did not converge")
