"""Bounded integer parameters: numbers past what the store can hold are a 422, never a 500."""

from typing import Annotated

from fastapi import Path, Query

# Far above any real count, far below SQLite's and PostgreSQL's 64-bit integers.
LARGEST_NUMBER = 1_000_000_000

VersionNumber = Annotated[
    int, Path(ge=1, le=LARGEST_NUMBER, description="A plan version number, from 1.")
]
PageLimit = Annotated[int, Query(ge=1, le=200, description="How many items to return.")]
PageOffset = Annotated[
    int, Query(ge=0, le=LARGEST_NUMBER, description="How many items to skip first.")
]
