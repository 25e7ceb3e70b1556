"""The insights screens of the Wagtail admin: merchants see their shops, commune
staff their commune, metropolitan editors and administrators every commune.

A shop or commune outside the user's reach answers 404, as if it did not exist.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from insights import selectors
from insights.charts import bar_chart
from insights.models import Measure

# Plural column names read better in a spreadsheet than the measures' codes.
MEASURE_COLUMNS = {
    Measure.VIEW: "views",
    Measure.IMPRESSION: "impressions",
    Measure.PHONE: "phone_clicks",
    Measure.DIRECTIONS: "directions_clicks",
    Measure.WEBSITE: "website_clicks",
    Measure.BASKET: "basket_additions",
    Measure.ORDER: "orders",
}
SHOP_COLUMNS = ("date", "shop_id", *MEASURE_COLUMNS, "order_amount_cents")
DEMAND_COLUMNS = ("words", "searches", "fewest_results")


def _chosen(options, value: str | None, key):
    """The option named in the query string, else the first; 404 if not allowed."""
    if not value:
        return options[0] if options else None
    for option in options:
        if str(key(option)) == value:
            return option
    raise Http404


def _scope(request):
    shops = list(selectors.shops_visible_to(request.user).only("pk", "title"))
    communes = list(selectors.communes_visible_to(request.user))
    if not shops and not communes:
        raise PermissionDenied
    return shops, communes


def _commune_chosen(request, communes):
    # Metropolitan editors start with the whole metropolis (no commune).
    value = request.GET.get("commune")
    if selectors.user_sees_all_communes(request.user) and not value:
        return None
    return _chosen(communes, value, lambda commune: commune.insee_code)


@require_GET
def dashboard_view(request):
    shops, communes = _scope(request)
    period = selectors.period_parse(request.GET.get("days"))
    context = {
        "period": period,
        "periods": selectors.PERIODS,
        "shops": shops,
        "communes": communes,
        "sees_all_communes": selectors.user_sees_all_communes(request.user),
    }
    shop = _chosen(shops, request.GET.get("shop"), lambda shop: shop.pk)
    if shop is not None:
        figures = selectors.shop_figures(shop_id=shop.pk, period=period)
        context |= {
            "shop": shop,
            "figures": figures,
            "charts": [(m, bar_chart(m.series)) for m in figures.measures],
        }
    if communes:
        commune = _commune_chosen(request, communes)
        gaps = selectors.demand_gaps(commune=commune, period=period)
        if commune is not None:
            selectors.nearest_answers(gaps=gaps[:10], commune=commune)
        context |= {
            "commune": commune,
            "gaps": gaps,
            "listings": selectors.listing_figures(commune=commune, period=period),
        }
    return TemplateResponse(request, "insights/admin/dashboard.html", context)


@require_GET
def export_view(request):
    """CSV of the period: one row per shop and day (``report=shops``, merchants'
    default) or the commune's demand gaps (``report=demand``)."""
    shops, communes = _scope(request)
    period = selectors.period_parse(request.GET.get("days"))
    report = request.GET.get("report") or ("shops" if shops else "demand")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    if report == "shops" and shops:
        shop = request.GET.get("shop")
        ids = (
            [_chosen(shops, shop, lambda s: s.pk).pk] if shop else [s.pk for s in shops]
        )
        writer.writerow(MEASURE_COLUMNS.get(column, column) for column in SHOP_COLUMNS)
        for row in selectors.shop_daily_rows(shop_ids=ids, period=period):
            writer.writerow(row.get(column, 0) for column in SHOP_COLUMNS)
        name = "shops"
    elif report == "demand" and communes:
        commune = _commune_chosen(request, communes)
        writer.writerow(DEMAND_COLUMNS)
        for gap in selectors.demand_gaps(commune=commune, period=period, limit=1000):
            writer.writerow((gap.words, gap.searches, gap.fewest_results))
        name = f"demand-{commune.insee_code if commune else 'metropole'}"
    else:
        raise Http404
    filename = f"vitrine-insights-{name}-{period.start}-{period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
