import django.db.models.deletion
from django.db import migrations, models

# A line's table and its document, checked by one foreign key: PostgreSQL checks each foreign key of each row
# written, at commit, by a query of its own, and the two keys of a line were the larger part of what the server did
# for an imported document after the rows themselves. One key (table, disclosure) -> the table's (id, disclosure)
# checks both, and that the table is the line's document's, which the two did not. Django declares no foreign key
# of two columns: the two fields keep their relations without a constraint of their own (db_constraint=False), and
# the key is written here. SQLite, which cannot add a constraint to a table, keeps the lines without one.
KEY = "budgetline_table_of_its_document"
ADD = (
    f"ALTER TABLE disclosures_budgetline ADD CONSTRAINT {KEY} FOREIGN KEY (table_id, disclosure_id) "
    "REFERENCES disclosures_sourcetable (id, disclosure_id) DEFERRABLE INITIALLY DEFERRED"
)
DROP = f"ALTER TABLE disclosures_budgetline DROP CONSTRAINT {KEY}"


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0009_unused_indexes_dropped"),
    ]

    operations = [
        migrations.AlterField(
            model_name="budgetline",
            name="disclosure",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="disclosures.disclosure",
                verbose_name="公开文件",
            ),
        ),
        migrations.AlterField(
            model_name="budgetline",
            name="table",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="lines",
                to="disclosures.sourcetable",
                verbose_name="表",
            ),
        ),
        migrations.AddConstraint(
            model_name="sourcetable",
            constraint=models.UniqueConstraint(fields=("id", "disclosure"), name="source_table_of_document"),
        ),
        migrations.RunPython(_on_postgresql(ADD), _on_postgresql(DROP)),
    ]
