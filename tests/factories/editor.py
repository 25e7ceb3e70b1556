"""What the admin's page editor posts, for tests that go through its real view."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def shop_edit_form(shop, **overrides):
    """The shop editor's POST as a merchant publishes it: a complete listing, no
    rows; ``overrides`` replace fields (an ``inline_formset`` for rows)."""
    data = {
        "title": shop.title,
        "slug": shop.slug,
        "pitch": shop.pitch,
        "category": shop.category_id,
        "siret": shop.siret,
        "description": rich_text(""),
        "street_address": "12 rue Nationale",
        "postal_code": "59000",
        "latitude": "50.6366",
        "longitude": "3.0635",
        "opening_hours-expert": "Tu-Sa 09:00-19:00",
        "opening_hours-mode": "expert",
        "phone": "",
        "email": "",
        "website": "",
        "facebook_url": "",
        "instagram_url": "",
        "wheelchair": "",
        "collect_payment": "pickup",
        "pickup_lead_minutes": "60",
        "photos": inline_formset([]),
        "closures": inline_formset([]),
        "products": inline_formset([]),
        "offers": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)
