"""`tf.logging`: TF1's logging functions on top of Python's `logging` (logger name 'varflow')."""
from __future__ import annotations

import logging as _logging
import sys as _sys

DEBUG = _logging.DEBUG
INFO = _logging.INFO
WARN = _logging.WARN
WARNING = _logging.WARNING
ERROR = _logging.ERROR
FATAL = _logging.FATAL


class _StderrHandler(_logging.Handler):
    """Writes to whatever sys.stderr is at the time (as TF's handler does), `INFO:varflow:message`."""

    def __init__(self):
        super().__init__()
        self.setFormatter(_logging.Formatter("%(levelname)s:%(name)s:%(message)s"))

    def emit(self, record: _logging.LogRecord) -> None:
        try:
            _sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


_logger = _logging.getLogger("varflow")
if not any(isinstance(h, _StderrHandler) for h in _logger.handlers):
    _logger.addHandler(_StderrHandler())   # TF1 prints tf.logging.info once set_verbosity(INFO) is called
_once: set = set()


def get_logger() -> _logging.Logger:
    return _logger


def set_verbosity(level: int) -> None:
    _logger.setLevel(level)


def get_verbosity() -> int:
    return _logger.getEffectiveLevel()


def log(level: int, msg, *args, **kwargs) -> None:
    _logger.log(level, msg, *args, **kwargs)


def debug(msg, *args, **kwargs) -> None:
    _logger.debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs) -> None:
    _logger.info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs) -> None:
    _logger.warning(msg, *args, **kwargs)


warn = warning


def error(msg, *args, **kwargs) -> None:
    _logger.error(msg, *args, **kwargs)


def fatal(msg, *args, **kwargs) -> None:
    _logger.critical(msg, *args, **kwargs)


def log_first_n(level: int, msg, n: int, *args) -> None:
    key = (msg, level)
    count = sum(1 for k in _once if k[:2] == key)
    if count < n:
        _once.add((msg, level, count))
        _logger.log(level, msg, *args)


def log_every_n(level: int, msg, n: int, *args) -> None:
    _logger.log(level, msg, *args)


def log_if(level: int, msg, condition, *args) -> None:
    if condition:
        _logger.log(level, msg, *args)


def warning_once(msg, *args) -> None:
    if msg not in _once:
        _once.add(msg)
        _logger.warning(msg, *args)
