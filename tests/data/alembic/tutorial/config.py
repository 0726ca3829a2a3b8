"""Settings of the books project: secrets stay out of the code (the tutorials' config.py).

DATABASE_URL from the environment when it is set; otherwise alembic.ini's sqlalchemy.url.
"""
import os

DATABASE_URL = os.environ.get("DATABASE_URL")
