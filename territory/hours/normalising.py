"""Recovering hand-typed hours, and warning about forms the parser misreads."""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

# --- Sloppy input ------------------------------------------------------------------
#
# Shopkeepers type hours the way they write them on their door ("du lundi au vendredi
# 9h-12h, 14h-18h"); the parser refuses all of that. The rewrites below turn the usual
# French (and English) phrasings into OSM syntax. They are written to leave valid OSM
# as it is (the tests run a corpus of valid strings through them), and remarks in
# double quotes are never touched. Order matters: day words become day codes before
# the rules that join day codes, times become HH:MM before the rules that join times.

DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
)  # fmt: skip
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAY_OR_PH = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)"
_DAYS = rf"{_DAY_OR_PH}(?:[-,]{_DAY_OR_PH})*"
_TIME = r"\d{2}:\d{2}"
# "Mar" is March in OSM and "mar." is Tuesday in French: it stays a month before a day
# of the month ("Mar 01"), next to another month ("Jan-Mar", "Mar-Oct") or before a
# weekday ("Mar Mo-Fr").
_MARDI_ABBR = (
    "".join(f"(?<!{month}-)" for month in _MONTHS)
    + r"mar(?!\s*\d{1,2}(?![\d:h])"
    + rf"|\s*-\s*(?:{'|'.join(_MONTHS)})(?!\w)"
    + rf"|\s+(?-i:{_DAY_OR_PH})(?!\w))"
)
_DAY_WORDS = {
    "Mo": r"lundis?|lun\.?|lu|mon(?:day)?|mo",
    "Tu": rf"mardis?|mar\.|{_MARDI_ABBR}|ma|tue(?:sday)?|tu",
    "We": r"mercredis?|mer\.?|me|wed(?:nesday)?|we",
    "Th": r"jeudis?|jeu\.?|je|thu(?:rsday)?|th",
    "Fr": r"vendredis?|ven\.?|ve|fri(?:day)?|fr",
    "Sa": r"samedis?|sam\.?|sa|sat(?:urday)?",
    "Su": r"dimanches?|dim\.?|di|sun(?:day)?|su",
}
_NORMALISE_STEPS: tuple[
    tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...
] = tuple(
    (re.compile(pattern, flags), replacement)
    for pattern, replacement, flags in (
        (r"[\u2010-\u2015\u2212]", "-", 0),
        (r"\s*[\r\n]+\s*", "; ", 0),
        (r"(?<!\w)24\s*h?\s*/\s*24\s*h?(?!\w)", "00:00-24:00", re.I),
        (
            r"(?<!\w)(?:tous\s+les\s+jours|7\s*j(?:ours)?\s*(?:/|sur)\s*7"
            r"|every\s*day|daily)(?!\w)",
            "Mo-Su",
            re.I,
        ),
        (r"(?<!\w)(?:les\s+)?(?:jours?\s+)?f[ée]ri[ée]s?(?!\w)", "PH", re.I),
        (r"(?<!\w)(?:ferm[ée]e?s?|off)(?!\w)", "off", re.I),
        *(
            (rf"(?<!\w)(?:{words})(?!\w)", code, re.I)
            for code, words in _DAY_WORDS.items()
        ),
        (r"(?<!\w)midi(?!\w)", "12:00", re.I),
        (
            r"(?<![\w:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?(?!\w)",
            lambda m: (
                f"{int(m[1]) % 12 + (12 if m[3].lower() == 'p' else 0):02d}:"
                f"{m[2] or '00'}"
            ),
            re.I,
        ),
        (
            r"(?<![\w:.])(\d{1,2})(?:\s*[h:]\s*|\.)(\d{2})(?!\d)",
            lambda m: f"{int(m[1]):02d}:{m[2]}",
            re.I,
        ),
        (r"(?<![\w:])(\d{1,2})\s*h(?!\w)", lambda m: f"{int(m[1]):02d}:00", re.I),
        (
            rf"({_TIME})\s*(?:-|à|a|au|jusqu['\u2019]\s*à|to)\s*({_TIME})",
            r"\1-\2",
            re.I,
        ),
        (
            rf"({_TIME}-{_TIME})\s*(?:,|et|&|/|and)\s*(?={_TIME}-{_TIME})",
            r"\1,",
            re.I,
        ),
        (rf"(?<!\w)(?i:du|de|le|les)\s+(?=(?:{_DAY_OR_PH}|{_TIME})(?!\w))", "", 0),
        (rf"(?<!\w)({_DAY})\s*(?:-|(?i:au|à|a|to))\s*({_DAY})(?!\w)", r"\1-\2", 0),
        (
            rf"(?<!\w)({_DAY_OR_PH})\s*(?:,|(?i:et|&|and))\s*(?={_DAY_OR_PH}(?!\w))",
            r"\1,",
            0,
        ),
        # "…, fermé le lundi" is a rule of its own, whatever punctuation came before.
        (rf"[\s,]*(?<!\w)off\s+({_DAYS})(?!\w)", r"; \1 off", 0),
        (rf"\s*(?<!\w)(?i:sauf|except)\s+({_DAYS})(?:\s+off)?(?!\w)", r"; \1 off", 0),
        (rf"(?<!\w)({_DAY_OR_PH})\s*[:,]\s*(?={_TIME}|off)", r"\1 ", 0),
        (r"\s+/\s+", "; ", 0),
        (r"\s*\|\|\s*", " || ", 0),
        (r"\s*;[\s;]*", "; ", 0),
        (r"\s+", " ", 0),
    )
)


