"""The upload form (export files and extract date) and the baseline form (year)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigtepunkt.web.datahub.staging import IMPORT_SUFFIXES, ZIP_SUFFIX

logger = logging.getLogger(__name__)

MAX_FILES = 20
ACCEPT = ",".join((*IMPORT_SUFFIXES, ZIP_SUFFIX))


def end_of_last_month(today: dt.date) -> dt.date:
    return today.replace(day=1) - dt.timedelta(days=1)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Export files"),
        help_text=_("The CSV or XLSX files of the export (one per table), or one ZIP file that holds them."),
        error_messages={"required": _("Choose at least one file.")},
    )
    extract_date = forms.DateField(
        label=_("Extract date"),
        help_text=_("The day the export was taken from the payroll system. Write DD-MM-YYYY, e.g. 31-10-2026."),
        input_formats=["%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"],
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": _("Write the extract date as DD-MM-YYYY, e.g. 31-10-2026.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["extract_date"].initial = end_of_last_month(timezone.localdate())

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Upload at most %(n)s files at a time.") % {"n": MAX_FILES})
        suffixes = [Path(f.name).suffix.lower() for f in files]
        wrong = [f.name for f, s in zip(files, suffixes, strict=True) if s not in (*IMPORT_SUFFIXES, ZIP_SUFFIX)]
        if wrong:
            raise forms.ValidationError(
                _("These files are not CSV, XLSX or ZIP: %(names)s. Save them as CSV or XLSX.")
                % {"names": ", ".join(wrong)})
        if ZIP_SUFFIX in suffixes and len(files) > 1:
            raise forms.ValidationError(_("Upload either one ZIP file or the CSV/XLSX files, not both."))
        return files

    def clean_extract_date(self) -> dt.date:
        value = self.cleaned_data["extract_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The extract date cannot be in the future."))
        if value.year < 2000:
            raise forms.ValidationError(_("The extract date must be in the year 2000 or later."))
        return value


class BaselineForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args, years: tuple[int, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]
        if years:
            self.fields["year"].initial = years[-1]
