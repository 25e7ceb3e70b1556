"""The site's URLs and the benchmark's ceiling view (``bench/pages.py`` only)."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_page

from config.urls import urlpatterns as site_urlpatterns


@cache_page(300)
def ceiling(request):
    return HttpResponse(Path(os.environ["BENCH_CEILING_HTML"]).read_bytes())


urlpatterns = [path("__bench__/ceiling/", ceiling), *site_urlpatterns]
