import django.db.models.deletion
from django.db import migrations, models

# Only the indexes go. Django's own AlterField would also drop and re-add the foreign key on PostgreSQL, checking
# every stored line again (millions at national scale) under a lock, for a constraint that does not change.
DROP = [
    "DROP INDEX IF EXISTS disclosures_budgetline_disclosure_id_316d7056",
    "DROP INDEX IF EXISTS disclosures_statedfigure_key_e9b806a0",
    "DROP INDEX IF EXISTS disclosures_statedfigure_key_e9b806a0_like",
]
CREATE = [
    "CREATE INDEX disclosures_budgetline_disclosure_id_316d7056 ON disclosures_budgetline (disclosure_id)",
    "CREATE INDEX disclosures_statedfigure_key_e9b806a0 ON disclosures_statedfigure (key)",
]


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0008_source_text_lz4"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(DROP, reverse_sql=CREATE)],
            state_operations=[
                migrations.AlterField(
                    model_name="budgetline",
                    name="disclosure",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lines",
                        to="disclosures.disclosure",
                        verbose_name="公开文件",
                    ),
                ),
                migrations.AlterField(
                    model_name="statedfigure",
                    name="key",
                    field=models.CharField(max_length=64, verbose_name="指标"),
                ),
            ],
        ),
    ]
