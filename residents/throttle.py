"""django-axes' view of who is signing in, whichever form sent the attempt."""


def axes_username(request, credentials: dict | None) -> str | None:
    """The account typed: ``username`` (admin, /basket/login/) or ``email`` (allauth).

    Without this, allauth's sign-ins (which authenticate by ``email``) would be
    throttled per address only, never per account. Emails are compared lowercased,
    as allauth finds their accounts.
    """
    credentials = credentials or {}
    if credentials.get("username"):
        return credentials["username"]
    email = credentials.get("email")
    if email is None and request is not None:
        data = getattr(request, "POST", {})
        if data.get("username"):
            return data["username"]
        email = data.get("login")
    return email.strip().lower() if isinstance(email, str) else None
