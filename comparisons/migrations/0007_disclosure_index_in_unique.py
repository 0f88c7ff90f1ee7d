import django.db.models.deletion
from django.db import migrations, models

# Only the index goes (see disclosures 0009: Django's AlterField would re-check the foreign key of every row).
DROP = "DROP INDEX IF EXISTS comparisons_storedindicator_disclosure_id_753b2346"
CREATE = "CREATE INDEX comparisons_storedindicator_disclosure_id_753b2346 ON comparisons_storedindicator (disclosure_id)"


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0006_ranking_order_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(DROP, reverse_sql=CREATE)],
            state_operations=[
                migrations.AlterField(
                    model_name="storedindicator",
                    name="disclosure",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicator_values",
                        to="disclosures.disclosure",
                        verbose_name="公开文件",
                    ),
                ),
            ],
        ),
    ]
