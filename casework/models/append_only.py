"""Tables whose rows, once written, are never changed or deleted: the database refuses it.

A trigger on each, on SQLite and PostgreSQL alike, so that not even a bug or a hand-made
statement can rewrite what the table says happened. The same statements serve the
tables `create_all` makes (tests, a fresh SQLite store) and the migrations.
"""

from sqlalchemy import DDL, Table, event

REFUSAL = "is append-only: its rows are never changed or deleted"


def trigger_statements(table: str, dialect: str) -> list[str]:
    """The statements that make `table` append-only on `dialect`."""
    message = f"{table} {REFUSAL}"
    if dialect == "postgresql":
        function = f"{table}_append_only"
        return [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation'; END $$",
            f"CREATE TRIGGER {function} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        ]
    return [
        f"CREATE TRIGGER {table}_no_{change} BEFORE {change.upper()} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        for change in ("update", "delete")
    ]


def drop_statements(table: str, dialect: str) -> list[str]:
    """The statements that undo `trigger_statements` (a migration's downgrade)."""
    if dialect == "postgresql":
        function = f"{table}_append_only"
        return [f"DROP TRIGGER {function} ON {table}", f"DROP FUNCTION {function}()"]
    return [f"DROP TRIGGER {table}_no_{change}" for change in ("update", "delete")]


def append_only(table: Table) -> None:
    """Give `table` its triggers whenever `create_all` creates it."""
    for dialect in ("sqlite", "postgresql"):
        for statement in trigger_statements(table.name, dialect):
            ddl = DDL(statement)  # type: ignore[no-untyped-call]
            event.listen(table, "after_create", ddl.execute_if(dialect=dialect))
