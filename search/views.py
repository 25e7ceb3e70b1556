from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.selectors import shops_search

MAX_QUERY_LENGTH = 200


@require_GET
def search_page(request):
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    results = shops_search(text=text, page=page)
    status = 200 if results.engine_available else 503
    return render(
        request, "search/results.html", {"q": text, "results": results}, status=status
    )
