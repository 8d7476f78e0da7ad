"""Template filters for key-figure cells (formatting lives in `insights.formatting`)."""

from django import template

from sigtepunkt.web.insights import formatting
from sigtepunkt.web.insights.figures import LEVEL_NAMES, figure_name

register = template.Library()


@register.simple_tag(takes_context=True)
def cell(context, cell, figure):
    return formatting.format_cell(cell, figure, context.get("threshold", 5))


@register.filter
def number(value, decimals=1):
    return formatting.format_number(value, int(decimals))


@register.filter
def figvalue(value, figure):
    return formatting.format_value(value, figure)


@register.filter
def figname(figure):
    return figure_name(figure)


@register.filter
def relchange(relative):
    """A relative change as a signed percentage: +12 %, −3 %."""
    if relative is None:
        return ""
    sign = "+" if relative > 0 else ("−" if relative < 0 else "±")
    return f"{sign}{formatting.format_number(abs(relative) * 100, 0)} %"


@register.filter
def levelname(level):
    """A unit level ('centre') in the active language ('Center')."""
    return LEVEL_NAMES.get(level, level)
