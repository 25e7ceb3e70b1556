"""Additions to the generated OpenAPI schema: the answers every operation may give."""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


def add_common_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    common = {
        "304": {"description": "Not modified: the copy the client holds is current."},
        "400": {
            "description": "A query parameter is invalid; the body names it.",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        "401": _error("The X-API-Key header holds an unknown or revoked key."),
        "404": _error("No such item, or an invalid cursor."),
        "429": {
            **_error("Over the rate or the daily quota; see Retry-After."),
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before the next request.",
                    "schema": {"type": "integer"},
                }
            },
        },
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, response in common.items():
                responses.setdefault(status, response)
    return result
