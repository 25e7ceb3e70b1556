from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """Stable pages over a changing collection: a cursor, never an offset."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "pk"
