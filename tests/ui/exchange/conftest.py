"""The exchange screens use the offices of tests/exchange (a city and two counties)."""

from tests.exchange.conftest import offices, offices_template  # noqa: F401 - fixtures
