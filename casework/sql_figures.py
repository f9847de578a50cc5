"""SQL pieces the reports share, written once for SQLite and PostgreSQL alike.

- `days_between(a, b)`: the days from timestamp a to timestamp b, as a float.
- `nearest_rank(values, percent)`: per group, the value at the nearest rank: sorted
  ascending, the ⌈percent/100 × n⌉-th of n. The median is its 50th percentile (the
  lower middle value of an even count), the same rule in SQL and in the tests.
"""

from typing import Any

from sqlalchemy import Float, Select, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import Subquery


class days_between(FunctionElement[float]):  # noqa: N801  (used as a SQL function)
    """Days from the first timestamp to the second."""

    type = Float()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)}))"
    )


@compiles(days_between, "postgresql")
def _days_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"CAST(EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - "
        f"{compiler.process(start, **kw)})) / 86400.0 AS DOUBLE PRECISION)"
    )


def nearest_rank(values: Subquery, *percents: int) -> Select[Any]:
    """Per `group` of `values`: how many values, then the value at each percent's nearest rank.

    `values` has the columns `group`, `value` and `tiebreak` (which orders equal values).
    One pass: the values are ranked once, and each percentile picked by its rank.
    """
    ranked = select(
        values.c.group,
        values.c.value,
        func.row_number()
        .over(partition_by=values.c.group, order_by=(values.c.value, values.c.tiebreak))
        .label("rank"),
        func.count().over(partition_by=values.c.group).label("n"),
    ).subquery()
    picked = [
        # ⌈percent × n / 100⌉ in integer arithmetic, the same on both databases.
        func.max(case((ranked.c.rank == (ranked.c.n * percent + 99) // 100, ranked.c.value)))
        for percent in percents
    ]
    return select(ranked.c.group, func.count(), *picked).group_by(ranked.c.group)
