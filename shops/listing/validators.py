"""Validators for what merchants type, with messages they can act on."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from stdnum import exceptions as stdnum_errors
from stdnum.fr import siret


def siret_normalise(value: str) -> str:
    """``"732 829 320 00074"`` → ``"73282932000074"`` (spaces and dots removed)."""
    return siret.compact(value or "")


def validate_siret(value: str) -> None:
    """14 digits whose checksum holds (python-stdnum knows La Poste's exception)."""
    try:
        siret.validate(siret_normalise(value))
    except stdnum_errors.InvalidLength as error:
        raise ValidationError(
            _("A SIRET has 14 digits. Check the number on your Kbis or INSEE notice."),
            code="siret_length",
        ) from error
    except stdnum_errors.InvalidFormat as error:
        raise ValidationError(
            _("A SIRET contains digits only (spaces are allowed)."), code="siret_format"
        ) from error
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            _(
                "This SIRET does not exist (its check digit is wrong). "
                "Check for a typo."
            ),
            code="siret_checksum",
        ) from error


# Links merchants publish must open a web page: no javascript:, data: or ftp: links.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Give a web address starting with https:// (or http://)."),
)
