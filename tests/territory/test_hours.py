from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

import pytest

from territory.hours import hours_status, hours_validate, hours_week

PARIS = ZoneInfo("Europe/Paris")
BAKERY = "Tu-Sa 07:00-13:00,15:00-19:30; Su 07:00-12:30; PH off"


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_a_bakery_is_open_on_tuesday_morning_until_its_lunch_break():
    status = hours_status(BAKERY, paris(2026, 11, 24, 10, 0))
    assert status.is_open
    assert status.next_change == paris(2026, 11, 24, 13, 0)


def test_a_bakery_closed_on_monday_says_when_it_opens_again():
    status = hours_status(BAKERY, paris(2026, 11, 23, 10, 0))
    assert not status.is_open
    assert status.next_change == paris(2026, 11, 24, 7, 0)


def test_french_public_holidays_close_the_shop():
    # 25 December 2026 is a Friday, an ordinary opening day otherwise.
    assert not hours_status(BAKERY, paris(2026, 12, 25, 10, 0)).is_open
    assert hours_status(BAKERY, paris(2026, 12, 18, 10, 0)).is_open


def test_hours_are_read_in_paris_time_even_when_asked_in_utc():
    # 08:30 UTC on a summer Tuesday is 10:30 in Lille.
    assert hours_status(
        "Tu 10:00-11:00", datetime(2026, 7, 7, 8, 30, tzinfo=UTC)
    ).is_open


def test_sunday_morning_hours_hold_on_the_day_clocks_go_forward():
    # 29 March 2026: clocks jump from 02:00 to 03:00 in Europe/Paris.
    assert hours_status(BAKERY, paris(2026, 3, 29, 8, 0)).is_open
    assert not hours_status(BAKERY, paris(2026, 3, 29, 13, 0)).is_open


def test_the_week_table_lists_each_day_with_its_ranges():
    week = hours_week(BAKERY, date(2026, 11, 23))
    assert [day.day.isoformat() for day in week][:2] == ["2026-11-23", "2026-11-24"]
    assert week[0].is_closed
    assert week[1].ranges == ((time(7, 0), time(13, 0)), (time(15, 0), time(19, 30)))
    assert week[6].ranges == ((time(7, 0), time(12, 30)),)


def test_a_range_past_midnight_shows_on_both_days():
    week = hours_week("Fr 20:00-02:00", date(2026, 11, 27))
    assert week[0].ranges[0][0] == time(20, 0)
    assert week[1].ranges == ((time(0, 0), time(2, 0)),)


def test_no_hours_means_no_status_rather_than_closed():
    assert hours_status("") is None
    assert hours_week("") == []


@pytest.mark.parametrize(
    "value", ["9h-18h", "Lundi 09:00-18:00", "Mo-Fr 25:00-26:00", "n'importe quoi"]
)
def test_unreadable_hours_are_refused_with_an_example_of_the_right_format(value):
    with pytest.raises(ValidationError) as error:
        hours_validate(value)
    assert "Tu-Sa 09:00-12:30,14:00-19:00" in error.value.messages[0]
