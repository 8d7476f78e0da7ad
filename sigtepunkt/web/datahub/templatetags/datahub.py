"""Template filters of the data page."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from sigtepunkt.hrdata.schema import TABLES_BY_NAME

register = template.Library()


@register.filter
def table_title(name: str) -> str:
    """An import table's title in the active language ('employments' → 'Ansættelser')."""
    table = TABLES_BY_NAME.get(name)
    if table is None:
        return name
    return table.title_da if (get_language() or "da").startswith("da") else table.title_en
