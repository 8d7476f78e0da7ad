"""Job ads (jobopslag): one per external hire, re-posts before hard-to-fill hires, open ads.

A re-post is an earlier ad for the same post that was not filled; the later ad names it in
"Genopslag af". Shortage groups (SOSU, nurses, pedagogues) get few applicants and many
re-posts (STAR failed-recruitment rates as proxy, see calibration).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.employments import T
from sigtepunkt.synth.people import People

APPLICANTS = np.array([g.applicants for g in cal.GROUPS])
REPOST = np.array([g.repost for g in cal.GROUPS])


@dataclass
class Ads:
    unit: np.ndarray
    group: np.ndarray
    hours: np.ndarray
    published: np.ndarray
    deadline: np.ndarray
    repost_of: np.ndarray  # index of the re-posted ad, -1 if new
    applicants: np.ndarray  # -1 when not recorded
    filled_job: np.ndarray  # employment index, -1 if not filled


def _applicants(rng: np.random.Generator, mean: np.ndarray) -> np.ndarray:
    r = 1.2  # negative binomial: skewed, many ads with few applicants
    out = rng.negative_binomial(r, r / (r + np.maximum(mean, 0.3)))
    return np.where(rng.random(len(mean)) < 0.03, -1, out)


def simulate_ads(
    *,
    rng: np.random.Generator,
    people: People,
    window_start: int,
    extract_day: int,
    unit_open: np.ndarray,
    unit_close: np.ndarray,
) -> Ads:
    """Ads for the hires of one municipality; every ad lies within its unit's validity."""
    jobs = people.jobs
    hire = (
        ~jobs.initial
        & ~people.internal_hire
        & (jobs.start >= window_start + 100)
        & (
            (jobs.etype == T["permanent"])
            | ((jobs.etype == T["fixed_term"]) & (rng.random(len(jobs)) < 0.5))
        )
    )
    h = np.flatnonzero(hire)
    pub = np.maximum(jobs.start[h] - rng.integers(25, 80, len(h)), unit_open[jobs.unit[h]])
    dl = np.maximum(np.minimum(pub + rng.integers(10, 22, len(h)), jobs.start[h] - 5), pub)
    app = _applicants(rng, APPLICANTS[jobs.group[h]])
    # Re-posts: one or two earlier unfilled ads for the same post, each named by the later ad.
    parts = [(jobs.unit[h], jobs.group[h], jobs.hours[h], pub, dl, app, h)]
    links: list[tuple[np.ndarray, np.ndarray]] = []
    cur_ids, cur_pub, cur_h, base = np.arange(len(h)), pub, h, len(h)
    for p in (1.0, 0.3):
        chosen = rng.random(len(cur_ids)) < REPOST[jobs.group[cur_h]] * p
        ppub = cur_pub[chosen] - rng.integers(35, 70, int(chosen.sum()))
        ok = ppub >= np.maximum(window_start, unit_open[jobs.unit[cur_h[chosen]]])
        ppub, ph, later = ppub[ok], cur_h[chosen][ok], cur_ids[chosen][ok]
        ids = base + np.arange(len(ph))
        parts.append(
            (
                jobs.unit[ph],
                jobs.group[ph],
                jobs.hours[ph],
                ppub,
                ppub + rng.integers(10, 22, len(ph)),
                _applicants(rng, APPLICANTS[jobs.group[ph]] * 0.4),
                np.full(len(ph), -1),
            )
        )
        links.append((later, ids))
        cur_ids, cur_pub, cur_h, base = ids, ppub, ph, base + len(ph)
    # Unfilled ads that were withdrawn, and ads still open at the extract date.
    n_open = rng.poisson(len(h) / 10 * 25 / 365) if len(h) else 0
    pick = (
        rng.integers(0, max(len(h), 1), n_open + int(len(h) * 0.04)) if len(h) else np.zeros(0, int)
    )
    opub = np.concatenate(
        [
            extract_day - rng.integers(0, 25, n_open),
            rng.integers(window_start, extract_day - 60, len(pick) - n_open),
        ]
    )
    odl = opub + rng.integers(10, 22, len(pick))
    valid = (unit_open[jobs.unit[h[pick]]] <= opub) & (unit_close[jobs.unit[h[pick]]] >= odl)
    pick, opub, odl = pick[valid], opub[valid], odl[valid]
    parts.append(
        (
            jobs.unit[h[pick]],
            jobs.group[h[pick]],
            jobs.hours[h[pick]],
            opub,
            odl,
            _applicants(rng, APPLICANTS[jobs.group[h[pick]]] * 0.5),
            np.full(len(pick), -1),
        )
    )
    cols = [np.concatenate([p[i] for p in parts]) for i in range(7)]
    repost = np.full(len(cols[0]), -1)
    for later, ids in links:
        repost[later] = ids
    return _sorted(Ads(cols[0], cols[1], cols[2], cols[3], cols[4], repost, cols[5], cols[6]))


def _sorted(ads: Ads) -> Ads:
    """Order ads by publication day so that ids grow with time; remap re-post links."""
    order = np.lexsort((np.arange(len(ads.published)), ads.published))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    repost = ads.repost_of[order]
    repost = np.where(repost >= 0, rank[np.maximum(repost, 0)], -1)
    return Ads(
        ads.unit[order],
        ads.group[order],
        ads.hours[order],
        ads.published[order],
        ads.deadline[order],
        repost,
        ads.applicants[order],
        ads.filled_job[order],
    )
