"""Serving the app with uvicorn, with an access log that never shows what was typed."""

from __future__ import annotations

import copy
import logging

#: Dates, then the level; the access lines are only method, path and status.
_FORMAAT = "%(asctime)s %(levelname)s %(message)s"


class Toegangsformaat(logging.Formatter):
    """Access log lines with method, path (without query string) and status only.

    No client address and no query string: a URL could carry a search term. Form bodies are
    never logged by uvicorn or by the app. A record of an unknown shape is not shown at all.
    """

    def __init__(self, fmt: str = _FORMAAT, datefmt: str | None = None):
        super().__init__(fmt=fmt, datefmt=datefmt)

    def format(self, record: logging.LogRecord) -> str:
        record = copy.copy(record)
        if isinstance(record.args, tuple) and len(record.args) == 5:
            _, methode, pad, _, status = record.args
            record.msg, record.args = "%s %s %s", (methode, str(pad).split("?", 1)[0], status)
        else:
            record.msg, record.args = "(toegangsregel van onbekende vorm weggelaten)", ()
        return super().format(record)


def logconfiguratie() -> dict:
    """uvicorn's logging configuration with the access lines reduced to method, path and status."""
    from uvicorn.config import LOGGING_CONFIG

    configuratie = copy.deepcopy(LOGGING_CONFIG)
    configuratie["formatters"]["access"] = {"()": f"{__name__}.Toegangsformaat"}
    # uvicorn's own start and stop lines are English ("INFO: Started server process"); the command
    # prints its own Dutch line, so only its warnings and errors are shown
    configuratie["loggers"]["uvicorn.error"] = {**configuratie["loggers"].get("uvicorn.error", {}),
                                                "level": "WARNING"}
    return configuratie


def maak_server(app, *, host: str, poort: int):
    """A uvicorn server for `app` (not started), with the reduced access log."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=poort, log_config=logconfiguratie(),
                            server_header=False, proxy_headers=False)
    return uvicorn.Server(config)


def draai(app, *, host: str, poort: int) -> None:
    """Serve `app` until Ctrl+C."""
    maak_server(app, host=host, poort=poort).run()
