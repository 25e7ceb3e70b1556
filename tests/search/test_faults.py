"""The engine down or hanging: a reduced answer from the database, never an error."""

import socket
import threading

from django.test import override_settings

import pytest

from search.indexing import index_rebuild
from search.selectors import engine_breaker
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db
CLOSED_PORT_URL = "http://127.0.0.1:9"


class HangingEngine:
    """A port that accepts connections and never answers: a stuck engine."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.connections = 0
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self._held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            self.connections += 1
            self._held.append(connection)

    def close(self):
        self.server.close()
        for connection in self._held:
            connection.close()


@pytest.fixture
def hanging_engine():
    engine = HangingEngine()
    yield engine
    engine.close()


@pytest.fixture
def bakeries():
    ShopPageFactory(
        title="Boulangerie Vandamme",
        insee_code="59512",
        latitude=50.6903,
        longitude=3.1817,
    )
    ShopPageFactory(title="Fleurs de Lys", pitch="Bouquets")


def test_with_the_engine_down_the_page_lists_database_matches_with_a_notice(
    client, bakeries
):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        response = client.get("/search/", {"q": "boulangerie roubaix"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Boulangerie Vandamme" in page and "Fleurs de Lys" not in page
    assert "notice--warning" in page


def test_with_the_engine_down_the_api_answers_from_the_database(client, bakeries):
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        body = client.get("/api/v1/search", {"q": "fleurs"}).json()
        suggest = client.get("/api/v1/search/suggest", {"q": "boul"})
    assert body["degraded"] is True
    assert [result["name"] for result in body["results"]] == ["Fleurs de Lys"]
    assert suggest.status_code == 503 and suggest.json()["errors"]


def test_after_a_few_failures_the_breaker_stops_waiting_for_a_hanging_engine(
    client, bakeries, hanging_engine, settings
):
    settings.SEARCH_TIMEOUT_SECONDS = 0.3
    with override_settings(ELASTICSEARCH_URL=hanging_engine.url):
        for _request in range(settings.SEARCH_BREAKER_FAILURES + 5):
            response = client.get("/search/", {"q": "fleurs"})
            assert response.status_code == 200
            assert "Fleurs de Lys" in response.content.decode()
    # Each failure may retry once; once open, the breaker sends nobody there.
    assert hanging_engine.connections <= 2 * settings.SEARCH_BREAKER_FAILURES
    assert engine_breaker.current_state == "open"


def test_once_the_engine_is_back_the_breaker_lets_searches_through(
    client, shops_index, bakeries
):
    index_rebuild("shops")
    engine_breaker.open()
    engine_breaker.half_open()
    response = client.get("/api/v1/search", {"q": "fleurs"})
    assert response.json()["degraded"] is False
    assert engine_breaker.current_state == "closed"


def test_publishing_while_the_engine_hangs_still_succeeds(
    hanging_engine, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_INDEXING_TIMEOUT_SECONDS = 0.3
    settings.ELASTICSEARCH_URL = hanging_engine.url
    shop = ShopPageFactory(title="Cordonnerie Desmet")
    with django_capture_on_commit_callbacks(execute=True):
        shop.title = "Cordonnerie Desmet et Fils"
        shop.save_revision().publish()
    shop.refresh_from_db()
    assert shop.title == "Cordonnerie Desmet et Fils"
