"""A GIN index on the Danish full-text vector, on PostgreSQL only (SQLite searches search_text)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS ideas_idea_search_gin ON ideas_idea USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS ideas_idea_search_gin")


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
