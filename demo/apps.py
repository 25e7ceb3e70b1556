from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo of ``make run``: its commands and data, never imported by the site."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo"
