"""settings: typed settings with defaults; bad stored values never break the program."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from app.common.settings import Settings, load_settings, save_settings
from app.common.storage import Database
from db.models import AppSetting


def store(database: Database, **raw_json: str) -> None:
    with database.begin() as session:
        for key, value_json in raw_json.items():
            session.merge(AppSetting(key=key, value_json=value_json))


def test_defaults(database: Database) -> None:
    settings = load_settings(database)
    assert settings == Settings()
    assert (
        settings.handling_deadline_months,
        settings.handling_deadline_max_months,
        settings.backups_kept,
    ) == (3, 6, 12)


def test_save_and_load_round_trip(database: Database) -> None:
    wanted = Settings(
        handling_deadline_months=2,
        handling_deadline_max_months=4,
        backups_kept=30,
        five_ones_leave_counts=True,
    )
    save_settings(database, wanted)
    assert load_settings(database) == wanted
    with database.begin() as session:
        stored = {row.key: row.value_json for row in session.scalars(select(AppSetting))}
    assert stored["handling_deadline_months"] == "2"
    assert stored["handling_deadline_max_months"] == "4"
    assert stored["backups_kept"] == "30"
    assert stored["five_ones_leave_counts"] == "true"
    assert stored["five_ones_cosigned_counts"] == "true"


def test_saving_again_overwrites(database: Database) -> None:
    save_settings(database, Settings(backups_kept=30))
    save_settings(database, Settings(backups_kept=5))
    assert load_settings(database).backups_kept == 5


@pytest.mark.parametrize(
    "value_json",
    ['"3"', "3.0", "true", "null", "[3]", '{"months": 3}', '"三个月"'],
)
def test_wrong_type_falls_back_to_the_default(
    database: Database, value_json: str, caplog: pytest.LogCaptureFixture
) -> None:
    store(database, handling_deadline_months=value_json, backups_kept="20")
    with caplog.at_level(logging.WARNING, logger="app.common.settings"):
        settings = load_settings(database)
    assert settings.handling_deadline_months == 3
    assert settings.backups_kept == 20  # the others still count
    assert "handling_deadline_months has the wrong type" in caplog.text


@pytest.mark.parametrize("value_json", ["", "{", "3 months", "NaN-ish", "'3'"])
def test_invalid_json_falls_back_to_the_default(
    database: Database, value_json: str, caplog: pytest.LogCaptureFixture
) -> None:
    store(database, backups_kept=value_json, handling_deadline_months="1")
    with caplog.at_level(logging.WARNING, logger="app.common.settings"):
        settings = load_settings(database)
    assert settings.backups_kept == 12
    assert settings.handling_deadline_months == 1
    assert "backups_kept holds invalid JSON" in caplog.text


def test_unknown_keys_are_ignored(database: Database) -> None:
    # A newer program may have stored settings this one does not know.
    store(database, future_setting='{"x": 1}', demo_loaded='{"联络组": 6}')
    assert load_settings(database) == Settings()
    save_settings(database, Settings())
    with database.begin() as session:
        assert session.get(AppSetting, "future_setting") is not None  # left alone
