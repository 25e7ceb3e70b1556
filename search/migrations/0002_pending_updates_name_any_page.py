from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0001_pending_index_updates")]

    operations = [
        migrations.RenameField(
            model_name="pendingindexupdate", old_name="shop_id", new_name="page_id"
        ),
        migrations.AlterField(
            model_name="pendingindexupdate",
            name="page_id",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="page id"),
        ),
    ]
