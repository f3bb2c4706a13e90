from __future__ import annotations

import pytest

from app.common.storage import Database
from tests.proposals.helpers import Office, set_up


@pytest.fixture
def office(office_db: Database) -> Office:
    return set_up(office_db)
