"""The organisation tree of one synthetic municipality, and the posts (slots) in it.

A slot is one post that a succession of employees holds over the years; the employment
simulation fills the slots. Every workplace's slots open and close with the workplace, so
that employments always lie within their unit's validity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sigtepunkt.synth import calibration as cal
from sigtepunkt.synth.names import CENTRES, WorkplaceType, pool_name

CENTRE_STAFF = 3  # secretariat posts in each centre unit (own estimate)
SIZE_FACTOR = 0.68  # shrinks type sizes to ~1 workplace per cal.STAFF_PER_WORKPLACE staff
DIRECTORS = 3  # kommunaldirektør and directors at the root (leader level 1)


class IdCounter:
    """Hands out unit ids as text, unique across every municipality of one run."""

    def __init__(self, start: int = 1000) -> None:
        self.next = start

    def take(self) -> str:
        self.next += 1
        return str(self.next - 1)


@dataclass
class Municipality:
    """Units (rows of organisation.csv) and slots of one municipality."""

    index: int
    units: list[tuple[str, str | None, str, str, int, int | None]] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)
    unit_level: list[str] = field(default_factory=list)
    unit_hot: list[bool] = field(default_factory=list)
    unit_care: list[str] = field(default_factory=list)
    unit_open: list[int] = field(default_factory=list)
    unit_close: list[int] = field(default_factory=list)
    slot_unit: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    slot_group: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    slot_leader: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def add_unit(
        self,
        uid: str,
        parent: str | None,
        name: str,
        level: str,
        start: int,
        end: int | None = None,
        care: str = "",
        hot: bool = False,
    ) -> int:
        self.units.append((uid, parent, name, level, start, end))
        self.unit_ids.append(uid)
        self.unit_level.append(level)
        self.unit_hot.append(hot)
        self.unit_care.append(care)
        self.unit_open.append(start)
        self.unit_close.append(end if end is not None else 10**6)
        return len(self.unit_ids) - 1


def build_municipality(
    *,
    index: int,
    name: str,
    parent: str | None,
    staff: int,
    rng: np.random.Generator,
    ids: IdCounter,
    base_day: int,
    extract_day: int,
) -> Municipality:
    """Build the tree (kommune → centres → areas → workplaces) and its slots for ~staff posts."""
    muni = Municipality(index=index)
    root = ids.take()
    muni.add_unit(root, parent, name, "municipality", base_day)
    slots: list[tuple[int, int, int]] = []  # (unit index, group, leader level) for fixed posts
    sized: list[tuple[int, float, WorkplaceType]] = []  # workplaces to staff
    slots += [(0, cal.LEADER, 1)] * DIRECTORS
    area_rows: dict[str, tuple[str, int]] = {}
    pool_next: dict[str, int] = {}
    reorg_day = extract_day - 3 * 365 - int(rng.integers(0, 120))
    for centre in CENTRES:
        cid = ids.take()
        ci = muni.add_unit(cid, root, centre.name, "centre", base_day)
        slots += [(ci, cal.LEADER, 2)] + [(ci, cal.GROUP_INDEX["admin"], 0)] * CENTRE_STAFF
        for area_name, types in centre.areas:
            plans = []
            for wtype in types:
                target = staff * centre.share * wtype.weight
                n = int(round(target / (wtype.size * SIZE_FACTOR)))
                plans += [(wtype, n, target)] if n > 0 else []
            if not plans and area_name == centre.areas[0][0]:
                wtype = types[0]
                plans = [(wtype, 1, staff * centre.share * wtype.weight)]
            if not plans:
                continue
            aid = ids.take()
            ai = muni.add_unit(aid, cid, area_name, "area", base_day)
            area_rows[area_name] = (aid, ai)
            slots.append((ai, cal.LEADER, 3))
            for wtype, n, target in plans:
                weights = rng.lognormal(0.0, 0.45, n)
                sizes = target * weights / weights.sum()
                for size in sizes:
                    k = pool_next.get(wtype.pattern, 0)
                    pool_next[wtype.pattern] = k + 1
                    hot = bool(rng.random() < cal.HOT_SPOT_SHARE * (1.5 if wtype.care else 0.6))
                    wi = muni.add_unit(
                        ids.take(),
                        aid,
                        wtype.pattern.format(pool_name(wtype.pool, k)),
                        "workplace",
                        base_day,
                        care=wtype.care,
                        hot=hot,
                    )
                    sized.append((wi, float(size), wtype))
    _add_history(muni, rng, sized, area_rows, reorg_day, extract_day, ids, pool_next)
    _staff_slots(muni, rng, slots, sized, staff)
    return muni


def _add_history(
    muni: Municipality,
    rng: np.random.Generator,
    sized: list,
    area_rows: dict,
    reorg_day: int,
    extract_day: int,
    ids: IdCounter,
    pool_next: dict,
) -> None:
    """A reorganisation (an area moves centre), one workplace closed and one opened."""
    moved = area_rows.get("Socialpsykiatri") or list(area_rows.values())[-1]
    target_centre = muni.unit_ids[1]  # the first centre
    ai = moved[1]
    uid, parent, name, level, start, _ = muni.units[ai]
    if parent != target_centre:
        muni.units[ai] = (uid, parent, name, level, start, reorg_day - 1)
        muni.units.append((uid, target_centre, name, level, reorg_day, None))
    candidates = [s for s in sized if s[1] < 45]
    if len(sized) < 4 or not candidates:
        return
    wi, size, wtype = candidates[int(rng.integers(0, len(candidates)))]
    close_day = extract_day - 2 * 365 + int(rng.integers(-90, 90))
    uid, parent, name, level, start, _ = muni.units[wi]
    muni.units[wi] = (uid, parent, name, level, start, close_day)
    muni.unit_close[wi] = close_day
    open_day = extract_day - 540 + int(rng.integers(-60, 60))
    k = pool_next[wtype.pattern]
    pool_next[wtype.pattern] = k + 1
    ni = muni.add_unit(
        ids.take(),
        parent,
        wtype.pattern.format(pool_name(wtype.pool, k)),
        "workplace",
        open_day,
        care=wtype.care,
    )
    sized.append((ni, size, wtype))


def _staff_slots(
    muni: Municipality, rng: np.random.Generator, fixed: list, sized: list, staff: int
) -> None:
    """Fill workplaces with posts by job mix, scaled so that the total is ~staff (+ vacancies)."""
    leaders = [(wi, cal.LEADER, 4) for wi, size, _ in sized for _ in range(1 + int(size // 45))]
    fixed = fixed + leaders
    # Posts stand empty between holders, and leave/hourly splits: 9% more posts than staff.
    target = staff * 1.09 - len(fixed)
    total = sum(size for _, size, _ in sized)
    scale = max(target, len(sized)) / total
    units, groups, levels = (
        [u for u, _, _ in fixed],
        [g for _, g, _ in fixed],
        [lv for _, _, lv in fixed],
    )
    for wi, size, wtype in sized:
        count = max(1, int(round(size * scale)) - 1 - int(size // 45))
        codes = [cal.GROUP_INDEX[c] for c, _ in wtype.mix]
        p = np.array([w for _, w in wtype.mix], dtype=float)
        drawn = rng.multinomial(count, p / p.sum())
        for code, k in zip(codes, drawn, strict=True):
            units += [wi] * int(k)
            groups += [code] * int(k)
            levels += [0] * int(k)
    muni.slot_unit = np.array(units, dtype=np.int64)
    muni.slot_group = np.array(groups, dtype=np.int64)
    muni.slot_leader = np.array(levels, dtype=np.int64)
