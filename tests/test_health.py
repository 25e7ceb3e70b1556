from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_database_and_search_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "up", "search": "up"},
        "down": [],
        "pending_index_updates": 0,
    }


def test_healthz_is_503_and_names_the_search_engine_when_it_is_down(client):
    with override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["search"]
    assert response["Cache-Control"].startswith("max-age=0")
