"""Prefect's retries: the client's retry notices per phase, and the 503s the server logged."""

import logging
import re
from collections import defaultdict
from pathlib import Path


class RetryCounter(logging.Filter):
    """Counts the Prefect client's retries (e.g. 503 'database is locked'), per phase."""

    def __init__(self) -> None:
        super().__init__()
        self.phase = "setup"
        self.counts: dict[str, list[str]] = defaultdict(list)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "Another attempt will be made" in message:
            self.counts[self.phase].append(message.split(". Another")[0])
        # Let only what the quiet settings would have shown through.
        return record.levelno >= logging.WARNING


def count_client_retries() -> RetryCounter:
    """Attach a RetryCounter to the Prefect client's logger, which logs its retries as DEBUG."""
    retries = RetryCounter()
    client_logger = logging.getLogger("prefect.client")
    client_logger.setLevel(logging.DEBUG)  # the retry notices are DEBUG records
    client_logger.addFilter(retries)
    return retries


def print_client_retries(retries: RetryCounter) -> None:
    """How many retries each phase saw, and their kinds."""
    print("\nPrefect client retries (each waits ~2 s, then ~4 s, ...):", end="")
    if not retries.counts:
        print(" none")
    for phase, notices in retries.counts.items():
        kinds = sorted(set(notices))
        print(f"\n  {phase}: {len(notices)} — " + "; ".join(kinds), end="")
    print()


API_FRAME = re.compile(r'prefect/server/api/(\w+)\.py", line \d+, in (\w+)')


def report_server_log(log: Path) -> None:
    """Which Prefect API endpoints answered 503, and why, from the server's own log."""
    if not log.exists():
        return
    text = log.read_text(errors="replace")
    blocks = text.split("Encountered retryable exception in request")[1:]
    print(f"Prefect server: {len(blocks)} retryable errors (503) logged", end="")
    causes: dict[str, int] = defaultdict(int)
    for block in blocks:
        frames = [f"{m[0]}.{m[1]}" for m in API_FRAME.findall(block) if m[0] != "server"]
        reason = "database is locked" if "database is locked" in block else "other"
        causes[f"{frames[0] if frames else '?'} ({reason})"] += 1
    for cause, count in sorted(causes.items(), key=lambda item: -item[1]):
        print(f"\n  {count} × {cause}", end="")
    print()
