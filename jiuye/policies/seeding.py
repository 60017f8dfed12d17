"""Demo data of the policy library, and the generator of many policies for the benchmark.

The demo policies are plausible national, Shandong, Jinan and county employment policies:
their titles and numbers are shaped like real ones and their texts paraphrase what such
documents say, but they are examples, not the official texts. Through the real services: the
province keeps the national and provincial documents (one of them a pilot for two cities,
one amended by its successor), 济南市 and the first county of each of the scale's regions keep
their own; two policy parameters are linked to the provincial document that sets them; each
first county's windows answer consultations citing them; good-practice cases, some published.
"""

import datetime
import random

from django.utils import timezone

from jiuye.core.models import PolicyParameter
from jiuye.core.scoping import subtree_q
from jiuye.core.seeding import fast_insert, next_id, reset_sequences
from jiuye.policies import search
from jiuye.policies.choices import IssuingLevel, Status, Topic
from jiuye.policies.models import Consultation, Policy
from jiuye.policies.services import (
    consultation_record,
    policy_create,
    practice_create,
    practice_publish,
)
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import User

D = datetime.date
PROVINCE = "370000000000"
JINAN = "370100000000"
QINGDAO = "370200000000"

POSTS_2019 = """第一条 为规范城乡公益性岗位开发管理，发挥公益性岗位托底安置作用，根据国家有关规定，结合我省实际，制定本通知。
第二条 公益性岗位安置对象为就业困难人员和零就业家庭成员。各地应优先安置大龄、残疾、低保家庭成员等就业困难人员。
第三条 公益性岗位补贴标准按不低于当地最低工资标准执行，社会保险补贴按单位应缴纳的基本养老、基本医疗和失业保险费给予补贴。
第四条 公益性岗位补贴期限最长不超过3年，对距法定退休年龄不足5年的人员可延长至退休。"""

POSTS_2023 = """一、总体要求。各市要坚持托底安置、按需设岗、以岗定人、有序退出，统筹开发城镇公益性岗位和乡村公益性岗位，确保零就业家庭动态清零。
二、安置对象。城乡公益性岗位主要安置就业困难人员、零就业家庭成员和农村低收入人口中有劳动能力的人员。
三、补贴政策。公益性岗位补贴标准原则上不低于当地最低工资标准，全省统一按每人每月2200元执行，各市可结合财力适当提高；社会保险补贴按单位实际缴纳的基本养老、基本医疗和失业保险费给予补贴，每人每月1028元。岗位补贴和社会保险补贴从就业补助资金中列支。
四、补贴期限。公益性岗位补贴和社会保险补贴期限最长不超过3年，对距法定退休年龄不足5年的人员，可延长至退休。
五、管理服务。街道（乡镇）、社区（村）劳动保障服务机构负责岗位开发、人员推荐和日常管理，每月核实在岗情况，按月申报补贴。本通知自2023年3月1日起施行，《关于公益性岗位开发管理有关问题的通知》同时废止。"""

STARTUP = """一、创业担保贷款。符合条件的个人创业者可申请最高不超过30万元的创业担保贷款，小微企业最高不超过400万元，贷款期限最长不超过3年，财政按规定给予贴息。
二、一次性创业补贴。对首次创办小微企业或从事个体经营、正常经营12个月以上的高校毕业生、就业困难人员、返乡入乡创业人员，给予一次性创业补贴，标准不低于1万元。
三、创业服务。街道（乡镇）、社区平台开展创业助推“1+3”服务，免费推荐一个创业项目、协助落实一处经营场所、帮助办理一笔创业担保贷款。
四、申领程序。申请一次性创业补贴的，由本人向经营场所所在地街道（乡镇）劳动保障服务机构提出，县级人力资源社会保障部门审核后拨付。"""

INSURANCE = """一、就业困难人员灵活就业的，按其实际缴纳基本养老、基本医疗和失业保险费的三分之二给予社会保险补贴，补贴期限最长不超过3年。
二、用人单位招用就业困难人员并缴纳社会保险费的，按单位实际缴费给予社会保险补贴。
三、社会保险补贴实行先缴后补，由社区（村）平台受理、街道（乡镇）审核、县级人力资源社会保障部门审批，按季度拨付。
四、公益性岗位安置人员的社会保险补贴按公益性岗位有关规定执行，不重复享受。"""

