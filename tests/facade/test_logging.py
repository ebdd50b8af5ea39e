"""``DEEPSHI_LOG``: the ``deepshi`` logger, configured from the environment and nothing else."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from deepshi._logs import setup_logging

PROBE = """
import logging, deepshi
log = logging.getLogger("deepshi")
print(logging.getLevelName(log.level), len(log.handlers), len(logging.getLogger().handlers),
      logging.getLevelName(logging.getLogger("httpx").level))
log.debug("debug line")
log.info("info line")
"""


def _probe(value: str | None) -> tuple[list[str], str]:
    env = {k: v for k, v in os.environ.items() if k != "DEEPSHI_LOG"}
    if value is not None:
        env["DEEPSHI_LOG"] = value
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return done.stdout.split(), done.stderr


@pytest.mark.parametrize(
    ("value", "level", "lines"),
    [("debug", "DEBUG", ["debug line", "info line"]), ("INFO", "INFO", ["info line"]), (None, "NOTSET", [])],
)
def test_deepshi_log_sets_up_only_the_deepshi_logger(value: str | None, level: str, lines: list[str]) -> None:
    printed, stderr = _probe(value)
    handlers = "1" if value else "0"
    assert printed == [level, handlers, "0", "NOTSET"]  # the root and httpx loggers are left alone
    assert [line for line in ("debug line", "info line") if line in stderr] == lines


def test_an_application_handler_is_not_doubled(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("deepshi")
    theirs = logging.NullHandler()
    monkeypatch.setattr(logger, "handlers", [theirs])
    monkeypatch.setattr(logger, "level", logging.WARNING)
    monkeypatch.setenv("DEEPSHI_LOG", "debug")
    setup_logging()
    assert logger.handlers == [theirs]
    assert logger.level == logging.WARNING
