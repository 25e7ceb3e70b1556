"""The open-data page and its downloads (GeoJSON, CSV, Table Schema)."""

from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from opendata.datasets import DATASETS, LICENCE
from opendata.files import FORMATS, export_file
from opendata.measurement import DOWNLOAD, public_call_made

CONTENT_TYPES = {
    "geojson": "application/geo+json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
CACHE_SECONDS = 15 * 60


def _dataset(slug: str):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404 from None


@require_safe
def open_data_index(request):
    datasets = []
    for dataset in DATASETS.values():
        state = dataset.state()
        datasets.append(
            {
                "dataset": dataset,
                "count": state["count"],
                "last_modified": dataset.last_modified(state),
            }
        )
    return render(
        request, "opendata/index.html", {"datasets": datasets, "licence": LICENCE}
    )


@require_safe
def export_download(request, slug: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    _dataset(slug)
    export = export_file(slug=slug, fmt=fmt)
    public_call_made.send(sender=None, request=request, kind=DOWNLOAD)
    etag = quote_etag(f"{export.version}-{fmt}")
    last_modified = (
        int(export.last_modified.timestamp()) if export.last_modified else None
    )
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=last_modified
    )
    if not_modified is not None:
        response = not_modified
    else:
        response = FileResponse(
            export.path.open("rb"),
            content_type=CONTENT_TYPES[fmt],
            as_attachment=False,
            filename=f"vitrine-{slug}.{fmt}",
        )
        response["Content-Disposition"] = f'inline; filename="vitrine-{slug}.{fmt}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Link"] = (
        f'<{LICENCE["path"]}>; rel="license", '
        f'</open-data/{slug}.schema.json>; rel="describedby"'
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@require_safe
def table_schema(request, slug: str):
    response = JsonResponse(
        _dataset(slug).table_schema(), json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
