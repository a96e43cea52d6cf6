"""A GIN index on the Danish full-text vector, on PostgreSQL only (SQLite searches search_text)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS handbook_page_search_gin "
            "ON handbook_page USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS handbook_page_search_gin")


class Migration(migrations.Migration):
    dependencies = [("handbook", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
