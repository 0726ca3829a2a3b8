"""link books to authors

Revision ID: 3c8d5f0a2b14
Revises: 2b7c4e9f1a03
Create Date: 2026-11-22 09:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c8d5f0a2b14'
down_revision = '2b7c4e9f1a03'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('books', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_books_author_id_authors', 'authors', ['author_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('books', schema=None) as batch_op:
        batch_op.drop_constraint('fk_books_author_id_authors', type_='foreignkey')
        batch_op.drop_column('author_id')