FUNDS = """第一章 总则。就业补助资金用于职业介绍补贴、职业培训补贴、社会保险补贴、公益性岗位补贴、一次性创业补贴、创业担保贷款贴息和基层公共就业服务平台建设等支出。
第二章 支出范围。公益性岗位补贴标准由各市参照当地最低工资标准确定；职业介绍补贴按实际介绍成功就业人数给予补贴。
第三章 资金管理。各级财政、人力资源社会保障部门要加强资金监管，建立补贴台账，实行实名制管理，防止重复申领。"""

STABILITY = """一、稳定和扩大就业。实施就业优先政策，支持多渠道灵活就业，加大对重点群体的就业帮扶力度。
二、加强就业援助。对就业困难人员实行实名制动态管理和分类帮扶，通过公益性岗位托底安置，确保零就业家庭至少一人就业。
三、落实补贴政策。按规定落实社会保险补贴、公益性岗位补贴、职业培训补贴和一次性创业补贴，简化申领流程，推行“免申即享”。
四、强化基层服务。健全基层公共就业服务体系，街道（乡镇）、社区（村）设立专门服务窗口，开展就业政策宣传和咨询。"""

GIG = """一、试点地区。在济南市、青岛市开展零工市场建设试点，建设一批规范化零工市场和社区零工驿站。
二、服务内容。零工市场免费提供岗位信息发布、求职登记、职业指导和技能培训，灵活就业人员可按规定享受社会保险补贴。
三、保障措施。试点城市要将零工市场建设经费纳入就业补助资金支持范围，每半年报送试点进展情况。"""

JINAN_TEXT = """一、补贴对象。在本市就业的就业困难人员、零就业家庭成员和离校两年内未就业高校毕业生。
二、补贴标准。公益性岗位补贴标准在省定标准基础上每人每月提高200元；灵活就业人员社会保险补贴按实际缴费的三分之二给予补贴。
三、经办流程。社区（村）平台受理申请后5个工作日内完成初审，街道（乡镇）审核后报区县人力资源社会保障部门审批。"""

COUNTY_TEXT = """一、岗位开发。各街道要结合社区治理需要开发保洁、保绿、治安协管、养老服务等公益性岗位，优先安置零就业家庭成员。
二、补贴发放。公益性岗位补贴和社会保险补贴按月申报、按月拨付，街道每月15日前报送在岗人员名单。
三、考核退出。对无正当理由不在岗、年度考核不合格的人员，按规定解除岗位协议，停止享受公益性岗位补贴。"""

