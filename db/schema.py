"""Every table of the program, registered on Base.metadata by importing its module."""

from db import member_models, models, record_models  # noqa: F401 - registers the tables
from db.base import Base

metadata = Base.metadata
