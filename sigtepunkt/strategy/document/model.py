"""The strategy exchange format as frozen dataclasses: field names are the file's keys, one for one.

The parser (`parsing`), the writer (`writing`) and the JSON Schema (`schema`) are all derived
from these definitions by their type hints, so the three cannot drift apart. A field with a
default is optional in the file; `X | None` may be left out.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from enum import Enum

from sigtepunkt.strategy.status import EvidenceKind
from sigtepunkt.strategy.targets import Direction, TargetKind

logger = logging.getLogger(__name__)

FORMAT = "sigtepunkt-strategy/1"
MUNICIPALITY = "kommune"  # a unit reference meaning the municipality (the root of level municipality)


class TrackKind(Enum):
    TRACK = "track"  # spor
    FOCUS_AREA = "focus_area"  # (strategisk) indsatsområde
    CROSS_CUTTING = "cross_cutting"  # tværgående fokusområde
    CHALLENGE = "challenge"  # strategisk udfordring


class ForumKind(Enum):
    EXECUTIVE_BOARD = "executive_board"  # direktion, direktørforum
    MANAGEMENT_GROUP = "management_group"  # chefgruppe, chefforum
    LEADERS_FORUM = "leaders_forum"  # lederforum
    MED_COMMITTEE = "med_committee"  # Hoved-MED, Center-MED, Område-MED, Lokal-MED
    POLITICAL_COMMITTEE = "political_committee"  # Økonomiudvalget, fagudvalg
    PROJECT_FORUM = "project_forum"  # e.g. a byudviklingsforum
    OTHER = "other"


class Level(Enum):
    CENTRAL = "central"  # tværgående: direktion, chefgruppe, Hoved-MED
    CENTRE = "centre"
    LOCAL = "local"


class InitiativeStatus(Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DELAYED = "delayed"
    COMPLETED = "completed"
    ANCHORED = "anchored"  # forankret: part of the daily work


@dataclass(frozen=True)
class UnitRef:
    """A unit as the file names it ("kommune", a name or an id), and the id it resolved to, if resolved."""

    text: str
    unit_id: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DatePeriod:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class StrategyHead:
    key: str
    title: str
    owner_forum: str
    period: DatePeriod
    purpose: str = ""


@dataclass(frozen=True)
class Forum:
    key: str
    name: str
    kind: ForumKind
    unit: UnitRef | None = None


@dataclass(frozen=True)
class Segment:
    dimension: str = "total"
    value: str = ""


@dataclass(frozen=True)
class TargetSpec:
    kind: TargetKind
    value: float | None = None  # kind value
    benchmark_set: str | None = None  # kind benchmark: the set's name, or an indicator's comparison area
    tolerance: float = 0.0
    reference_year: int | None = None  # kind relative
    margin: float = 0.0


@dataclass(frozen=True)
class IndicatorRef:
    """An external series: StatBank table, area and the labels of its other variables."""

    table: str
    area: str | None = None
    labels: tuple[tuple[str, str], ...] = field(default=(), metadata={"mapping": True})


@dataclass(frozen=True)
class Measured:
    baseline_year: int
    target: TargetSpec
    deadline: dt.date
    figure: str | None = None
    indicator: IndicatorRef | None = None
    unit: UnitRef | None = None
    segment: Segment = Segment()
    direction: Direction | None = None


@dataclass(frozen=True)
class EvidenceSpec:
    kind: EvidenceKind
    date: dt.date
    text: str = ""


@dataclass(frozen=True)
class Deliverable:
    due: dt.date
    evidence: EvidenceSpec | None = None


@dataclass(frozen=True)
class Milestone:
    key: str
    title: str
    measured: Measured | None = None
    deliverable: Deliverable | None = None


@dataclass(frozen=True)
class Objective:
    key: str
    title: str
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Track:
    key: str
    title: str
    kind: TrackKind
    vision: str = ""
    objectives: tuple[Objective, ...] = ()


@dataclass(frozen=True)
class ProgressEntry:
    date: dt.date
    text: str


@dataclass(frozen=True)
class Approval:
    forum: str
    date: dt.date
    minute: str


@dataclass(frozen=True)
class Initiative:
    key: str
    title: str
    level: Level = Level.CENTRAL
    description: str = ""
    tracks: tuple[str, ...] = ()
    milestones: tuple[str, ...] = ()
    unit: UnitRef | None = None
    forum: str | None = None
    responsible: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    status: InitiativeStatus = InitiativeStatus.PLANNED
    progress: tuple[ProgressEntry, ...] = ()
    approvals: tuple[Approval, ...] = ()


@dataclass(frozen=True)
class StrategyDocument:
    format: str
    strategy: StrategyHead
    forums: tuple[Forum, ...] = ()
    tracks: tuple[Track, ...] = ()
    initiatives: tuple[Initiative, ...] = ()

    def milestones(self) -> list[tuple[Track, Objective, Milestone]]:
        return [(t, o, m) for t in self.tracks for o in t.objectives for m in o.milestones]
