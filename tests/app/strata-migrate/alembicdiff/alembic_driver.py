"""Runs the real Alembic for tst_alembicdiff, one long-lived process per dialect.

usage: python3 alembic_driver.py CASES.jsonl RESULTS.jsonl

CASES.jsonl starts with a setup line {"url": ..., "projects": {name: script_location}}; every
other line is one case: {"id", "project", "rows", "cmd", "args", "sql", "purge", "verbose",
"indicate_current", "range"}. For each case the driver sets the rows of alembic_version
directly, runs the command through alembic.command (with the project's own env.py, as the
alembic command line does), and writes one result line: {"id", "ok", "error", "rows", "out",
"running", "warnings"}. Alembic prints nothing of its own; "out" is what the command printed
(or the offline SQL), "running" the "Running ..." lines Alembic logs for each step.

Only one thing is changed in Alembic: the script directory lists its files sorted, as
Strata does; Alembic otherwise takes os.listdir order, which is the file system's.
"""

import io
import json
import logging
import os
import sys
import warnings

from sqlalchemy import create_engine, text

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.script.base import Script

_list_py_dir = Script._list_py_dir.__func__


def _sorted_list_py_dir(cls, scriptdir, path):
    return sorted(_list_py_dir(cls, scriptdir, path))


Script._list_py_dir = classmethod(_sorted_list_py_dir)


class RunningLines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Running "):
            self.lines.append(message)


def set_rows(engine, rows):
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        for row in rows:
            conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": row})


def read_rows(engine):
    with engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version")))


def run_command(cfg, case):
    cmd = case["cmd"]
    args = case.get("args", [])
    if cmd in ("upgrade", "downgrade"):
        getattr(command, cmd)(cfg, args[0], sql=case.get("sql", False))
    elif cmd == "stamp":
        command.stamp(cfg, args, purge=case.get("purge", False))
    elif cmd == "history":
        command.history(cfg, case.get("range"), verbose=case.get("verbose", False),
                        indicate_current=case.get("indicate_current", False))
    elif cmd in ("heads", "branches", "current"):
        getattr(command, cmd)(cfg, verbose=case.get("verbose", False))
    elif cmd == "show":
        command.show(cfg, args[0])
    else:
        raise ValueError("unknown command %s" % cmd)


def run_case(engine, url, location, case, running):
    set_rows(engine, case.get("rows", []))
    out = io.StringIO()
    cfg = Config(stdout=out, output_buffer=out)
    cfg.set_main_option("script_location", location)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    running.lines = []
    result = {"id": case["id"], "ok": True, "error": ""}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            try:
                run_command(cfg, case)
            except Exception as e:  # the command line turns every exception into exit 1
                result["ok"] = False
                result["error"] = "%s: %s" % (type(e).__name__, e)
    result["warnings"] = [str(w.message) for w in caught]
    if case["cmd"] == "stamp":
        # What Alembic resolves the targets to, for checking Strata's own stamp semantics.
        try:
            scripts = ScriptDirectory.from_config(cfg).get_revisions(tuple(case["args"]))
            result["resolved"] = sorted(r.revision for r in scripts if r is not None)
        except Exception:
            result["resolved"] = None
    result["rows"] = read_rows(engine)
    result["out"] = out.getvalue()
    result["running"] = list(running.lines)
    return result


def main():
    cases_path, results_path = sys.argv[1], sys.argv[2]
    running = RunningLines()
    log = logging.getLogger("alembic.runtime.migration")
    log.setLevel(logging.INFO)
    log.addHandler(running)
    log.propagate = False
    with open(cases_path) as f:
        setup = json.loads(f.readline())
        url = setup["url"]
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
                              "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
        with open(results_path + ".part", "w") as out:
            for line in f:
                case = json.loads(line)
                location = setup["projects"][case["project"]]
                out.write(json.dumps(run_case(engine, url, location, case, running)) + "\n")
    os.replace(results_path + ".part", results_path)


if __name__ == "__main__":
    main()
