"""The exchange screens use the offices of tests/exchange (a city and two counties)."""

from __future__ import annotations

from tests.exchange.conftest import offices, offices_template  # noqa: F401 - fixtures
