"""Replace Wagtail's welcome page with Vitrine's home page and its communes index.

The commune pages themselves are created by ``manage.py load_communes`` from data.
"""

from django.db import migrations


def create_page_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("cms.HomePage")
    CommunesIndexPage = apps.get_model("cms.CommunesIndexPage")

    welcome_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=welcome_type, slug="home", depth=2).delete()
    locale = Locale.objects.order_by("pk").first()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    index_type, _ = ContentType.objects.get_or_create(
        model="communesindexpage", app_label="cms"
    )
    home = HomePage.objects.create(
        title="Vitrine",
        draft_title="Vitrine",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro="Les commerces, artisans et lieux de culture des 95 communes de la métropole lilloise.",
    )
    CommunesIndexPage.objects.create(
        title="Communes",
        draft_title="Communes",
        slug="communes",
        content_type=index_type,
        path="000100010001",
        depth=3,
        numchild=0,
        url_path="/home/communes/",
        locale=locale,
        intro="Choisissez une commune pour découvrir ses commerces et ses lieux.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Vitrine"},
    )


def remove_page_tree(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(create_page_tree, remove_page_tree)]