def hours_normalise(value: str) -> str:
    """Rewrite hours as typed on a shop door ("lun.-ven. 9h-18h") into OSM syntax.

    Runs before validation so that common French phrasings are accepted rather than
    refused; what it cannot recover is left for ``hours_validate`` to refuse.
    """
    # Odd segments sit between double quotes: remarks, kept exactly as written.
    segments = value.split('"')
    for index in range(0, len(segments), 2):
        for pattern, replacement in _NORMALISE_STEPS:
            segments[index] = pattern.sub(replacement, segments[index])
    text = '"'.join(segments)
    if len(segments) % 2:  # the text does not end inside an unclosed remark
        text = text.strip(" ;,.")
    return text.lstrip(" ;,")


# --- Forms the parser accepts but reads wrongly -------------------------------------

_SINGLE_DATE = re.compile(
    rf"(?<![-\w])({'|'.join(m.title() for m in _MONTHS)}) (\d{{2}})(?!\s*-|\d)"
)
_DAYS_IN_MONTH = dict(
    zip(
        (m.title() for m in _MONTHS),
        (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
        strict=True,
    )
)


_REMARK = "\x00"


def _masked_remarks(value: str) -> str:
    """The value with each remark's text replaced by NUL characters, same length.

    Keeps positions, so a match in the masked text can be read back from the value,
    while a remark such as "fermé SH" can never trigger a warning.
    """
    return re.sub(r'"[^"]*("|$)', lambda m: _REMARK * len(m[0]), value)


def hours_warnings(value: str) -> list[str]:
    """Say where the page would show something the shopkeeper did not mean.

    opening-hours-py accepts these forms but, checked against the reference
    JavaScript library, reads them differently. They do not block saving (the string
    is valid OpenStreetMap data and may be right for other consumers); each message
    says what the page will show and what to write instead.
    """
    masked = _masked_remarks(value)
    warnings: list[str] = []
    if re.search(r"(?<!\w)SH(?!\w)", masked):
        warnings.append(
            _(
                "School holidays (“SH”) are not known to this site, so that rule "
                "never applies: your page shows your usual hours during school "
                "holidays too. Write the holiday dates instead, for example "
                "“Jul 04-Aug 31 Mo-Fr 10:00-18:00”."
            )
        )
    for match in re.finditer(rf"(?<!\w)PH\s+({_DAY}(?:[-,]{_DAY})*)", masked):
        warnings.append(
            _(
                "“%(rule)s” is read as “public holidays or %(days)s”: your page "
                "applies it to every %(days)s, not only to public holidays. For "
                "public-holiday hours, write a separate last rule such as "
                "“PH 10:00-12:00”."
            )
            % {"rule": match[0], "days": match[1]}
        )
    for match in re.finditer(rf"(?<!\w)({_DAY}(?:, {_DAY})+)", masked):
        warnings.append(
            _(
                "“%(days)s” with spaces after the commas is misread: your page shows "
                "the first of those days open all day. Write it without spaces: "
                "“%(fixed)s”."
            )
            % {"days": match[1], "fixed": match[1].replace(", ", ",")}
        )
    for match in re.finditer(r"[^;|]+", masked):
        rule = match[0]
        has_remark = _REMARK in rule
        gives_state = re.search(
            r"\d:\d\d|sunrise|sunset|dawn|dusk|24/7|(?<!\w)(?:off|closed|open|unknown)"
            r"(?!\w)",
            rule,
        )
        if has_remark and not gives_state:
            warnings.append(
                _(
                    "“%(rule)s” gives a remark but no hours, so your page shows the "
                    "shop as open day and night. Put the hours before the remark, for "
                    'example “Sa 10:00-12:00 "sur rendez-vous"”, or write '
                    '“Sa off "sur rendez-vous"”.'
                )
                % {"rule": value[match.start() : match.end()].strip()}
            )
    for match in re.finditer(rf"({_TIME})\+", masked):
        warnings.append(
            _(
                "“%(start)s+” has no closing time, so your page shows the shop open "
                "from %(start)s until midnight. Write when the shop closes instead, "
                "as “%(start)s-HH:MM”."
            )
            % {"start": match[1]}
        )
    if "||" in masked:
        warnings.append(
            _(
                "Rules after “||” are read as “open”: your page shows the shop open "
                "whenever the rules before “||” say it is closed, and the “open until” "
                "time can be wrong. Separate rules with “;” and put remarks in quotes "
                "after the hours."
            )
        )
    for match in _SINGLE_DATE.finditer(masked):
        month, day = match[1], int(match[2])
        if not 1 <= day <= _DAYS_IN_MONTH[month]:
            warnings.append(
                _(
                    "“%(date)s” does not exist, so your page applies that rule to "
                    "every day of the year. Write a real date, for example "
                    "“%(example)s”."
                )
                % {
                    "date": match[0],
                    "example": f"{month} {_DAYS_IN_MONTH[month]:02d}",
                }
            )
    return warnings
