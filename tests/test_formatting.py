"""Numbers, quantities and dates read naturally in each language (via Babel)."""

from __future__ import annotations

import pytest

from macros.render.formatting import format_clock_time, format_date, format_quantity, with_unit
from macros.model.dataset import PartialDate, Quantity


@pytest.fixture(scope="module")
def units(dataset):
    return dataset.units


@pytest.fixture(scope="module")
def ui(dataset):
    return dataset.ui


@pytest.mark.parametrize("value, zh, en", [
    (354_000_000, "3.54亿元", "354 million yuan"),
    (4_590_000_000, "45.9亿元", "4.59 billion yuan"),
    (65_600_000_000, "656亿元", "65.6 billion yuan"),
    (700_000_000, "7亿元", "700 million yuan"),
])
def test_yuan_amounts_use_yi_in_chinese_and_million_billion_in_english(units, value, zh, en):
    assert with_unit(value, "zh", units["yuan"]) == zh
    assert with_unit(value, "en", units["yuan"]) == en


def test_counts_take_the_counter_word_and_english_plural(units):
    assert with_unit(174, "zh", units["item"]) == "174项"
    assert with_unit(174, "en", units["item"]) == "174 items"
    assert with_unit(1, "en", units["item"]) == "1 item"
    assert with_unit(1011, "en", units["problem"]) == "1,011 problems"
    assert with_unit(3000, "en", units["square-metre"]) == "3,000 square meters"


def test_fractional_days_are_plural_in_english(units):
    assert with_unit(0.5, "en", units["day"]) == "0.5 days"
    assert with_unit(0.5, "zh", units["day"]) == "0.5天"


def test_percentages_keep_their_decimals(units):
    assert with_unit(84.7, "zh", units["percent"]) == "84.7%"
    assert with_unit(84.7, "en", units["percent"]) == "84.7%"
    assert with_unit(64, "en", units["percent"]) == "64%"


@pytest.mark.parametrize("rank, en", [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (16, "16th"), (22, "22nd")])
def test_ranks_are_english_ordinals(units, rank, en):
    assert with_unit(rank, "en", units["rank"]) == en
    assert with_unit(rank, "zh", units["rank"]) == f"第{rank}位"


def test_before_after_with_stated_change(units, ui):
    quantity = Quantity(unit=units["day"], before=20, after=0.5, stated_change=-98)
    zh = format_quantity(quantity, "zh", ui)
    en = format_quantity(quantity, "en", ui)
    assert (zh.main, zh.change) == ("20天 → 0.5天", "减少98%")
    assert (en.main, en.change) == ("20 days → 0.5 days", "down 98%")


def test_range_uses_the_language_range_pattern(units, ui):
    quantity = Quantity(unit=units["times"], min=1.5, max=2)
    assert format_quantity(quantity, "zh", ui).main == "1.5—2倍"
    assert format_quantity(quantity, "en", ui).main == "1.5–2 times"


def test_lower_bound_reads_naturally(units, ui):
    quantity = Quantity(unit=units["percent"], value=75, bound="at-least")
    assert format_quantity(quantity, "zh", ui).main == "75%以上"
    assert format_quantity(quantity, "en", ui).main == "at least 75%"


@pytest.mark.parametrize("date, zh, en", [
    (PartialDate(2020, 3, 24), "2020年3月24日", "March 24, 2020"),
    (PartialDate(2021, 1, 20), "2021年1月20日", "January 20, 2021"),
    (PartialDate(2020, 3), "2020年3月", "March 2020"),
    (PartialDate(2018), "2018年", "2018"),
])
def test_dates_read_as_dates_to_their_known_precision(date, zh, en):
    assert format_date(date, "zh") == zh
    assert format_date(date, "en") == en


def test_float_noise_never_reaches_the_page(units):
    assert with_unit(0.1 + 0.2, "en", units["percent"]) == "0.3%"


def test_unknown_language_is_a_clear_error(units):
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        with_unit(1, "fr", units["item"])


def test_time_of_day_per_language():
    assert format_clock_time("09:29", "zh") == "09:29"
    assert format_clock_time("09:29", "en") == "9:29\u202fAM" or format_clock_time("09:29", "en") == "9:29 AM"


def test_a_recomputed_change_is_signed_with_one_decimal():
    from macros.render.formatting import format_change_percent

    assert format_change_percent(-97.5, "en") == "\u221297.5%"
    assert format_change_percent(9271.428, "zh") == "+9,271.4%"
    assert format_change_percent(-60.9375, "en") == "\u221260.9%"
