"""通知: the city writes a notice, it travels down with the next file, the county reads it;
only the city changes or removes it, and the change and the removal travel too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.common.errors import KnownError
from app.exchange.notices import NoticeForm, delete_notice, list_notices, save_notice
from tests.exchange.conftest import Offices, database_digest

FORM = NoticeForm(
    title="关于报送2026年度协商议题建议的通知",
    issued_on=date(2026, 3, 2),
    doc_number="示政协办发〔2026〕3号",
    body="各县（市、区）政协：\n请于3月20日前报送。",
)


def test_a_notice_travels_down_and_is_read_at_the_county(offices: Offices) -> None:
    uuid = save_notice(offices.city.database, FORM)
    [own] = list_notices(offices.city.database)
    assert (own.uuid, own.own, own.office_name) == (uuid, True, offices.city.name)
    offices.send(offices.city, offices.county)
    [received] = list_notices(offices.county.database)
    assert (received.title, received.doc_number, received.issued_on, received.body) == (
        FORM.title,
        FORM.doc_number,
        FORM.issued_on,
        FORM.body,
    )
    assert (received.own, received.office_name) == (False, offices.city.name)


def test_a_change_and_a_removal_travel_too(offices: Offices) -> None:
    city = offices.city.database
    uuid = save_notice(city, FORM)
    offices.send(offices.city, offices.county)
    later = NoticeForm(title="关于延期报送协商议题建议的通知", issued_on=FORM.issued_on)
    save_notice(city, later, uuid)
    offices.send(offices.city, offices.county)
    [changed] = list_notices(offices.county.database)
    assert (changed.title, changed.doc_number) == ("关于延期报送协商议题建议的通知", "")
    delete_notice(city, uuid)
    assert list_notices(city) == []
    offices.send(offices.city, offices.county)
    assert list_notices(offices.county.database) == []


def test_a_county_writes_none_and_cannot_change_a_received_one(offices: Offices) -> None:
    uuid = save_notice(offices.city.database, FORM)
    offices.send(offices.city, offices.county)
    county = offices.county.database
    before = database_digest(county)
    with pytest.raises(KnownError, match="通知由市政协发出"):
        save_notice(county, FORM)
    with pytest.raises(KnownError, match="通知由市政协发出"):
        save_notice(county, FORM, uuid)
    with pytest.raises(KnownError, match="通知由市政协发出"):
        delete_notice(county, uuid)
    assert database_digest(county) == before


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        (NoticeForm(title="  ", issued_on=FORM.issued_on), "请填写通知标题"),
        (NoticeForm(title="通" * 201, issued_on=FORM.issued_on), "不能超过200个字"),
        (NoticeForm(title="通知", issued_on=date.today() + timedelta(days=1)), "不能晚于今天"),
    ],
)
def test_a_bad_notice_is_refused_and_nothing_is_stored(
    offices: Offices, form: NoticeForm, problem: str
) -> None:
    with pytest.raises(KnownError, match=problem):
        save_notice(offices.city.database, form)
    assert list_notices(offices.city.database) == []


def test_titles_and_numbers_are_cleaned(offices: Offices) -> None:
    uuid = save_notice(
        offices.city.database,
        NoticeForm(title=" 关于\t开会的通知\u200b ", issued_on=FORM.issued_on, doc_number=" 3号 "),
    )
    [notice] = list_notices(offices.city.database)
    assert (notice.uuid, notice.title, notice.doc_number) == (uuid, "关于 开会的通知", "3号")
