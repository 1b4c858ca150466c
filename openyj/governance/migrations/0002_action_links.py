"""What an improvement action answers becomes a typed link (ActionLink) instead of a parsed string.

Each action's ``source_ref`` (``audit:12/2.1.3``, ``inspection:4/2.1``, ``inspection:4/recommendation:1``,
``standards:7/5/operational``) and its ``source`` words become one link; the two columns then go. This
is the last place such a string is read. A reference that does not point at a record of the action's own
service stops the migration with the action named, and nothing is changed: no action loses what it
answers without anyone knowing. Going back writes the strings again from the links.
"""

import django.db.models.deletion
from django.db import migrations, models


class UnreadableReference(RuntimeError):
    pass


def _link_for(apps, action) -> dict:
    """The link's fields for one action's source_ref, or an error naming the action."""
    ref = action.source_ref
    kind, _, rest = ref.partition(":")
    pk_text, _, target = rest.partition("/")
    mine = {"service_id": action.service_id}

    def find(model_name, **lookup):
        model = apps.get_model("quality", model_name)
        found = model.objects.filter(**lookup, **mine).first()
        if found is None:
            raise UnreadableReference(f"Improvement action {action.pk} answers {ref!r}, which is not a record of "
                                      "its service. Correct or clear its source_ref, then migrate again.")
        return found

    if not pk_text.isdigit() or not target:
        raise UnreadableReference(f"Improvement action {action.pk} has a source_ref {ref!r} that is not of the "
                                  "form kind:id/target. Correct or clear it, then migrate again.")
    pk = int(pk_text)
    if kind == "audit":
        return {"kind": "audit_finding", "case_audit": find("CaseAudit", pk=pk), "code": target}
    if kind == "inspection" and target.startswith("recommendation:"):
        number = target.partition(":")[2]
        if not number.isdigit():
            raise UnreadableReference(f"Improvement action {action.pk} names recommendation {number!r}; "
                                      "expected a number.")
        return {"kind": "recommendation",
                "recommendation": find("InspectionRecommendation", inspection_id=pk, number=int(number))}
    if kind == "inspection":
        return {"kind": "inspection_finding", "inspection": find("Inspection", pk=pk), "code": target}
    if kind == "standards":
        code, _, level = target.partition("/")
        if code and level:
            return {"kind": "standards_grading", "self_assessment": find("StandardsSelfAssessment", pk=pk),
                    "code": code, "level": level}
    raise UnreadableReference(f"Improvement action {action.pk} has a source_ref {ref!r} of an unknown kind.")


def links_from_source_refs(apps, schema_editor):
    ImprovementAction = apps.get_model("governance", "ImprovementAction")
    ActionLink = apps.get_model("governance", "ActionLink")
    for action in ImprovementAction.objects.order_by("pk"):
        if not action.source_ref:
            if action.source.strip():
                raise UnreadableReference(f"Improvement action {action.pk} says it answers {action.source!r} "
                                          "but has no source_ref to say which record. Set one, then migrate again.")
            continue
        fields = _link_for(apps, action)
        ActionLink.objects.create(action=action, service_id=action.service_id,
                                  text=(action.source or action.source_ref)[:300], **fields)


def source_refs_from_links(apps, schema_editor):
    ImprovementAction = apps.get_model("governance", "ImprovementAction")
    for action in ImprovementAction.objects.prefetch_related("links"):
        link = next(iter(action.links.all()), None)
        if link is None:
            continue
        if link.kind == "audit_finding":
            ref = f"audit:{link.case_audit_id}/{link.code}"
        elif link.kind == "inspection_finding":
            ref = f"inspection:{link.inspection_id}/{link.code}"
        elif link.kind == "recommendation":
            ref = f"inspection:{link.recommendation.inspection_id}/recommendation:{link.recommendation.number}"
        elif link.kind == "standards_grading":
            ref = f"standards:{link.self_assessment_id}/{link.code}/{link.level}"
        else:
            ref = ""  # an indicator had no string form
        action.source, action.source_ref = link.text, ref
        action.save(update_fields=["source", "source_ref"])


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('governance', '0001_initial'),
        ('quality', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('audit_finding', 'Case-audit finding'), ('inspection_finding', 'Inspection finding'), ('recommendation', 'Inspection recommendation'), ('standards_grading', 'National Standards grading'), ('indicator', 'Indicator')], max_length=20)),
                ('code', models.CharField(blank=True, help_text='A standard or key question code, e.g. 2.1.3.', max_length=20)),
                ('level', models.CharField(blank=True, help_text='A National Standards level, e.g. strategic.', max_length=20)),
                ('indicator', models.CharField(blank=True, max_length=60)),
                ('text', models.CharField(max_length=300, verbose_name='what it answers, in words')),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='governance.improvementaction')),
                ('case_audit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='quality.caseaudit')),
                ('inspection', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='quality.inspection')),
                ('recommendation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='quality.inspectionrecommendation')),
                ('self_assessment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='quality.standardsselfassessment')),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.service')),
            ],
            options={
                'ordering': ['pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('case_audit__isnull', False), ('indicator', ''), ('inspection__isnull', True), ('kind', 'audit_finding'), ('level', ''), ('recommendation__isnull', True), ('self_assessment__isnull', True), models.Q(('code', ''), _negated=True)), models.Q(('case_audit__isnull', True), ('indicator', ''), ('inspection__isnull', False), ('kind', 'inspection_finding'), ('level', ''), ('recommendation__isnull', True), ('self_assessment__isnull', True), models.Q(('code', ''), _negated=True)), models.Q(('case_audit__isnull', True), ('code', ''), ('indicator', ''), ('inspection__isnull', True), ('kind', 'recommendation'), ('level', ''), ('recommendation__isnull', False), ('self_assessment__isnull', True)), models.Q(('case_audit__isnull', True), ('indicator', ''), ('inspection__isnull', True), ('kind', 'standards_grading'), ('recommendation__isnull', True), ('self_assessment__isnull', False), models.Q(('code', ''), _negated=True), models.Q(('level', ''), _negated=True)), models.Q(('case_audit__isnull', True), ('code', ''), ('inspection__isnull', True), ('kind', 'indicator'), ('level', ''), ('recommendation__isnull', True), ('self_assessment__isnull', True), models.Q(('indicator', ''), _negated=True)), _connector='OR'), name='action_link_references_match_kind')],
            },
        ),
        migrations.RunPython(links_from_source_refs, source_refs_from_links),
        migrations.RemoveField(
            model_name='improvementaction',
            name='source',
        ),
        migrations.RemoveField(
            model_name='improvementaction',
            name='source_ref',
        ),
    ]