# (level, region, title, issuer, number, issued on, in force from, until, status, text, areas)
PROVINCE_POLICIES = [
    (IssuingLevel.NATIONAL, "国务院关于进一步做好稳就业工作的意见", "国务院", "国发〔2019〕28号",
     D(2019, 12, 13), D(2019, 12, 13), None, Status.VALID, STABILITY, ()),
    (IssuingLevel.NATIONAL, "就业补助资金管理办法", "财政部 人力资源社会保障部", "财社〔2017〕164号",
     D(2017, 10, 13), D(2017, 10, 13), None, Status.VALID, FUNDS, ()),
    (IssuingLevel.PROVINCE, "关于公益性岗位开发管理有关问题的通知", "山东省人力资源和社会保障厅 山东省财政厅",
     "鲁人社发〔2019〕21号", D(2019, 6, 10), D(2019, 7, 1), D(2023, 2, 28), Status.AMENDED, POSTS_2019, ()),
    (IssuingLevel.PROVINCE, "关于进一步加强城乡公益性岗位开发管理的通知",
     "山东省人力资源和社会保障厅 山东省财政厅", "鲁人社发〔2023〕12号", D(2023, 2, 10), D(2023, 3, 1),
     None, Status.VALID, POSTS_2023, ()),
    (IssuingLevel.PROVINCE, "关于进一步做好创业担保贷款和一次性创业补贴工作的通知",
     "山东省人力资源和社会保障厅 山东省财政厅 中国人民银行济南分行", "鲁人社字〔2022〕88号",
     D(2022, 8, 5), D(2022, 9, 1), None, Status.VALID, STARTUP, ()),
    (IssuingLevel.PROVINCE, "关于落实就业困难人员社会保险补贴政策的通知",
     "山东省人力资源和社会保障厅 山东省财政厅", "鲁人社发〔2024〕7号", D(2024, 3, 18), D(2024, 4, 1),
     None, Status.VALID, INSURANCE, ()),
    (IssuingLevel.PROVINCE, "关于开展零工市场建设试点工作的通知", "山东省人力资源和社会保障厅",
     "鲁人社函〔2025〕15号", D(2025, 4, 2), D(2025, 4, 2), D(2027, 12, 31), Status.VALID, GIG,
     (JINAN, QINGDAO)),
]  # fmt: skip
PARAMETERS = (("posts.post_subsidy", "2200"), ("posts.insurance_subsidy", "1028"))
QUESTIONS = [
    (Topic.POSTS, "公益性岗位补贴标准是多少？能领几年？",
     "现行公益性岗位补贴标准为每人每月2200元，社会保险补贴每人每月1028元，期限最长3年，距法定退休年龄不足5年的可延长至退休。",
     "关于进一步加强城乡公益性岗位开发管理的通知"),
    (Topic.INSURANCE, "我是灵活就业的就业困难人员，社会保险补贴怎么申请？",
     "先按灵活就业人员缴纳社会保险费，再到社区平台申请，按实际缴费的三分之二补贴，期限最长3年。",
     "关于落实就业困难人员社会保险补贴政策的通知"),
    (Topic.STARTUP, "开个体店能申请一次性创业补贴吗？",
     "首次从事个体经营、正常经营12个月以上的就业困难人员可申请一次性创业补贴，标准不低于1万元。",
     "关于进一步做好创业担保贷款和一次性创业补贴工作的通知"),
    (Topic.STARTUP, "创业担保贷款最多能贷多少？",
     "个人最高30万元，期限最长3年，财政按规定贴息，可在社区平台受理申请。",
     "关于进一步做好创业担保贷款和一次性创业补贴工作的通知"),
    (Topic.REGISTRATION, "失业了到哪里办失业登记？需要带什么？",
     "携带身份证到户籍地或常住地的社区（村）平台办理，城乡劳动者统一登记。", ""),
    (Topic.ASSISTANCE, "什么样的人能认定为就业困难人员？",
     "大龄、残疾、低保家庭成员、长期失业等人员，经申请、社区调查、公示和审核后认定，可享受援助政策。",
     "国务院关于进一步做好稳就业工作的意见"),
    (Topic.TRAINING, "参加职业培训有补贴吗？", "参加政府补贴培训并取得证书的，按规定给予职业培训补贴。",
     "就业补助资金管理办法"),
    (Topic.POSTS, "公益性岗位到期后还能续签吗？",
     "补贴期满的一般应退出岗位；距法定退休年龄不足5年的可延长至退休。",
     "关于进一步加强城乡公益性岗位开发管理的通知"),
]  # fmt: skip
NAMES = ["王秀英", "张伟", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "孙丽", "周强", "吴敏"]


