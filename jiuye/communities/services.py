"""Writes of community recognition: the standards' criteria, rounds, applications and their
evidence, titles and re-checks; the nightly figures and the titles' expiry."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.communities import evaluation
from jiuye.communities.choices import Unit
from jiuye.communities.models import (
    Application,
    ApplicationAttachment,
    Criterion,
    Recheck,
    RecheckItem,
    Round,
    Standard,
    Title,
)
from jiuye.core import workflow
from jiuye.core.services import check_evidence, check_scope, require, save_new, save_versioned
from jiuye.core.workdays import add_months
from jiuye.regions.codes import PREFIX_LENGTH, Level
from jiuye.regions.models import Region

# Standards and their criteria --------------------------------------------------------------


def criterion_save(*, actor, standard: Standard, criterion: Criterion | None = None,
                   expected_version: int | None = None, **fields) -> Criterion:  # fmt: skip
    """Add a criterion to a standard or change one (the province administrator)."""
    require(actor, "communities.change_standard")
    check_scope(Standard.objects.editable_by(actor), standard)
    if criterion is None:
        return save_new(Criterion(standard=standard, **fields), actor=actor)
    return save_versioned(criterion, actor=actor, expected_version=expected_version, **fields)


# Rounds and applications -------------------------------------------------------------------


@transaction.atomic
def round_open(*, actor, region: Region, name: str, kind: str, year: int,
               closes_on: datetime.date) -> Round:  # fmt: skip
    require(actor, "communities.add_round")
    check_scope(Region.objects.visible_to(actor), region)
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("申报截止日期不能早于今天。")})
    opened = Round(region=region, name=name.strip(), kind=kind, year=year, closes_on=closes_on,
                   opened_by=actor)  # fmt: skip
    return save_new(opened, actor=actor)


def _applicant_unit(region: Region) -> str:
    if region.level == Level.VILLAGE:
        return Unit.COMMUNITY
    if region.level == Level.TOWNSHIP:
        return Unit.TOWNSHIP
    raise ValidationError({"region": _("只有社区（村）或街道（乡镇）可以申报。")})


@transaction.atomic
def application_create(*, actor, round: Round, region: Region, standard: Standard,
                       self_assessment: str) -> Application:  # fmt: skip
    """A community's (or a street's) application in an open round, in draft."""
    check_scope(Region.objects.editable_by(actor), region, field="region")
    if not round.is_open(timezone.localdate()):
        raise ValidationError(_("该批次不在申报期内。"))
    if standard.kind != round.kind or not standard.is_active:
        raise ValidationError({"standard": _("该批次不评定这一称号。")})
    if standard.unit != _applicant_unit(region):
        raise ValidationError(
            {"standard": _("该称号的评定对象是%(unit)s。") % {"unit": standard.get_unit_display()}}
        )
    application = Application(round=round, region=region, standard=standard,
                              self_assessment=self_assessment.strip())  # fmt: skip
    application.full_clean(exclude=["state"])
    try:
        with transaction.atomic():
            workflow.start(application, actor=actor)
    except IntegrityError:
        raise ValidationError({"standard": _("本批次已申报过这一称号。")}) from None
    return application


def application_update(*, actor, application: Application, expected_version: int,
                       self_assessment: str) -> Application:  # fmt: skip
    require(actor, "communities.add_application")
    check_scope(Application.objects.editable_by(actor), application)
    if not application.workflow.is_editable(application.state):
        raise ValidationError(_("申报已提交，不能再修改。"))
    return save_versioned(application, actor=actor, expected_version=expected_version,
                          self_assessment=self_assessment.strip())  # fmt: skip


@transaction.atomic
def attachment_add(*, actor, application: Application, title: str, file) -> ApplicationAttachment:
    require(actor, "communities.add_application")
    check_scope(Application.objects.editable_by(actor), application)
    if not application.workflow.is_editable(application.state):
        raise ValidationError(_("申报已提交，不能再上传材料。"))
    check_evidence(file)
    attachment = ApplicationAttachment(application=application, region_id=application.region_id,
                                       title=title.strip() or file.name, file=file,
                                       uploaded_by=actor)  # fmt: skip
    return save_new(attachment, actor=actor)


@transaction.atomic
def application_submit(*, actor, application: Application):
    """Submit: the figures of the day are frozen with it, and it goes to the township (a street's
    or township's own application to the county). Evidence is needed for every criterion
    checked by evidence."""
    check_scope(Application.objects.editable_by(actor), application)
    standard = application.standard
    if standard.criteria.filter(indicator="").exists() and not application.attachments.exists():
        raise ValidationError(_("请先上传平台建设等条件的证明材料。"))
    today = timezone.localdate()
    figures, _judgements = evaluation.evaluate(actor, application.region, today, standard.kind)
    to = "submit_to_county" if application.standard.unit == Unit.TOWNSHIP else "submit"
    return workflow.fire(application, to, actor=actor, by_service=True, values={
        "submitted_on": today, "values": evaluation.as_json(figures),
    })  # fmt: skip


def title_grant(*, application: Application, actor) -> Title:
    """The province recognised the application: the title, valid for the standard's years."""
    standard = application.standard
    today = timezone.localdate()
    title = Title(region_id=application.region_id, standard=standard, application=application,
                  granted_on=today, valid_until=add_months(today, 12 * standard.valid_years))  # fmt: skip
    workflow.start(title, actor=actor, by_system=True,
                   comment=_("经%(round)s认定命名") % {"round": application.round.name})  # fmt: skip
    return title


# Re-checks ---------------------------------------------------------------------------------


@transaction.atomic
def recheck_start(*, actor, region: Region, name: str, kind: str, sample_percent: int = 100,
                  on: datetime.date | None = None) -> Recheck:  # fmt: skip
    """A re-check campaign (guideline 十三): the titles of ``kind`` in force under ``region``,
    all or a sample, recomputed on ``on`` (today); a title that fails any criterion computed
    from the ledger is revoked with the criteria it missed as the reason."""
    require(actor, "communities.add_recheck")
    check_scope(Region.objects.visible_to(actor), region)
    if not 1 <= sample_percent <= 100:
        raise ValidationError({"sample_percent": _("抽查比例应在1到100之间。")})
    recheck = Recheck(region=region, name=name.strip(), kind=kind, on=on or timezone.localdate(),
                      sample_percent=sample_percent, started_by=actor)  # fmt: skip
    save_new(recheck, actor=actor)
    titles = (
        Title.objects.visible_to(actor).within(region.prefix)
        .filter(state="valid", standard__kind=kind).select_related("standard", "region")
        .prefetch_related("standard__criteria")
    )  # fmt: skip
    chosen = [title for title in titles if _sampled(recheck, title)]
    for unit, level in evaluation.UNIT_LEVEL.items():
        of_unit = [title for title in chosen if title.standard.unit == unit]
        if not of_unit:
            continue
        wanted = evaluation.indicators_of(list({title.standard for title in of_unit}))
        found = evaluation.values(actor, region, PREFIX_LENGTH[level], recheck.on, wanted)
        for title in of_unit:
            figures = found.get(title.region.prefix) or evaluation.empty(wanted)
            _recheck_title(recheck, title, figures, actor)
    return recheck


def _sampled(recheck: Recheck, title: Title) -> bool:
    """A fixed share of the titles, chosen by a hash of the campaign and the title: the same
    campaign always picks the same ones, and nobody can steer which."""
    if recheck.sample_percent >= 100:
        return True
    digest = hashlib.sha256(f"{recheck.pk}:{title.pk}".encode()).hexdigest()
    return int(digest, 16) % 100 < recheck.sample_percent


def _recheck_title(recheck: Recheck, title: Title, figures: dict, actor) -> None:
    judgement = evaluation.judge(title.standard, figures)
    reasons = _("；").join(
        _("%(criterion)s：%(explanation)s")
        % {"criterion": result.criterion.label, "explanation": result.explanation}
        for result in judgement.missed
    )
    RecheckItem.objects.create(recheck=recheck, title=title, region_id=title.region_id,
                               values=evaluation.as_json(figures), passed=judgement.met,
                               reasons=reasons)  # fmt: skip
    if not judgement.met:
        workflow.fire_automatic(title, "revoke", actor=actor,
                                comment=_("%(recheck)s不合格：%(reasons)s") % {"recheck": recheck.name, "reasons": reasons},
                                values={"revoked_on": recheck.on, "revoke_reason": reasons})  # fmt: skip


# Nightly ------------------------------------------------------------------------------------


def nightly(**_kwargs) -> None:
    """Keep this month's figures of every community current, finish last month's on the
    first days of a month, and let titles past their validity expire."""
    today = timezone.localdate()
    evaluation.snapshot(today)
    if today.day <= 3:
        evaluation.snapshot(today.replace(day=1) - datetime.timedelta(days=1))
    for title in Title.objects.filter(state="valid", valid_until__lt=today):
        workflow.fire_automatic(
            title, "expire", comment=_("有效期至%(day)s") % {"day": title.valid_until}
        )
