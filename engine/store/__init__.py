"""Storage: tables, statements, transactions and migrations — the only package that speaks SQL.

Everything above the store passes a transaction around as :data:`Tx` and catches the store's
own exceptions; none of it imports SQLAlchemy.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection as Tx
from sqlalchemy.exc import IntegrityError as Duplicate
from sqlalchemy.exc import OperationalError as Unavailable

__all__ = ["Duplicate", "Tx", "Unavailable"]
