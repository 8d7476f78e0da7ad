"""The independent test oracle: every key figure computed day by day, straight from the definitions.

Deliberately simple and slow. It shares nothing with the engine (`sigtepunkt/analytics/engine*`)
but the catalogue (figure ids, measure ids, `value_of`) and the warehouse's column names, so
that a disagreement between the two points at a bug in one of them.

    from sigtepunkt.analytics.tests.oracle import Warehouse, oracle_cell
    oracle_cell(Warehouse.from_duckdb(con), figure_id="turnover_rate", unit_id="K", ...)
"""

from sigtepunkt.analytics.tests.oracle.cell import OracleResult, oracle_cell
from sigtepunkt.analytics.tests.oracle.warehouse import Warehouse

__all__ = ["OracleResult", "Warehouse", "oracle_cell"]
