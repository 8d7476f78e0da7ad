"""The state of an import or a recomputation, kept in the app database so that every web worker can show it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

RUNNING = "running"


class ImportJob(models.Model):
    """One import of an uploaded HR export (then a recomputation), or a recomputation alone.

    `running_lock` is "running" while the job is unfinished and NULL afterwards; it is unique,
    so the database itself refuses a second job while one runs, whichever worker asks.
    """

    class Kind(models.TextChoices):
        IMPORT = "import", _("Import")
        RECOMPUTE = "recompute", _("Recomputation")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        VALIDATING = "validating", _("Checking the files")
        IMPORTING = "importing", _("Importing")
        MEASURING = "measuring", _("Computing the key figures")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Rejected")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             verbose_name=_("user"))
    username = models.CharField(_("user name"), max_length=150, blank=True)
    language = models.CharField(max_length=8, default="da")
    file_names = models.JSONField(_("files"), default=list, blank=True)
    extract_date = models.DateField(_("extract date"), null=True, blank=True)
    files = models.JSONField(default=list, blank=True)  # name, table, rows, sha256 prefix of each file read
    problems = models.JSONField(_("problems"), default=list, blank=True)  # Problem.as_dict(), CPR masked
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(null=True, blank=True)
    import_id = models.PositiveIntegerField(null=True, blank=True)
    data_version = models.CharField(max_length=40, blank=True)
    cells = models.PositiveIntegerField(null=True, blank=True)
    message = models.TextField(blank=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    running_lock = models.CharField(max_length=10, null=True, blank=True, unique=True, default=RUNNING)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.running_lock is None

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def phase_count(self) -> int:
        """An import is three steps (check, import, compute); a recomputation is one."""
        return 3 if self.kind == self.Kind.IMPORT else 1

    @property
    def phase_number(self) -> int:
        if self.kind != self.Kind.IMPORT:
            return 1
        return {self.Status.IMPORTING: 2, self.Status.MEASURING: 3}.get(self.status, 1)
