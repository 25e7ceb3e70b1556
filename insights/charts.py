"""Bar charts drawn on the server as SVG: no script, readable by any browser.

The chart is only a picture of the data table printed beside it; screen readers
get the table, the SVG carries a text alternative saying what it shows.
"""

from dataclasses import dataclass
from datetime import date

WIDTH = 600
HEIGHT = 160
AXIS = 20  # room under the bars for the first and last dates


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    day: date
    value: int


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    maximum: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline(self) -> int:
        return self.height - AXIS


def bar_chart(series: list[tuple[date, int]]) -> BarChart:
    maximum = max((value for _day, value in series), default=0)
    room = HEIGHT - AXIS - 10
    step = WIDTH / max(len(series), 1)
    bars = []
    for index, (day, value) in enumerate(series):
        height = room * value / maximum if maximum else 0
        bars.append(
            Bar(
                x=round(index * step + step * 0.1, 1),
                y=round(HEIGHT - AXIS - height, 1),
                width=round(step * 0.8, 1),
                height=round(height, 1),
                day=day,
                value=value,
            )
        )
    return BarChart(bars=bars, maximum=maximum)
