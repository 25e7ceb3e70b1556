"""Counting on the request path: a few cache operations, no database write.

Each counted hit takes a number from a shared sequence and stores a small tuple
under it in the cache (Redis in production, local memory in development and
tests). ``services.events_flush``, run every few minutes, reads the numbers since
the last flush, sums them and writes one row per page, measure and words. Nothing
stored names a visitor: the request's address, cookies and user agent are only
read here, to leave bots and the shop's own staff out, then forgotten.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache, caches
from django.utils import timezone

from crawlerdetect import CrawlerDetect

from insights.models import Measure

SEQUENCE_KEY = "insights:seq"
EVENT_KEY = "insights:event:{}"
# Events wait at most this long for a flush (the flush runs every five minutes).
EVENT_SECONDS = 2 * 24 * 3600
WORDS_MAX = 100

_crawler_detect = CrawlerDetect()


@lru_cache(maxsize=4096)
def _is_bot(user_agent: str) -> bool:
    # The same few hundred browser versions come back all day: one regex run each.
    return _crawler_detect.is_crawler(user_agent)


def request_counts(request) -> bool:
    """A browser that is no known robot; signed-in editors are checked by callers.

    Browsers send ``Accept-Language`` and a ``Mozilla/`` user agent; most scripts
    and crawlers do not, and those that do are in crawlerdetect's maintained list.
    """
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not user_agent.startswith("Mozilla/") or not request.META.get(
        "HTTP_ACCEPT_LANGUAGE"
    ):
        return False
    return not _is_bot(user_agent)


def _signed_in_owner(request, page_id: int) -> bool:
    """The shop's own merchant (or an administrator) does not count their visits."""
    if "sessionid" not in request.COOKIES:
        return False  # no session: no database query for the common case
    user = request.user
    if not user.is_authenticated:
        return False
    from orders.selectors import shop_ids_owned_by

    return user.is_superuser or page_id in shop_ids_owned_by(user)


def buffer():
    """The cache holding counted hits until the flush: the shared cache, or the
    ``insights`` one where settings name it (development: files, so that the flush
    command, another process, sees what runserver counted)."""
    return caches["insights"] if "insights" in settings.CACHES else cache


def _append(event: tuple) -> None:
    store = buffer()
    try:
        number = store.incr(SEQUENCE_KEY)
    except ValueError:
        store.add(SEQUENCE_KEY, 0, timeout=None)
        number = store.incr(SEQUENCE_KEY)
    store.set(EVENT_KEY.format(number), event, EVENT_SECONDS)


def _today() -> str:
    return timezone.localdate().isoformat()


def page_hit_record(request, *, measure: str, page_id: int) -> bool:
    """A view, or a click on a phone, directions or website link, of one page."""
    if not request_counts(request) or _signed_in_owner(request, page_id):
        return False
    _append(("page", _today(), page_id, measure))
    return True


def basket_add_record(sender, *, request, shop_id, **kwargs) -> None:
    """Receiver of ``orders.measurement.basket_line_added``."""
    if str(shop_id).isdigit():
        page_hit_record(request, measure=Measure.BASKET, page_id=int(shop_id))


def public_call_record(sender, *, request, kind: str, **kwargs) -> None:
    """Receiver of ``opendata.measurement.public_call_made``: an open-data download
    or API call; scripts count here, robots do not."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not _is_bot(user_agent):
        _append(("call", _today(), kind))


def words_normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, words sorted: "Pâtisserie  Lille"
    and "lille patisserie" are one demand."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = sorted(set(re.findall(r"[a-z0-9]+", text)))
    return " ".join(words)[:WORDS_MAX].strip()


def search_record(sender, *, request, params, results, **kwargs) -> None:
    """Receiver of ``search.measurement.results_shown``: a search page's words,
    commune filter and result count, and which shops it showed at which
    positions. Searches without words (filters only) count as impressions but not
    as demand."""
    if not request_counts(request):
        return
    words = words_normalise(params.text)
    commune = params.communes[0] if len(params.communes) == 1 else ""
    first = (params.page - 1) * results.per_page + 1
    shown = tuple(page.pk for page in results.shops)
    _append(("search", _today(), words, commune, results.total, shown, first))
