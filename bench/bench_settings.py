"""The benchmark's settings: development's, without DEBUG, emails kept in memory.

Emails are rendered and "sent" as in production, but not printed to the console,
whose writes would be measured instead of the site.
"""

from config.settings.dev import *  # noqa: F403

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
