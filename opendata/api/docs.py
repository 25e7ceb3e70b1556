"""The OpenAPI schema, and a documentation page rendered from it on the server.

Swagger UI and Redoc load their scripts from a CDN, which the site must not depend
on; this page reads the same schema and works without JavaScript.
"""

from functools import lru_cache

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView

schema_view = SpectacularAPIView.as_view()

METHODS = ("get", "head", "post", "put", "patch", "delete")


@lru_cache(maxsize=8)
def _schema_in(language: str) -> dict:
    generator = SchemaGenerator(urlconf=settings.SPECTACULAR_SETTINGS["SERVE_URLCONF"])
    return generator.get_schema(request=None, public=True)


def api_schema() -> dict:
    """The schema (its texts in the active language), built once per process."""
    return _schema_in(get_language() or settings.LANGUAGE_CODE)


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " & ".join(_type_of(part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " | ".join(_type_of(part) for part in schema["oneOf"])
    kind = schema.get("type", "object")
    if kind == "array":
        return f"array of {_type_of(schema.get('items', {}))}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if schema.get("enum"):
        kind = f"{kind}: {', '.join(str(v) for v in schema['enum'] if v)}"
    if schema.get("nullable"):
        kind = f"{kind}, nullable"
    return kind


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            operation = item[method]
            ok = operation["responses"].get("200", {})
            body = ok.get("content", {}).get("application/json", {}).get("schema", {})
            operations.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": _type_of(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "returns": _type_of(body) if body else "",
                    "statuses": sorted(operation["responses"]),
                }
            )
    return operations


def _components(schema: dict) -> list[dict]:
    components = []
    for name, component in sorted(
        schema.get("components", {}).get("schemas", {}).items()
    ):
        required = set(component.get("required", []))
        components.append(
            {
                "name": name,
                "description": component.get("description", ""),
                "fields": [
                    {
                        "name": field,
                        "type": _type_of(spec),
                        "description": spec.get("description", ""),
                        "required": field in required,
                    }
                    for field, spec in component.get("properties", {}).items()
                ],
                "enum": component.get("enum"),
            }
        )
    return components


@require_GET
def docs_view(request):
    schema = api_schema()
    return render(
        request,
        "opendata/api_docs.html",
        {
            "info": schema["info"],
            "operations": _operations(schema),
            "components": _components(schema),
            "base_url": request.build_absolute_uri("/api/v1/"),
            "anonymous_rate": settings.API_ANONYMOUS_RATE,
            "key_rate": settings.API_KEY_RATE,
        },
    )


def not_found(request):
    # /api/v1/shops → /api/v1/shops/ (this catch-all stops APPEND_SLASH from seeing it)
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not_found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {
            "detail": _(
                "There is no such address in the API. The documentation lists "
                "them: /api/v1/docs/"
            )
        },
        status=404,
    )