def seed(context) -> None:
    if Policy.objects.exists():
        return
    province_admin = User.objects.get(username="province-37")
    policies = {}
    for (
        level,
        title,
        issuer,
        number,
        issued,
        since,
        until,
        status,
        text,
        areas,
    ) in PROVINCE_POLICIES:
        policies[title] = policy_create(
            actor=province_admin, region=Region.objects.get(code=PROVINCE), level=level,
            title=title, issuer=issuer, number=number, issued_on=issued, effective_from=since,
            effective_until=until, status=status, text=text,
            areas=Region.objects.filter(code__in=areas),
        )  # fmt: skip
    posts = policies["关于进一步加强城乡公益性岗位开发管理的通知"]
    for key, value in PARAMETERS:
        row = PolicyParameter(key=key, value=value, region_id=PROVINCE, policy=posts,
                              effective_from=posts.effective_from, source=str(posts))  # fmt: skip
        row.save()
    if Region.objects.filter(code=JINAN).exists():
        policy_create(
            actor=User.objects.get(username="city-3701"), region=Region.objects.get(code=JINAN),
            level=IssuingLevel.CITY, title="济南市关于落实就业创业补贴政策有关问题的通知",
            issuer="济南市人力资源和社会保障局 济南市财政局", number="济人社发〔2024〕9号",
            issued_on=D(2024, 5, 6), effective_from=D(2024, 6, 1), text=JINAN_TEXT,
        )  # fmt: skip
    counties = Region.objects.filter(level=Level.COUNTY).order_by("code")
    for prefix in context.scale.prefixes:
        county = counties.filter(subtree_q("code", prefix)).first()
        if county is not None:
            _county(context, county, list(policies.values()))
    context.log(
        f"  {Policy.objects.count()} policies, {Consultation.objects.count()} consultations"
    )


def _county(context, county: Region, cited: list[Policy]) -> None:
    approver = User.objects.get(username=f"approver-{county.prefix}")
    today = timezone.localdate()
    own = policy_create(
        actor=approver, region=county, level=IssuingLevel.COUNTY,
        title=f"{county.name}城乡公益性岗位管理实施细则", issuer=f"{county.name}人力资源和社会保障局",
        number=f"{county.name[:1]}人社发〔{today.year}〕5号", issued_on=today.replace(day=1),
        effective_from=today.replace(day=1), text=COUNTY_TEXT,
    )  # fmt: skip
    by_title = {policy.title: policy for policy in [*cited, own]}
    offices = ServiceOrg.objects.within(county.prefix).filter(is_active=True).order_by("region_id")
    township = offices.filter(kind=OrgKind.TOWNSHIP_CENTRE).first()
    windows = [township, *offices.filter(kind=OrgKind.VILLAGE_STATION)
               .within(prefix_of(township.region_id))[:3]]  # fmt: skip
    for index in range(24):
        rng = context.rng("consultation", county.code, index)
        office = windows[index % len(windows)]
        worker = User.objects.filter(org=office, is_active=True).order_by("pk").first()
        if worker is None or not worker.has_perm("policies.add_consultation"):
            continue
        topic, question, answer, title = QUESTIONS[rng.randrange(len(QUESTIONS))]
        consultation_record(
            actor=worker, asked_on=today - datetime.timedelta(days=rng.randrange(0, 180)),
            topic=topic, question=question, answer=answer, asker_name=rng.choice(NAMES),
            policies=[by_title[title]] if title else [],
        )  # fmt: skip
    for office, title, text, publish in (
        (township, f"{township.name}“一站式”就业服务窗口建设经验",
         "街道整合就业、社保、救助窗口，实行“一窗受理、一次办结”。设立政策咨询台，印制政策明白纸，"
         "每月开展一次政策宣讲进社区活动，全年解答群众政策咨询一千余人次，群众满意率明显提升。", True),
        (windows[1] if len(windows) > 1 else township, "零就业家庭动态清零“四个一”工作法",
         "社区建立零就业家庭“一户一档”，落实“一人一策”帮扶，通过公益性岗位托底安置，"
         "实现出现一户、认定一户、扶持一户、稳定一户，连续三年保持动态清零。", True),
        (township, "创业助推“1+3”服务的做法",
         "为有创业意愿的居民推荐项目、协调场地、代办创业担保贷款，帮助申领一次性创业补贴。", False),
    ):  # fmt: skip
        practice = practice_create(actor=approver, org=office, title=title, text=text)
        if publish:
            practice_publish(actor=approver, practice=practice, published=True)


# ---------------------------------------------------------------- the benchmark's policies

