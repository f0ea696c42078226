"""Store the waste vocabularies' English values instead of the Chinese words (管理类型, 楼型); the Chinese
words stay as the labels pages show. One UPDATE per word, so it runs in the same time on any number of rows."""
from django.db import migrations, models

# (field, Chinese word stored until now, English value from now on)
RENAMES = [
    ("management", "物业", "managed"),
    ("management", "非物业", "unmanaged"),
    ("management", "单梯", "single_stair"),
    ("building", "高层", "high_rise"),
    ("building", "小高层", "mid_rise"),
    ("building", "洋房", "villa"),
    ("building", "新建", "new_build"),
]


def to_english(apps, schema_editor):
    community = apps.get_model("waste", "Community")
    for field, word, value in RENAMES:
        community.objects.filter(**{field: word}).update(**{field: value})


def to_chinese(apps, schema_editor):
    community = apps.get_model("waste", "Community")
    for field, word, value in RENAMES:
        community.objects.filter(**{field: value}).update(**{field: word})


class Migration(migrations.Migration):
    # PostgreSQL refuses to ALTER a table with pending trigger events in the same transaction as the UPDATEs
    # (going back: words restored, then the column narrowed), so each step commits on its own.
    atomic = False

    dependencies = [
        ("waste", "0001_initial"),
    ]

    operations = [
        # widen first ("single_stair" is 12 characters); going back, the words are restored before narrowing
        migrations.AlterField(
            model_name="community",
            name="management",
            field=models.CharField(choices=[("managed", "物业"), ("unmanaged", "非物业"), ("single_stair", "单梯")],
                                   max_length=20, verbose_name="管理类型"),
        ),
        migrations.AlterField(
            model_name="community",
            name="building",
            field=models.CharField(choices=[("high_rise", "高层"), ("mid_rise", "小高层"), ("villa", "洋房"),
                                            ("new_build", "新建")], max_length=20, verbose_name="楼型"),
        ),
        migrations.RunPython(to_english, to_chinese, atomic=True, elidable=False),
    ]
