"""Every table of the program, registered on Base.metadata by importing its module."""

from db import (  # noqa: F401 - registers the tables
    consultation_models,
    exchange_models,
    member_models,
    models,
    proposal_models,
    record_models,
    security_models,
)
from db.base import Base

metadata = Base.metadata
