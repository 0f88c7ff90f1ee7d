from django.db import migrations, models

# The lines' code kept one index, the pattern index (varchar_pattern_ops), which answers `code = …` and
# `code LIKE '…%'` alike: the planner already chose it for both at national scale, and the plain index beside it was
# written for every line imported and read by nothing. On PostgreSQL the pattern index Django made is kept and
# renamed (not built again over millions of lines); SQLite, which had only the plain index, gets one of the new name.
POSTGRESQL = [
    "DROP INDEX disclosures_budgetline_code_c15a7c80",
    "ALTER INDEX disclosures_budgetline_code_c15a7c80_like RENAME TO budgetline_code_prefix",
]
POSTGRESQL_BACK = [
    "ALTER INDEX budgetline_code_prefix RENAME TO disclosures_budgetline_code_c15a7c80_like",
    "CREATE INDEX disclosures_budgetline_code_c15a7c80 ON disclosures_budgetline (code)",
]
OTHERS = [
    "DROP INDEX disclosures_budgetline_code_c15a7c80",
    "CREATE INDEX budgetline_code_prefix ON disclosures_budgetline (code)",
]
OTHERS_BACK = [
    "DROP INDEX budgetline_code_prefix",
    "CREATE INDEX disclosures_budgetline_code_c15a7c80 ON disclosures_budgetline (code)",
]


def _run(postgresql: list[str], others: list[str]):
    def run(apps, schema_editor):
        for sql in postgresql if schema_editor.connection.vendor == "postgresql" else others:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0010_line_table_and_document_one_key"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_run(POSTGRESQL, OTHERS), _run(POSTGRESQL_BACK, OTHERS_BACK))],
            state_operations=[
                migrations.AlterField(
                    model_name="budgetline",
                    name="code",
                    field=models.CharField(blank=True, max_length=16, verbose_name="科目编码"),
                ),
                migrations.AddIndex(
                    model_name="budgetline",
                    index=models.Index(
                        fields=["code"], name="budgetline_code_prefix", opclasses=["varchar_pattern_ops"]
                    ),
                ),
            ],
        ),
    ]
