"""merge authors and reviews

Revision ID: 5e0f7b2c4d36
Revises: 3c8d5f0a2b14, 4d9e6a1b3c25
Create Date: 2026-11-22 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e0f7b2c4d36'
down_revision = ('3c8d5f0a2b14', '4d9e6a1b3c25')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
