"""Strata's entry point into a project's own Alembic (run by the project's interpreter).

    python strata_alembic.py --version
    python strata_alembic.py [--probe] [--url-env VAR] -- <alembic arguments>

--probe      runs the alembic command with SQLAlchemy's engine creation intercepted: the first
             engine env.py asks for is reported on stdout as one line
             `STRATA_ALEMBIC_URL {json}` (driver, host, port, database, user; never the
             password) and the process ends at once, before any connection is made. When
             env.py creates no engine, `STRATA_ALEMBIC_NO_ENGINE` is printed (exit code 3).
--url-env    sets Alembic's sqlalchemy.url from the environment variable VAR (so the URL and
             its password never appear on a command line).

Everything else is Alembic's own command line (alembic.config.CommandLine), unchanged.
"""
import json
import os
import sys

PREFIX = "STRATA_ALEMBIC_URL "


def _report(url):
    from sqlalchemy.engine.url import make_url

    u = make_url(url)
    info = {
        "drivername": u.drivername,
        "host": u.host,
        "port": u.port,
        "database": u.database,
        "username": u.username,
        "password_set": u.password is not None,
        "query": {k: str(v) for k, v in dict(u.query).items() if "pass" not in k.lower()},
        "cwd": os.getcwd(),
    }
    sys.stdout.write(PREFIX + json.dumps(info) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # no connection, no transaction, nothing else of env.py runs


def _intercept_engines():
    import sqlalchemy
    import sqlalchemy.engine
    import sqlalchemy.engine.create as create_module

    def create_engine(url, *args, **kwargs):
        _report(url)

    def engine_from_config(configuration, prefix="sqlalchemy.", **kwargs):
        _report(configuration[prefix + "url"])

    for module in (sqlalchemy, sqlalchemy.engine, create_module):
        if hasattr(module, "create_engine"):
            module.create_engine = create_engine
        if hasattr(module, "engine_from_config"):
            module.engine_from_config = engine_from_config
    try:
        import sqlalchemy.ext.asyncio as asyncio_module

        def create_async_engine(url, *args, **kwargs):
            _report(url)

        def async_engine_from_config(configuration, prefix="sqlalchemy.", **kwargs):
            _report(configuration[prefix + "url"])

        asyncio_module.create_async_engine = create_async_engine
        if hasattr(asyncio_module, "async_engine_from_config"):
            asyncio_module.async_engine_from_config = async_engine_from_config
    except ImportError:
        pass


def _version():
    import alembic
    import sqlalchemy

    print("alembic %s" % alembic.__version__)
    print("sqlalchemy %s" % sqlalchemy.__version__)
    print("python %s" % sys.version.split()[0])
    return 0


def main(argv):
    if argv[:1] == ["--version"]:
        return _version()
    probe = False
    url_env = None
    while argv and argv[0] != "--":
        option = argv.pop(0)
        if option == "--probe":
            probe = True
        elif option == "--url-env" and argv:
            url_env = argv.pop(0)
        else:
            sys.stderr.write("strata_alembic: unknown option %s\n" % option)
            return 2
    if argv[:1] == ["--"]:
        argv = argv[1:]

    from alembic.config import CommandLine, Config

    cli = CommandLine(prog="alembic")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    cfg = Config(file_=options.config, ini_section=options.name, cmd_opts=options)
    if url_env:
        url = os.environ.get(url_env)
        if not url:
            sys.stderr.write("strata_alembic: %s is not set\n" % url_env)
            return 2
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if probe:
        _intercept_engines()
    cli.run_cmd(cfg, options)
    if probe:
        sys.stdout.write("STRATA_ALEMBIC_NO_ENGINE\n")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
