# Events on the shared desk.cases.CaseEvent base: help_text on every field; action max_length 30 in both apps.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('subsidies', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='applicationevent',
            name='action',
            field=models.CharField(choices=[('created', '创建草稿'), ('invited', '免申即享邀请'), ('edited', '修改申报事项'), ('evidence', '上传证明材料'), ('evidence_removed', '删除证明材料'), ('transition', '状态变更'), ('amount', '调整金额')], default='transition', help_text='这一步办理的是什么（状态变更、延期、调整金额……）', max_length=30, verbose_name='事项'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='application',
            field=models.ForeignKey(help_text='这一步办理的申请', on_delete=django.db.models.deletion.CASCADE, related_name='events', to='subsidies.application', verbose_name='申请'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='at',
            field=models.DateTimeField(auto_now_add=True, help_text='登记这一步的时刻', verbose_name='时间'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='details',
            field=models.JSONField(blank=True, default=dict, help_text='这一步的事实（承办单位、金额、日期……），不含保密内容', verbose_name='详情'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='from_state',
            field=models.CharField(blank=True, choices=[('draft', '草稿'), ('submitted', '已提交'), ('under_review', '审核中'), ('approved', '已批准'), ('rejected', '不予批准'), ('paid', '已拨付')], help_text='办理前的状态；空：案件由这一步创建', max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='reason',
            field=models.TextField(blank=True, help_text='办理人写明的理由或说明', verbose_name='理由'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='to_state',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('under_review', '审核中'), ('approved', '已批准'), ('rejected', '不予批准'), ('paid', '已拨付')], help_text='办理后的状态；不改变状态的步骤与原状态相同', max_length=20, verbose_name='新状态'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='version',
            field=models.PositiveIntegerField(help_text='这一步之后案件的版本号', verbose_name='办理后版本'),
        ),
        migrations.AlterField(
            model_name='applicationevent',
            name='who',
            field=models.ForeignKey(blank=True, help_text='空：没有账号的当事人（举报人、申报单位）或系统', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='办理人'),
        ),
    ]
