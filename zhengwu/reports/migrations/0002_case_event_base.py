# Events on the shared desk.cases.CaseEvent base: help_text on every field; action max_length 30 in both apps.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='caseevent',
            name='action',
            field=models.CharField(choices=[('filed', '受理'), ('transition', '状态变更'), ('extend_verification', '延长核查期限'), ('extend_claim', '延长领奖期限'), ('link_matter', '并为同一事项'), ('authorise', '登记书面委托'), ('claim_request', '举报人申请领奖')], default='transition', help_text='这一步办理的是什么（状态变更、延期、调整金额……）', max_length=30, verbose_name='事项'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='at',
            field=models.DateTimeField(auto_now_add=True, help_text='登记这一步的时刻', verbose_name='时间'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='details',
            field=models.JSONField(blank=True, default=dict, help_text='这一步的事实（承办单位、金额、日期……），不含保密内容', verbose_name='详情'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='from_state',
            field=models.CharField(blank=True, choices=[('accepted', '已受理'), ('routed', '已分办'), ('verifying', '核查中'), ('verified_true', '查证属实'), ('verified_false', '查证不实'), ('unverifiable', '无法查清（已报区政府）'), ('reward_decided', '已决定奖励'), ('notice_sent', '已发领奖通知'), ('claimed', '已领奖'), ('lapsed', '逾期未领（视为放弃）')], help_text='办理前的状态；空：案件由这一步创建', max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='reason',
            field=models.TextField(blank=True, help_text='办理人写明的理由或说明', verbose_name='理由'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='report',
            field=models.ForeignKey(help_text='这一步办理的举报', on_delete=django.db.models.deletion.CASCADE, related_name='events', to='reports.report', verbose_name='举报'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='to_state',
            field=models.CharField(choices=[('accepted', '已受理'), ('routed', '已分办'), ('verifying', '核查中'), ('verified_true', '查证属实'), ('verified_false', '查证不实'), ('unverifiable', '无法查清（已报区政府）'), ('reward_decided', '已决定奖励'), ('notice_sent', '已发领奖通知'), ('claimed', '已领奖'), ('lapsed', '逾期未领（视为放弃）')], help_text='办理后的状态；不改变状态的步骤与原状态相同', max_length=20, verbose_name='新状态'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='version',
            field=models.PositiveIntegerField(help_text='这一步之后案件的版本号', verbose_name='办理后版本'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='who',
            field=models.ForeignKey(blank=True, help_text='空：没有账号的当事人（举报人、申报单位）或系统', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='办理人'),
        ),
    ]