SUBJECTS = ["公益性岗位", "社会保险补贴", "一次性创业补贴", "创业担保贷款", "职业培训补贴", "就业见习",
            "高校毕业生就业", "就业困难人员援助", "零就业家庭", "灵活就业", "失业保险", "农村劳动力转移就业",
            "零工市场", "技能提升补贴", "吸纳就业补贴", "返乡入乡创业", "退役军人就业", "残疾人就业"]  # fmt: skip
ACTIONS = ["关于进一步做好", "关于加强", "关于落实", "关于调整", "关于规范", "关于实施", "关于做好"]
ENDINGS = ["工作的通知", "有关问题的通知", "的实施意见", "管理办法", "实施细则", "的补充通知"]
SENTENCES = [
    "各地要切实落实{s}政策，简化办理流程，推行经办服务下沉到街道（乡镇）、社区（村）。",
    "{s}所需资金从就业补助资金中列支，实行实名制管理，防止重复申领和冒领。",
    "对符合条件的人员，按规定给予{s}，具体标准由各市结合实际确定并向社会公布。",
    "街道（乡镇）、社区（村）平台负责{s}的政策宣传、咨询受理和初审工作。",
    "县级人力资源社会保障部门要会同财政部门加强{s}资金监管，定期开展抽查。",
    "本文件自印发之日起施行，有效期五年；执行中遇到的问题及时报告。",
    "各级要加强{s}的宣传解读，在服务窗口公开办事指南和申请材料清单。",
    "对弄虚作假骗取{s}的，依法追回资金并追究有关人员责任。",
    "{s}实行告知承诺制，能够通过信息共享获取的材料不再要求群众提供。",
    "县级以上人力资源社会保障部门按季度统计{s}落实情况，纳入就业工作目标责任考核。",
]
POSTS_SENTENCE = "公益性岗位补贴标准、社会保险补贴标准按照省有关规定执行，各地可适当提高。"


def generate(count: int, *, seed: int = 1, actor=None) -> int:
    """Add ``count`` plausible policies spread over the province, its cities and its counties,
    with their index rows, as plain rows (a benchmark's data has no past). Returns how many."""
    regions = list(
        Region.objects.filter(level__in=[Level.PROVINCE, Level.CITY, Level.COUNTY])
        .order_by("code")
        .values_list("code", "level", "name")
    )
    actor = actor or User.objects.get(username="province-37")
    levels = {Level.PROVINCE: IssuingLevel.PROVINCE, Level.CITY: IssuingLevel.CITY,
              Level.COUNTY: IssuingLevel.COUNTY}  # fmt: skip
    first = next_id(Policy)
    rows = []
    for offset in range(count):
        rng = random.Random(f"{seed}:policy:{offset}")
        code, level, name = regions[0] if rng.random() < 0.1 else rng.choice(regions)
        subjects = rng.sample(SUBJECTS, 3)
        issued = D(2010, 1, 1) + datetime.timedelta(days=rng.randrange(0, 5800))
        until = issued + datetime.timedelta(days=365 * 5) if rng.random() < 0.4 else None
        paragraphs = [
            "".join(rng.choice(SENTENCES).format(s=rng.choice(subjects)) for _ in range(4))
            for _ in range(rng.randrange(3, 7))
        ]
        if "公益性岗位" in subjects or rng.random() < 0.1:  # the term of the example
            paragraphs.insert(1, POSTS_SENTENCE)
        rows.append({
            "id": first + offset, "region_id": code, "level": levels[level],
            "title": f"{name}{rng.choice(ACTIONS)}{subjects[0]}{rng.choice(ENDINGS)}",
            "issuer": f"{name}人力资源和社会保障部门", "number": f"人社发〔{issued.year}〕{offset % 300 + 1}号",
            "issued_on": issued, "effective_from": issued, "effective_until": until,
            "status": Status.VALID if until is None or until >= timezone.localdate() else Status.REPEALED,
            "text": "\n".join(paragraphs), "recorded_by_id": actor.pk,
        })  # fmt: skip
    fast_insert(Policy, rows)
    reset_sequences(Policy)
    search.index(Policy.objects.filter(pk__gte=first).only("title", "number", "issuer", "text"))
    search.analyze()
    return count
