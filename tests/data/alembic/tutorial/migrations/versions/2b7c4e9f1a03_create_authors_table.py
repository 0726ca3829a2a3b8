"""create authors table

Revision ID: 2b7c4e9f1a03
Revises: ae1027a6acf0
Create Date: 2026-11-22 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2b7c4e9f1a03'
down_revision = 'ae1027a6acf0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'authors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('authors')
