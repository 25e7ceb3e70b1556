from django.utils.translation import gettext as _

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class ApiCursorPagination(CursorPagination):
    """Stable pages over a changing collection: a cursor, never an offset.

    A ``page_size`` that is not a whole number from 1 to ``max_page_size`` is
    refused with a 400 naming it (DRF would quietly use the default), so that what
    a client asked for and what the schema promises are the same.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "pk"

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        if len(values) > 1 or not values[0].isdigit():
            raise ValidationError({self.page_size_query_param: [self._size_help()]})
        size = int(values[0])
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [self._size_help()]})
        return size

    def _size_help(self) -> str:
        return _("Give a whole number of items per page, from 1 to %(max)d.") % {
            "max": self.max_page_size
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
        return parameters
