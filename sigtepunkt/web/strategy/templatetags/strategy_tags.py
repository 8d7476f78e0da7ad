"""Status badges: a milestone's status as words and a colour class (never colour alone)."""

from django import template

from sigtepunkt.strategy.status import StatusCode

register = template.Library()


@register.filter
def status_label(code: StatusCode) -> str:
    """The status in the active language (the strategy core's catalogue)."""
    return code.label if isinstance(code, StatusCode) else ""


@register.filter
def status_class(code: StatusCode) -> str:
    return f"status-{code.value}" if isinstance(code, StatusCode) else ""


@register.filter
def dictget(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def benchmark_at(series, end):
    """The benchmark's value for the same year as a measurement."""
    return series.in_year(end.year) if series else None


@register.filter
def report_row(rows, tracked):
    """The report row of a tracked milestone (its measure, unit name and trend picture)."""
    return next((r for r in rows if r.tracked is tracked), None)
