"""Numbers, quantities and dates written for each language, by Babel.

Nothing here is hand-formatted: digits, separators, compact forms (亿, billion), plural
and ordinal choice and date patterns all come from CLDR through Babel. The few words
around a number (such as "at least #") are interface strings from data/ui.yaml.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, format_time
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from ..data.interface import fill
from ..model.dataset import PartialDate, Quantity, Unit

BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en"}
# CLDR has a "long" compact form (354 million) for English; Chinese has only the short one (3.54亿).
COMPACT_STYLE = {"zh": "short", "en": "long"}
PERCENT_PATTERN = "#,##0.##%"


def babel_locale(lang: str) -> str:
    try:
        return BABEL_LOCALES[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(BABEL_LOCALES)}") from None


def _exact(value: float) -> Decimal:
    """Avoid binary float noise (0.1 + 0.2) reaching the page."""
    return Decimal(str(value))


def format_number(value: float, lang: str, unit: Unit) -> str:
    """The bare number as the unit wants it: a percentage, a compact figure, or plain."""
    locale = babel_locale(lang)
    if unit.percent:
        return format_percent(_exact(value) / 100, format=PERCENT_PATTERN, locale=locale)
    if unit.compact and abs(value) >= 1_000_000:
        return format_compact_decimal(_exact(value), format_type=COMPACT_STYLE[lang], fraction_digits=2, locale=locale)
    return format_decimal(_exact(value), locale=locale)


def _pattern_for(unit: Unit, lang: str, value: float) -> str:
    patterns = unit.zh if lang == "zh" else unit.en
    if isinstance(patterns, str):
        return patterns
    locale = Locale.parse(babel_locale(lang))
    form = locale.ordinal_form(int(value)) if unit.ordinal else locale.plural_form(_plural_operand(value))
    return patterns.get(form, patterns["other"])


def _plural_operand(value: float):
    # CLDR plural rules treat 1 and 1.0 differently ("1 day", "1.0 days"); values are stored
    # as written, so an integral float is the integer the editor typed.
    return int(value) if float(value).is_integer() else _exact(value)


def plain_number(value: float) -> str:
    """A number as written in the data, for programs and downloads: 700000000, 84.7 (never 7e+08)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def with_unit(value: float, lang: str, unit: Unit) -> str:
    """One number with its unit: 3.54亿元 / 354 million yuan, 20天 / 20 days, 第16位 / 16th."""
    return fill(_pattern_for(unit, lang, value), format_number(value, lang, unit))


@dataclass(frozen=True)
class FormattedQuantity:
    """A quantity ready for the page: the main figure, and the stated change if any."""

    main: str
    change: str | None = None


def format_quantity(quantity: Quantity, lang: str, ui: dict) -> FormattedQuantity:
    unit = quantity.unit
    if quantity.shape == "printed":  # as printed: no change, no verdict
        main = fill(
            ui["before_after"].get(lang),
            with_unit(quantity.printed_from, lang, unit),
            with_unit(quantity.printed_to, lang, unit),
        )
    elif quantity.shape == "change":
        main = fill(
            ui["before_after"].get(lang),
            with_unit(quantity.before, lang, unit),
            with_unit(quantity.after, lang, unit),
        )
    elif quantity.shape == "range":
        span = fill(ui["range"].get(lang), format_number(quantity.min, lang, unit), format_number(quantity.max, lang, unit))
        main = fill(_pattern_for(unit, lang, quantity.max), span)
    else:
        main = with_unit(quantity.value, lang, unit)
    if quantity.bound:
        main = fill(ui[f"bound.{quantity.bound}"].get(lang), main)
    change = None
    if quantity.stated_change is not None:
        direction = "change.down" if quantity.stated_change < 0 else "change.up"
        amount = format_percent(abs(_exact(quantity.stated_change)) / 100, format=PERCENT_PATTERN, locale=babel_locale(lang))
        change = fill(ui[direction].get(lang), amount)
    return FormattedQuantity(main, change)


def format_points(value: float, lang: str, ui: dict) -> str:
    """A difference between two percentages, signed, in percentage points: −39个百分点 / −39 percentage points."""
    return signed(value, fill(ui["percentage_points"].get(lang), format_decimal(abs(_exact(value)), locale=babel_locale(lang))))


def format_change(result, lang: str, ui: dict) -> str:
    """A before/after figure's change as readers expect it: in percentage points for a figure
    that is itself a percentage (64% → 25% is −39 points, not −60.9%), else in percent."""
    if result.percentage_points:
        return format_points(result.absolute, lang, ui)
    return format_change_percent(result.relative, lang)


CHANGE_PATTERN = "#,##0.#%"  # a recomputed change: one decimal is as precise as it is meaningful
MINUS = "\u2212"


def signed(value: float, body: str) -> str:
    """A formatted magnitude with the sign of `value`: +9,271.4%, −97.5%, −19.5 days."""
    return ("+" if value > 0 else MINUS if value < 0 else "±") + body


def format_change_percent(value: float, lang: str) -> str:
    """A change in percent, signed: −97.5% / +9,271.4%."""
    return signed(value, format_percent(abs(_exact(value)) / 100, format=CHANGE_PATTERN, locale=babel_locale(lang)))


def format_date(value: PartialDate, lang: str) -> str:
    """A date to its known precision: 2020年3月24日 / March 24, 2020; 2020年3月 / March 2020; 2018年 / 2018."""
    locale = babel_locale(lang)
    if value.precision == "day":
        return babel_format_date(value.as_date(), format="long", locale=locale)
    skeleton = "yMMMM" if value.precision == "month" else "y"
    return format_skeleton(skeleton, value.as_date(), locale=locale)


def format_clock_time(value: str, lang: str) -> str:
    """An "HH:MM" time of day: 09:29 in Chinese, 9:29 AM in English."""
    hours, minutes = (int(part) for part in value.split(":"))
    return format_time(datetime.time(hours, minutes), format="short", locale=babel_locale(lang))


def format_count(count: int, lang: str) -> str:
    return format_decimal(count, locale=babel_locale(lang))
