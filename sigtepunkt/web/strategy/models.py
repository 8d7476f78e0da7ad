"""The strategy model: strategy → tracks → objectives → milestones; forums; initiatives with progress.

Field names and choices follow the strategy exchange format (`sigtepunkt.strategy.document`),
so a strategy file loads into these tables and dumps back unchanged. A milestone's status is
never stored: it is computed from the key figures each time it is shown
(`sigtepunkt.strategy.status`), so nobody has to remember to update it. Every change to a
milestone or an initiative is kept in `ChangeRecord` (who, when, what).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Forum(models.Model):
    """A body that owns and follows the work: Direktion, Chefgruppe, Hoved-MED, Økonomiudvalget, …"""

    class Kind(models.TextChoices):
        EXECUTIVE_BOARD = "executive_board", _("Executive board")
        MANAGEMENT_GROUP = "management_group", _("Management group")
        LEADERS_FORUM = "leaders_forum", _("Leaders' forum")
        MED_COMMITTEE = "med_committee", _("MED committee")
        POLITICAL_COMMITTEE = "political_committee", _("Political committee")
        PROJECT_FORUM = "project_forum", _("Project forum")
        OTHER = "other", _("Other forum")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    unit_id = models.CharField(_("unit"), max_length=64, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name


class Strategy(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    owner_forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="strategies",
                                    verbose_name=_("owner forum"))
    unit_id = models.CharField(_("unit"), max_length=64, blank=True,
                               help_text=_("The unit the strategy covers; empty: the whole organisation."))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    purpose = models.TextField(_("purpose"), blank=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class Track(models.Model):
    """A track (spor), focus area (indsatsområde), cross-cutting focus area or strategic challenge."""

    class Kind(models.TextChoices):
        TRACK = "track", _("Track")
        FOCUS_AREA = "focus_area", _("Focus area")
        CROSS_CUTTING = "cross_cutting", _("Cross-cutting focus area")
        CHALLENGE = "challenge", _("Strategic challenge")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tracks")
    key = models.SlugField(_("key"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRACK)
    title = models.CharField(_("title"), max_length=300)
    vision = models.TextField(_("vision"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["strategy", "key"], name="unique_track_key")]

    def __str__(self) -> str:
        return self.title


class Objective(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="objectives")
    key = models.SlugField(_("key"), max_length=60)
    title = models.TextField(_("objective"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["track", "order", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class Milestone(models.Model):
    """A sigtepunkt: measured (a key figure or an external indicator against a target) or a deliverable."""

    class Kind(models.TextChoices):
        MEASURED = "measured", _("Measured")
        DELIVERABLE = "deliverable", _("Deliverable")

    class TargetKind(models.TextChoices):
        VALUE = "value", _("A value")
        BENCHMARK = "benchmark", _("The benchmark")
        RELATIVE = "relative", _("An earlier measurement")

    class Direction(models.TextChoices):
        FIGURE = "", _("As the key figure says")
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class EvidenceKind(models.TextChoices):
        DOCUMENT = "document", _("A document")
        DECISION = "decision", _("A decision")
        DATE = "date", _("A date")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="milestones")
    key = models.SlugField(_("key"), max_length=60)
    title = models.TextField(_("milestone"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    deadline = models.DateField(_("deadline"))
    figure_id = models.CharField(_("key figure"), max_length=80, blank=True)
    indicator_table = models.CharField(_("external indicator (StatBank table)"), max_length=40, blank=True)
    indicator_area = models.CharField(_("area of the indicator"), max_length=200, blank=True)
    indicator_labels = models.JSONField(_("other variables of the indicator"), default=list, blank=True)
    unit_id = models.CharField(_("unit"), max_length=64, blank=True)
    segment = models.CharField(_("segment"), max_length=40, default="total")
    segment_value = models.CharField(_("segment value"), max_length=100, blank=True)
    baseline_year = models.PositiveIntegerField(_("baseline year"), null=True, blank=True)
    target_kind = models.CharField(_("target"), max_length=12, choices=TargetKind.choices, blank=True)
    target_value = models.FloatField(_("target value"), null=True, blank=True)
    benchmark_set = models.CharField(_("benchmark set"), max_length=200, blank=True)
    tolerance = models.FloatField(_("tolerance"), default=0.0)
    reference_year = models.PositiveIntegerField(_("reference year"), null=True, blank=True)
    margin = models.FloatField(_("margin"), default=0.0)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, blank=True)
    evidence_kind = models.CharField(_("kind of evidence"), max_length=10, choices=EvidenceKind.choices, blank=True)
    evidence_date = models.DateField(_("evidence date"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["objective", "order", "id"]

    def __str__(self) -> str:
        return self.title[:80]


class Initiative(models.Model):
    """An indsats: who does what, where, from when, serving which tracks and milestones."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Cross-cutting, central")
        CENTRE = "centre", _("Centre")
        LOCAL = "local", _("Local")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DELAYED = "delayed", _("Delayed")
        COMPLETED = "completed", _("Completed")
        ANCHORED = "anchored", _("Anchored")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="initiatives")
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    tracks = models.ManyToManyField(Track, blank=True, related_name="initiatives", verbose_name=_("tracks"))
    milestones = models.ManyToManyField(Milestone, blank=True, related_name="initiatives",
                                        verbose_name=_("milestones"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.CENTRAL)
    unit_id = models.CharField(_("owning unit"), max_length=64, blank=True)
    forum = models.ForeignKey(Forum, null=True, blank=True, on_delete=models.SET_NULL, related_name="initiatives",
                              verbose_name=_("forum"))
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    # What works: the key figure the initiative should move and the units that have it (not in the
    # exchange format yet; set on the initiative's edit page).
    effect_figure_id = models.CharField(_("key figure for the effect"), max_length=80, blank=True)
    effect_units = models.JSONField(_("units with the initiative"), default=list, blank=True)

    class Meta:
        ordering = ["strategy", "start", "title"]
        constraints = [models.UniqueConstraint(fields=["strategy", "key"], name="unique_initiative_key")]

    def __str__(self) -> str:
        return self.title


class ProgressEntry(models.Model):
    """A dated line in an initiative's progress log."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="progress")
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-date", "-id"]


class Approval(models.Model):
    """A forum's approval of an initiative's progress, with the date and the text of the minute."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="approvals")
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("forum"))
    date = models.DateField(_("date"))
    minute = models.TextField(_("minute"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-date", "-id"]


class ExternalSeries(models.Model):
    """An indicator beyond staff (e.g. young people outside education and work), from a StatBank file."""

    table_id = models.CharField(_("StatBank table"), max_length=40)
    area = models.CharField(_("area"), max_length=200, blank=True)
    labels = models.JSONField(_("other variables"), default=list)
    name = models.CharField(_("name"), max_length=300)
    file = models.CharField(_("file"), max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["table_id", "area", "name"]
        verbose_name = _("external indicator")
        verbose_name_plural = _("external indicators")


class ExternalPoint(models.Model):
    series = models.ForeignKey(ExternalSeries, on_delete=models.CASCADE, related_name="points")
    code = models.CharField(max_length=12)
    start = models.DateField()
    end = models.DateField()
    value = models.FloatField(null=True)
    not_available = models.BooleanField(default=False)

    class Meta:
        ordering = ["series", "start"]


class ChangeRecord(models.Model):
    """Who changed a milestone or an initiative, when, and what the fields were before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    object_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(max_length=10)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
