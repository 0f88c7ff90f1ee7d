import hashlib

from django.db import migrations, models


def fingerprint_texts(apps, schema_editor):
    """A text file is now known by its text, not its bytes (the same text in GBK or UTF-8 is one document): stored
    texts get the fingerprint an import now gives them. A PDF stays known by its bytes."""
    Disclosure = apps.get_model("disclosures", "Disclosure")
    taken = set(Disclosure.objects.values_list("bureau_id", "sha256"))
    for disclosure in Disclosure.objects.only("pk", "bureau_id", "sha256", "source_text", "source_filename"):
        if disclosure.source_filename.lower().endswith(".pdf"):
            continue
        fingerprint = hashlib.sha256(disclosure.source_text.encode("utf-8")).hexdigest()
        if fingerprint == disclosure.sha256 or (disclosure.bureau_id, fingerprint) in taken:
            continue  # unchanged, or another stored version already holds this text
        Disclosure.objects.filter(pk=disclosure.pk).update(sha256=fingerprint)
        taken.add((disclosure.bureau_id, fingerprint))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="statedfigure",
            name="table_key",
            field=models.CharField(blank=True, max_length=64, verbose_name="出自表"),
        ),
        migrations.RunPython(fingerprint_texts, migrations.RunPython.noop),
    ]
