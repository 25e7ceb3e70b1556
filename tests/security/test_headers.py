"""Security headers: scripts from our origin only on public pages, features opt-in."""

import pytest

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


@pytest.mark.parametrize("url", ["/", "/search/?q=pain", "/communes/", "/open-data/"])
def test_public_pages_allow_no_inline_script(client, url):
    response = client.get(url)
    csp = _directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "<script>" not in response.content.decode()


def test_public_templates_hold_no_inline_script_or_handler():
    """Every template of the public site: scripts come from static files only."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("*/**/templates/**/*.html"):
        if ".venv" in template.parts or "admin" in template.parts:
            continue
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{template}: inline event handler")
    assert offenders == []


def test_the_admin_keeps_working_under_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    csp = _directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "https://connect.stripe.com" in csp["form-action"]


def test_the_admin_asks_nothing_of_other_sites(admin_client):
    """Seen in Chromium: the upgrade check's fetch broke the admin's connect-src."""
    html = admin_client.get("/admin/").content.decode()
    assert "w-upgrade" not in html and "gravatar" not in html.lower()


def test_checkout_may_hand_over_to_stripe(client):
    assert "https://checkout.stripe.com" in _directives(client.get("/"))["form-action"]


@pytest.mark.parametrize(
    ("url", "geolocation"),
    [("/", "geolocation=()"), ("/search/", "geolocation=(self)")],
)
def test_geolocation_is_allowed_only_where_near_me_asks_for_it(
    client, url, geolocation
):
    policy = client.get(url)["Permissions-Policy"]
    assert geolocation in policy and "camera=()" in policy and "microphone=()" in policy


def test_map_tiles_named_in_settings_are_allowed_as_images():
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['SEARCH_MAP_TILES_URL']="
        "'https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png';"
        "django.setup(); from django.conf import settings;"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": ".:site"},
    ).stdout
    assert "https://*.tile.openstreetmap.fr" in out


@pytest.mark.parametrize(
    "url", ["/basket/add/", "/i18n/setlang/", "/merchants/quote/1/"]
)
def test_token_free_forms_refuse_posts_from_another_site(client, url):
    data = {"product": "1", "quantity": "1", "language": "en", "next": "/"}
    forged = client.post(url, data, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    forged = client.post(url, data, headers={"Sec-Fetch-Site": "cross-site"})
    assert forged.status_code == 403
    own = client.post(url, data, headers={"Origin": "http://testserver"})
    assert own.status_code != 403
