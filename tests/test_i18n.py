"""French by default, Dutch and English on request, and no string left untranslated."""

import subprocess
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parent.parent / "site" / "locale"
pytestmark = pytest.mark.django_db


def test_the_site_speaks_french_by_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert "Rechercher" in html


def test_a_dutch_browser_gets_the_site_in_dutch(client):
    html = client.get(
        "/", headers={"accept-language": "nl-BE,nl;q=0.9"}
    ).content.decode()
    assert '<html lang="nl">' in html
    assert "Zoeken" in html


def test_the_language_switcher_works_without_javascript(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/communes/"})
    assert response.status_code == 302 and response["Location"] == "/communes/"
    html = client.get("/communes/").content.decode()
    assert '<html lang="en">' in html and "inhabitants" in html


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_interface_string_is_translated(language):
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            LOCALE_DIR / language / "LC_MESSAGES" / "django.po",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr
