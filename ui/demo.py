"""The demo store (issue #4): ``credit-ledger demo`` creates a store full of synthetic data to try the app.

Everything goes through the real use cases (``Services``), each step signed in as the account whose job it
is, while a demo clock walks from 2022 to yesterday so that the records reach every state of the workflow
and the audit trail stays in time order. One shortcut, marked DEMO-ONLY below: events after approval
(送达, 异议, 报送, 延长, 删除) have no use case yet, so they are appended to the record directly — still at
their simulated date, with an audit entry saying so. Units, persons and numbers are random inventions; the
identifiers pass their checks (GB 32100, GB 11643) but are not taken from anyone.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from app.domain import record_status as rs
from app.domain.accounts import Role
from app.domain.audit import AuditEvent
from app.domain.deadlines import deletion_application_opens, validity_end
from app.domain.errors import DomainError
from app.domain.identifiers import IdType, ric_check_character, uscc_check_character
from app.domain.picklists import picklists
from app.domain.record import Basis, Statement
from app.domain.subject import Person, Qualification, SubjectKind, Unit
from app.ports import RecordFilter, SystemClock
from app.rules_cli import default_calendar, default_rulebook
from app.usecases.accounts import AssignBusinessRoles, CreateAccount
from app.usecases.collection import DraftRecord, RecordHearing, UpdateDraft
from app.usecases.notices import RecordService
from app.usecases.session import ChangeOwnPassword, audit_as
from app.usecases.snapshots import refresh_one
from app.usecases.subjects import SaveSubject
from ui.composition import Context

if TYPE_CHECKING:
    from storage.keyslots import KdfParams

RULESET = "2021"  # no rule set is in force after 2024-08-31: every demo draft names it explicitly
DAY = dt.timedelta(days=1)
# username, display name, role, password word (never containing the username: password policy)
ACCOUNTS = (("admin", "陈志明", Role.SYSADMIN, "Sysop"), ("secadmin", "黄丽娟", Role.SECADMIN, "Secure"),
            ("auditor", "林建华", Role.AUDITOR, "Audit"), ("jingban", "张晓彤", Role.HANDLER, "Handle"),
            ("shenhe", "李国栋", Role.REVIEWER, "Review"), ("shenpi", "王振宇", Role.APPROVER, "Approve"),
            ("chaxun", "刘佳琪", Role.QUERIER, "Query"))
STATES = ("草稿", "已退回", "待审核", "待审批", "不予归集", "待告知", "异议期内", "异议处理中", "有效", "可申请删除",
          "删除审查中", "待删除", "期满待删除", "已删除")
EXTRA_WEIGHTS = {"可申请删除": 30, "有效": 8, "已删除": 8, "期满待删除": 6, "待告知": 5, "异议期内": 5, "草稿": 5,
                 "待审核": 4, "待审批": 4, "不予归集": 4, "已退回": 3, "删除审查中": 3, "待删除": 2, "异议处理中": 2}


def final_password(word: str) -> str:
    return f"Demo-{word}-2026!"


def _interim_password(word: str) -> str:
    return f"Start-{word}-2022#"


# -- synthetic subjects ------------------------------------------------------------------------------------
DISTRICTS = {  # code: (district, streets)
    "440103": ("荔湾区", "中山八路 芳村大道东 花地大道南 龙溪大道"), "440104": ("越秀区", "环市东路 东风中路 解放北路 中山五路"),
    "440105": ("海珠区", "新港东路 江南大道中 工业大道北 琶洲大道"), "440106": ("天河区", "天河北路 体育西路 黄埔大道西 华夏路 科韵路"),
    "440111": ("白云区", "云城东路 白云大道北 机场路 齐富路"), "440112": ("黄埔区", "科学大道 开创大道 科丰路 香雪大道"),
    "440113": ("番禺区", "汉溪大道 番禺大道北 繁华路 兴南大道"), "440114": ("花都区", "迎宾大道 新华路 凤凰北路"),
    "440115": ("南沙区", "进港大道 海滨路 环市大道南"), "440117": ("从化区", "河滨北路 街口大道"),
    "440118": ("增城区", "荔城大道 挂绿路 增城大道"),
}
OLD_BIRTH_CODES = ("440102", "440107", "440116", "440183", "440184")  # 东山、芳村、萝岗、增城市、从化市（已撤销）
BRANDS = "华信 正源 粤海 星河 恒信 中科 博安 汇通 嘉诚 立德 金盾 永泰 鸿图 瑞达 安泰 明德 卓越 南粤 珠江 羊城 穗安 天朗 " \
         "宏图 广晟 科讯 信诺 德成 凯盛 新航 合众 锐捷 昊天 致远 东信 长城 天元 国信 迅达 海格 泰森".split()
TRADES = {  # qualification category: name endings
    "system_integration": "信息技术有限公司 网络科技有限公司 信息系统集成有限公司 数据科技股份有限公司 软件有限公司",
    "carrier_printing": "保密印务有限公司 印刷有限公司 彩印有限公司 数码印务有限公司",
    "weapons": "电子科技有限公司 精密机械有限公司 通信设备有限公司", "weapons_legacy": "电子研究所有限公司 光电科技有限公司",
    "carrier_repair": "计算机维修服务有限公司 电子设备维修有限公司", "carrier_destruction": "涉密载体销毁有限公司 环保科技有限公司",
    "military_facility": "建设工程有限公司 工程技术有限公司",
}
CERT_PREFIX = {"system_integration": "粤保集成", "carrier_printing": "粤密印证", "weapons": "粤军保", "weapons_legacy": "粤军保",
               "carrier_repair": "穗密维修", "carrier_destruction": "穗密销毁", "military_facility": "军设资"}
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈"
                "姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万覃莫孔汤") + ["欧阳", "司徒"]
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 华 建 国 志 文 海 晓 宇 婷 思 嘉 浩 俊 欣 怡 子 " \
        "梓 晨 睿 轩 佳 琪 家 豪 颖 诗 雅 雯 锦 鹏 泽 昊 健 宏 振 立 春 燕 兰 荣 德 辉".split()
RARE = "堃 喆 赟 昉 犇 淼 珺 玥 彧 翀 晔 璟".split()
POSTS = "项目经理 保密管理员 系统工程师 运维工程师 印制车间主任 机要员 档案管理员 技术总监 销毁操作员 质量负责人 " \
        "生产部经理 软件开发工程师".split()


@dataclass
class SubjectPlan:
    subject: Unit | Person
    employer: "SubjectPlan | None" = None
    saved_id: int | None = None


class Synth:
    """Deterministic generators of realistic Guangzhou units and persons (seeded ``random.Random``)."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self._names: set[str] = set()
        self._codes: set[str] = set()

    def person_name(self) -> str:
        r = self.rng
        if r.random() < 0.01:
            return r.choice(("买买提·艾力", "阿依古丽·吐尔逊"))
        pool = GIVEN + (RARE if r.random() < 0.25 else [])
        return r.choice(SURNAMES) + "".join(r.choice(pool) for _ in range(r.choice((1, 2, 2, 2))))

    def phone(self, mobile: bool) -> str:
        r = self.rng
        if mobile:
            return r.choice(("138", "139", "135", "137", "150", "159", "186", "189", "133")) + f"{r.randrange(10**8):08d}"
        return f"020-{r.choice('38')}{r.randrange(10**7):07d}"

    def address(self, code: str) -> str:
        district, streets = DISTRICTS[code]
        r = self.rng
        tail = r.choice((f"{r.randint(2, 30)}楼", f"{r.randint(1, 20)}{r.randint(1, 30):02d}房", f"{r.choice('ABC')}座"))
        return f"广州市{district}{r.choice(streets.split())}{r.randint(1, 899)}号{tail}"

    def uscc(self, region: str) -> str:
        r, alphabet = self.rng, "0123456789ABCDEFGHJKLMNPQRTUWXY"
        while True:
            base = ("MA5" + "".join(r.choice(alphabet) for _ in range(5)) if r.random() < 0.7
                    else f"{r.randrange(10**8):08d}")
            total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(base, (3, 7, 9, 10, 5, 8, 4, 2)))
            check = 11 - total % 11
            org = base + {10: "X", 11: "0"}.get(check, str(check))  # GB 11714 organisation-code check
            body = "91" + region + org
            code = body + uscc_check_character(body)
            if code not in self._codes:
                self._codes.add(code)
                return code

    def resident_id(self) -> tuple[str, str]:
        r = self.rng
        while True:
            region = r.choice(list(DISTRICTS) * 3 + list(OLD_BIRTH_CODES))
            birth = dt.date(r.randint(1962, 1998), 1, 1) + r.randrange(365) * DAY
            male = r.random() < 0.6
            seq = r.randrange(50) * 2 + (1 if male else 0)
            body = f"{region}{birth:%Y%m%d}{r.randint(0, 9)}{seq:02d}"
            number = body + ric_check_character(body)
            if number not in self._codes:
                self._codes.add(number)
                return number, region

    def qualification(self, category: str) -> Qualification:
        r, cat = self.rng, picklists().category(category)
        grade = r.choice(cat.grades) if cat.grades else ""
        types = tuple(sorted(r.sample(cat.business_types, k=min(len(cat.business_types), r.randint(1, 3)))))
        year = r.randint(2017, 2023)
        prefix = "国保集成" if category == "system_integration" and grade == "甲级" else CERT_PREFIX[category]
        status = r.choices(("有效", "暂停涉密业务", "降低等级"), (90, 6, 4))[0]
        return Qualification(category, grade, types, f"{prefix}〔{year}〕{r.randint(1, 480):03d}号", status)

    def unit(self, unique_name: bool = True) -> Unit:
        r = self.rng
        category = r.choices(list(TRADES), (40, 25, 8, 5, 8, 9, 5))[0]
        while True:
            name = f"广州{r.choice(BRANDS)}{r.choice(BRANDS)[0]}{r.choice(TRADES[category].split())}"
            if name not in self._names or not unique_name:
                break
        self._names.add(name)
        region = r.choice(list(DISTRICTS))
        quals = (self.qualification(category),)
        if category == "system_integration" and r.random() < 0.2:
            quals += (self.qualification("carrier_repair"),)
        return Unit(None, name, self.uscc(region), self.person_name(), quals, self.address(region),
                    self.person_name(), self.phone(False))

    def person(self, employer_id: int | None = None) -> Person:
        r = self.rng
        number, region = self.resident_id()
        level = r.choices(picklists().personnel_levels, (2, 5, 8))[0]
        live = region if region in DISTRICTS else r.choice(list(DISTRICTS))
        return Person(None, self.person_name(), IdType.RESIDENT_ID, number, level, employer_id, r.choice(POSTS),
                      self.address(live), self.phone(True))


# -- record contents ---------------------------------------------------------------------------------------
UNIT_VIOLATIONS = ("违规将涉密载体带离保密场所", "涉密信息系统未经安全保密测评即投入使用", "未按规定对涉密人员进行保密教育培训",
                   "超出资质业务范围承接涉密业务", "将涉密业务分包给无相应资质的单位", "涉密计算机违规连接互联网",
                   "未按规定履行涉密载体销毁登记手续", "重大事项变更未按规定向保密行政管理部门报告")
PERSON_VIOLATIONS = ("违规复制、留存涉密文件资料", "未经批准携带涉密笔记本电脑外出", "在互联网上传输涉密信息",
                     "离岗离职未按规定办理脱密期管理手续", "违规将涉密载体交由无关人员保管")
COURTS = (("广州市中级人民法院", "01"), ("广州市天河区人民法院", "0106"), ("广州市越秀区人民法院", "0104"),
          ("广州市海珠区人民法院", "0105"), ("广州市白云区人民法院", "0111"))
STATEMENTS = (("对违法事实无异议，请求从轻处理。", "处罚决定已生效，陈述内容不影响归集。"),
              ("认为已完成整改，申请不予归集。", "整改情况不属于第七条规定的不予归集情形。"),
              ("对处罚决定认定的时间有异议。", "经核对检查记录，认定时间无误。"))
RETURN_OPINIONS = ("处罚决定书文号与扫描件不一致，请核对后重新提交。", "请补充陈述申辩记录及告知凭证。",
                   "违法事实表述不完整，请补充检查发现的时间和地点。")
EXCLUSIONS = (("state_secret", "处罚决定涉及国家秘密，不宜公开。"),
              ("defeats_purpose", "该单位已注销，公开后无法实现归集失信信息的用途。"),
              ("otherwise_handled", "当事人已受到政务处分并调离涉密岗位，经审核无必要归集。"))


def _penalty_text(r: random.Random, penalties: tuple[str, ...]) -> str:
    words = {"警告": "给予警告", "通报批评": "予以通报批评", "罚款": f"处罚款人民币{r.choice((1, 2, 3, 5, 10))}万元",
             "没收违法所得": f"没收违法所得人民币{r.randint(2, 60) * 1000}元", "暂停涉密业务": f"暂停涉密业务{r.choice((3, 6))}个月",
             "降低资质等级": "降低保密资质等级", "吊销保密资质": "吊销保密资质证书"}
    return "，".join(words[p] for p in penalties) + "。"


def record_content(r: random.Random, subject: Unit | Person, d0: dt.date) -> dict:
    """Basis, circumstance, penalties and texts that fit each other (Arts. 5, 6, 12)."""
    is_unit = isinstance(subject, Unit)
    violation = r.choice(UNIT_VIOLATIONS if is_unit else PERSON_VIOLATIONS)
    decided = d0 - r.randint(10, 60) * DAY
    kind = r.choices(("admin", "criminal", "coercive"), (70, 15, 15))[0]
    if kind == "criminal":
        court, code = r.choice(COURTS)
        basis = Basis("生效的司法裁判文书", f"（{decided.year}）粤{code}刑初{r.randint(10, 990)}号", court, decided,
                      decided + r.randint(11, 20) * DAY)
        circumstance, penalties = "受到刑事处罚", ("刑事处罚",)
        detail = (f"以过失泄露国家秘密罪判处罚金人民币{r.choice((10, 20, 30))}万元。" if is_unit else
                  f"以过失泄露国家秘密罪判处有期徒刑{r.choice(('六个月', '一年', '一年六个月'))}，缓刑{r.choice(('一年', '二年'))}。")
    elif kind == "coercive":
        basis = Basis("行政强制决定书", f"穗密强决〔{decided.year}〕{r.randint(1, 40)}号", "广州市国家保密局", decided, decided)
        circumstance, penalties = "受到行政强制", ("行政强制措施",)
        detail = "依法查封涉嫌违规存储国家秘密的计算机及存储介质。"
    else:
        pool = ("警告", "通报批评", "罚款", "没收违法所得", "暂停涉密业务", "降低资质等级", "吊销保密资质") if is_unit else ("警告", "罚款")
        chosen = set(r.sample(pool, k=r.randint(1, 2)))
        penalties = tuple(p for p in pool if p in chosen)
        basis = Basis("行政处罚决定书", f"穗密罚决〔{decided.year}〕{r.randint(1, 60)}号", "广州市国家保密局", decided,
                      decided + r.randint(0, 15) * DAY)
        circumstance, detail = "受到保密行政管理部门行政处罚", _penalty_text(r, penalties)
    found = decided - r.randint(20, 90) * DAY
    how = r.choice(("本局开展保密检查时", "根据群众举报核查时", "在保密资质年度审查中"))
    facts = f"{found.year}年{found.month}月，{how}发现{subject.name}{violation}，{basis.authority}依法作出{basis.type}（{basis.document_number}）。"
    return {"basis": basis, "circumstance": circumstance, "penalties": penalties, "violation": violation,
            "penalty_detail": detail, "facts": facts}


# -- stories: one record's dated history each --------------------------------------------------------------
@dataclass
class Story:
    target: str  # the state the record should be in today
    subject: SubjectPlan
    content: dict
    steps: list[tuple[dt.date, str, dict]] = field(default_factory=list)
    events: list[rs.RecordEvent] = field(default_factory=list)
    collected: dt.date | None = None
    record: object = None  # the latest Record returned by a use case while the demo runs

    def add(self, day: dt.date, action: str, **kw) -> dt.date:
        self.steps.append((day, action, kw))
        return day

    def event(self, event: rs.RecordEvent) -> dt.date:
        self.events.append(event)
        return self.add(event.on, "event", event=event)


class _Retry(Exception):
    """This random history does not fit between the earliest date and yesterday: draw another."""


class Planner:
    """Builds stories forward from a draft date, then checks each one lands in its target state today."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today = rng, today
        self.calendar, self.ruleset = default_calendar(), default_rulebook().get(RULESET)
        self.earliest = dt.date(today.year - 4, 1, 10)
        self.last = today - DAY  # every simulated step happens before today, so the audit trail stays in order
        while not self.calendar.is_workday(self.last):
            self.last -= DAY

    def workday(self, day: dt.date) -> dt.date:
        while not self.calendar.is_workday(day):
            day += DAY
        return day

    def after(self, day: dt.date, n: int) -> dt.date:
        return self.calendar.add_working_days(day, n).date

    def back(self, low: int, high: int) -> dt.date:
        return self.workday(max(self.earliest, self.today - self.rng.randint(low, high) * DAY))

    def story(self, target: str, subject: SubjectPlan) -> Story:
        for _ in range(500):
            try:
                return self._checked(target, subject)
            except _Retry:
                continue
        raise RuntimeError(f"no demo history fits the state {target}")  # a bug in the windows below

    def _checked(self, target: str, subject: SubjectPlan) -> Story:
        build = getattr(self, "_" + {"异议期内": "objection", "异议处理中": "objection", "有效": "effective",
                                     "可申请删除": "deletable", "删除审查中": "deletion", "待删除": "deletion",
                                     "期满待删除": "expired", "已删除": "deleted"}.get(target, "pending"))
        story = Story(target, subject, {})
        build(story)
        if any(not self.earliest <= day <= self.last for day, _, _ in story.steps):
            raise _Retry
        if story.collected:
            events = (rs.Approved(story.collected), *story.events)
            if rs.derive_status(events, self.ruleset, self.calendar, self.today).state.label != target:
                raise _Retry
        return story

    # pre-approval steps through the real use cases ----------------------------------------------------
    def _pending(self, s: Story) -> None:
        windows = {"草稿": (1, 10), "已退回": (12, 30), "待审核": (6, 20), "待审批": (8, 25), "不予归集": (5, 1500),
                   "待告知": (18, 40)}
        self.collect(s, self.back(*windows[s.target]), "approved" if s.target == "待告知" else s.target)

    def collect(self, s: Story, d0: dt.date, upto: str) -> None:
        r = self.rng
        s.content = record_content(r, s.subject.subject, d0)
        s.add(d0, "draft")
        if upto == "不予归集":
            s.add(d0, "content", exclusion=r.choice(EXCLUSIONS))
            s.add(self.after(d0, r.randint(1, 3)), "submit")
            return
        complete = upto != "草稿" or r.random() < 0.6
        s.add(d0, "content", complete=complete)
        notice, how = self.after(d0, 1), r.choice(picklists().notification_methods)
        variant = r.choices(("stated", "waived", "overdue"), (5, 3, 2))[0]
        if variant == "stated":
            day = self.after(notice, r.randint(1, 4))
            hearing = {"statement": (day, *r.choice(STATEMENTS))}
        else:
            day = self.after(notice, 1) if variant == "waived" else notice
            hearing = {"waived_on": day} if variant == "waived" else {}
        if upto == "草稿":
            if complete and r.random() < 0.5:
                s.add(day, "hearing", notified_on=notice, how=how, **hearing)
            return
        s.add(day, "hearing", notified_on=notice, how=how, **hearing)
        submitted = s.add(self.after(day, 1), "submit")
        if upto == "待审核":
            return
        review = self.after(submitted, r.randint(1, 3))
        if upto == "已退回":
            if r.random() < 0.6:
                s.add(review, "review", agree=False, opinion=r.choice(RETURN_OPINIONS))
            else:
                s.add(review, "review", agree=True, opinion="事实清楚，依据充分，同意归集。")
                s.add(self.after(review, r.randint(1, 2)), "approve", approve=False, opinion="请补充说明处罚执行情况后再报。")
            return
        if r.random() < 0.15:  # returned once, corrected and resubmitted: a realistic history
            s.add(review, "review", agree=False, opinion=r.choice(RETURN_OPINIONS))
            fixed = s.add(self.after(review, r.randint(1, 3)), "content", complete=True, revised=True)
            review = self.after(s.add(fixed, "submit"), r.randint(1, 2))
        s.add(review, "review", agree=True, opinion=r.choice(("事实清楚，依据充分，程序合法，同意归集。", "同意归集。")))
        if upto == "待审批":
            return
        approve = self.after(review, r.randint(1, 3))
        if variant == "overdue":
            approve = max(approve, self.after(self.after(notice, 5), 1))
        s.collected = s.add(approve, "approve", approve=True, opinion=r.choice(("同意归集。", "批准归集。", "同意。")))

    # after approval: DEMO-ONLY events (no use case yet), appended at their simulated dates -------------
    def approved(self, s: Story, low: int, high: int, *, report: bool = True, objection: str = "") -> dt.date:
        """Collect, serve the notice and, unless told otherwise, report once the record is final."""
        r = self.rng
        self.collect(s, self.back(low, high), "approved")
        served = s.event(rs.NoticeServed(self.after(s.collected, r.randint(1, 6)),
                                         r.choices(SERVICE_METHODS, (6, 3, 1))[0]))
        final = self.after(served, 15)
        if objection or r.random() < 0.15:
            filed = s.event(rs.ObjectionFiled(self.after(served, r.randint(2, 10))))
            outcome = rs.ObjectionOutcome.DELETE if objection == "delete" else rs.ObjectionOutcome.MAINTAINED
            final = s.event(rs.ObjectionDecided(self.after(filed, r.randint(4, 9)), outcome))
            if outcome is rs.ObjectionOutcome.DELETE:
                return final
        if report and self.after(final, 6) <= self.last:
            s.event(rs.ReportedToCreditAuthority(self.after(final, r.randint(1, 6))))
        return final

    def opens(self, collected: dt.date) -> dt.date:
        return deletion_application_opens(self.ruleset, collected).date

    def _objection(self, s: Story) -> None:
        self.collect(s, self.back(22, 45), "approved")
        served = self.workday(self.today - self.rng.randint(2, 14) * DAY)
        if served <= s.collected:
            raise _Retry
        s.event(rs.NoticeServed(served))
        if s.target == "异议处理中":
            s.event(rs.ObjectionFiled(self.after(served, self.rng.randint(1, 4))))

    def _effective(self, s: Story) -> None:
        self.approved(s, 60, 100, report=self.rng.random() < 0.7)

    def _deletable(self, s: Story) -> None:
        r = self.rng
        if r.random() < 0.25:  # Art. 11: extended once, so still valid after three years
            self.approved(s, 3 * 365 + 10, 4 * 365 - 30)
            s.event(rs.Extended(self.workday(s.collected + r.randint(700, 1000) * DAY), r.choice(list(rs.ExtensionGround))))
            return
        self.approved(s, 110, 3 * 365 - 20)
        if r.random() < 0.2:  # an application that was refused
            applied = s.event(rs.DeletionApplied(self.workday(self.opens(s.collected) + r.randint(5, 200) * DAY)))
            s.event(rs.DeletionDecided(self.after(applied, r.randint(6, 10)), False))

    def _deletion(self, s: Story) -> None:
        r = self.rng
        self.approved(s, 120, 700)
        if s.target == "删除审查中":
            applied = s.event(rs.DeletionApplied(self.workday(self.today - r.randint(2, 12) * DAY)))
            if r.random() < 0.4 and self.after(applied, 2) <= self.last:
                s.event(rs.SupplementRequested(self.after(applied, 2)))
        else:
            applied = s.event(rs.DeletionApplied(self.workday(self.today - r.randint(16, 30) * DAY)))
            s.event(rs.DeletionDecided(self.after(applied, r.randint(5, 9)), True))
        if applied < self.opens(s.collected):
            raise _Retry

    def _expired(self, s: Story) -> None:
        self.approved(s, 3 * 365 + 25, 5 * 365)

    def _deleted(self, s: Story) -> None:
        r = self.rng
        variant = r.choices(("expired", "rectified", "objection"), (5, 3, 2))[0]
        if variant == "objection":
            final = self.approved(s, 60, 900, objection="delete")
            s.event(rs.Deleted(self.after(final, r.randint(1, 3)), rs.DeletionReason.OBJECTION_UPHELD))
        elif variant == "expired":
            self.approved(s, 3 * 365 + 40, 5 * 365)
            end = validity_end(self.ruleset, s.collected).date
            s.event(rs.Deleted(self.after(end, r.randint(1, 5)), rs.DeletionReason.EXPIRED))
        else:
            self.approved(s, 150, 900)
            applied = s.event(rs.DeletionApplied(self.workday(self.opens(s.collected) + r.randint(5, 120) * DAY)))
            decided = s.event(rs.DeletionDecided(self.after(applied, r.randint(5, 9)), True))
            s.event(rs.Deleted(self.after(decided, r.randint(1, 3)), rs.DeletionReason.RECTIFIED))


def plan_stories(rng: random.Random, today: dt.date, subjects: int) -> list[Story]:
    """About 1.5 records per subject, at least one in every state; every subject has a record."""
    synth, planner = Synth(rng, today), Planner(rng, today)
    units = [SubjectPlan(synth.unit()) for _ in range(max(1, round(subjects * 0.55)))]
    persons = [SubjectPlan(synth.person(), employer=rng.choice(units)) for _ in range(subjects - len(units))]
    pool = units + persons
    rng.shuffle(pool)
    count = max(round(subjects * 1.5), len(STATES))
    targets = list(STATES) + rng.choices(list(EXTRA_WEIGHTS), list(EXTRA_WEIGHTS.values()), k=count - len(STATES))
    rng.shuffle(targets)
    owners = (pool * (count // len(pool) + 1))[:min(count, len(pool))]
    owners += [rng.choice(pool) for _ in range(count - len(owners))]
    return [planner.story(target, owner) for target, owner in zip(targets, owners)]


# -- running the stories through the use cases -------------------------------------------------------------
class DemoClock:
    """The clock every demo session shares: set to a simulated time, or ``None`` for the real time."""

    def __init__(self) -> None:
        self.at: dt.datetime | None = None

    def now(self) -> dt.datetime:
        return self.at or SystemClock().now()

    def today(self) -> dt.date:
        return self.now().date()

    def tick(self, minutes: int = 2) -> None:
        if self.at:
            self.at += dt.timedelta(minutes=minutes)


EVENT_LABELS = {rs.NoticeServed: "送达告知书", rs.ObjectionFiled: "收到异议申请", rs.ObjectionDecided: "异议核查决定",
                rs.ReportedToCreditAuthority: "报送社会信用主管部门", rs.Extended: "延长有效期",
                rs.DeletionApplied: "收到删除申请", rs.SupplementRequested: "要求补正材料", rs.DeletionDecided: "删除申请决定",
                rs.Deleted: "删除"}
SERVICE_METHODS = (rs.ServiceMethod.IN_PERSON, rs.ServiceMethod.POST, rs.ServiceMethod.ELECTRONIC)
DECISIONS = (rs.ObjectionDecided, rs.Extended, rs.DeletionDecided, rs.Deleted)


class Runner:
    """Plays the stories' steps, in time order across all stories, as 经办人, 审核人 and 审批人."""

    def __init__(self, clock: DemoClock, sessions: dict, rng: random.Random) -> None:
        self.clock, self.rng = clock, rng
        self.handler, self.reviewer, self.approver = sessions["jingban"], sessions["shenhe"], sessions["shenpi"]

    def play(self, stories: list[Story]) -> None:
        timed = []
        for order, story in enumerate(stories):
            previous = None
            for day, action, kw in story.steps:
                same_day = previous is not None and previous.date() == day
                previous = (previous + dt.timedelta(minutes=self.rng.randint(4, 40)) if same_day else
                            dt.datetime(day.year, day.month, day.day, 9, tzinfo=_tz())
                            + dt.timedelta(minutes=self.rng.randint(0, 420)))
                timed.append((previous, order, story, action, kw))
        for at, _, story, action, kw in sorted(timed, key=lambda t: (t[0], t[1])):
            self.clock.at = at
            getattr(self, "_" + action)(story, **kw)

    def _subject_id(self, plan: SubjectPlan) -> int:
        if plan.saved_id is None:
            subject = plan.subject
            if plan.employer is not None:
                subject = replace(subject, employer_id=self._subject_id(plan.employer))
            try:
                saved = self.handler.save_subject(SaveSubject(subject))
            except DomainError as error:  # same or similar name (同名): the 经办人 looks and confirms
                if error.code != "subject.similar_names":
                    raise
                saved = self.handler.save_subject(SaveSubject(subject, confirm_similar=True))
            plan.saved_id = saved.id
        return plan.saved_id

    def _draft(self, s: Story) -> None:
        subject_id = self._subject_id(s.subject)
        s.record = self.handler.draft_record(DraftRecord(s.subject.subject.kind, subject_id, RULESET))

    def _content(self, s: Story, complete: bool = True, revised: bool = False, exclusion=None) -> None:
        c, rec = s.content, s.record
        answers = tuple((key, bool(exclusion) and key == exclusion[0]) if complete or exclusion else (key, None)
                        for key in ("state_secret", "defeats_purpose", "otherwise_handled"))
        facts = c["facts"] + ("经调取现场检查记录核实。" if revised else "")
        s.record = self.handler.update_draft(UpdateDraft(
            rec.id, rec.version, c["basis"], c["circumstance"], c["penalties"] if complete or exclusion else (),
            c["violation"], c["penalty_detail"] if complete or exclusion else "", facts if complete or exclusion else "",
            answers, exclusion[1] if exclusion else ""))

    def _hearing(self, s: Story, notified_on: dt.date, how: str, statement=None, waived_on=None) -> None:
        statements = (Statement(statement[0], statement[1], False, statement[2]),) if statement else ()
        s.record = self.handler.record_hearing(RecordHearing(s.record.id, notified_on, how, statements, waived_on))

    def _submit(self, s: Story) -> None:
        s.record = self.handler.submit_record(s.record.id)

    def _review(self, s: Story, agree: bool, opinion: str) -> None:
        s.record = self.reviewer.review_record(s.record.id, agree=agree, opinion=opinion)

    def _approve(self, s: Story, approve: bool, opinion: str) -> None:
        s.record = self.approver.approve_record(s.record.id, approve=approve, opinion=opinion)

    def _event(self, s: Story, event: rs.RecordEvent) -> None:
        """DEMO-ONLY: no use case records service, objections, reports, extensions or deletions yet.

        The event is appended to the record at its simulated date, with an audit entry saying so, and the
        list's snapshot is refreshed. Replace this with the use cases when they exist.
        """
        if isinstance(event, rs.NoticeServed):  # issuing and serving the notice have real use cases
            self._serve(s, event)
            return
        services = self.approver if isinstance(event, DECISIONS) else self.handler
        with services.store.uow_factory() as uow:
            record = uow.records.get(s.record.id)
            saved = uow.records.save(replace(record, events=(*record.events, event)))
            detail = {"事件": EVENT_LABELS[type(event)], "日期": event.on.isoformat(),
                      "说明": "演示数据：该环节尚无业务功能，直接补记事件"}
            audit_as(uow, services.session, AuditEvent("demo.record_event", "record", saved.number, detail=detail),
                     self.clock)
            refresh_one(uow, saved, today=self.clock.today())
            uow.commit()
        s.record = saved


    def _serve(self, s: Story, event: rs.NoticeServed) -> None:
        subject = s.subject.subject
        signer = getattr(subject, "contact_person", "") or subject.name
        self.handler.issue_notice(s.record.id)
        result = self.handler.record_service(RecordService(s.record.id, event.method, event.served_on, signer))
        s.record = result.record


def _tz() -> dt.tzinfo:
    return dt.datetime.now().astimezone().tzinfo


# -- the command -------------------------------------------------------------------------------------------
BUREAU = {"name": "广州市国家保密局", "contact": "张晓彤", "phone": "020-83000000", "address": "广州市越秀区（演示地址）"}


def _set_up_accounts(ctx: Context, clock: DemoClock) -> dict:
    """系统管理员 creates the accounts, 安全保密管理员 grants the business roles, everyone changes the temporary
    password at the first sign-in. Returns the sessions by user name."""
    admin, _ = ctx.sign_in("admin", _interim_password(ACCOUNTS[0][3]))
    admin.set_bureau_info(BUREAU)
    sessions, ids = {"admin": admin}, {}
    for username, name, role, word in ACCOUNTS[1:]:
        clock.tick()
        ids[username] = admin.create_account(CreateAccount(username, name, role if role.is_admin else None,
                                                           f"Temp-{word}-0000!")).id
    for username, _, role, word in ACCOUNTS[1:]:
        clock.tick()
        services, _ = ctx.sign_in(username, f"Temp-{word}-0000!")
        services.change_own_password(ChangeOwnPassword(f"Temp-{word}-0000!", _interim_password(word),
                                                       _interim_password(word)))
        sessions[username] = services
        if role is Role.SECADMIN:
            for other, _, other_role, _ in ACCOUNTS:
                if not other_role.is_admin:
                    clock.tick()
                    services.assign_business_roles(AssignBusinessRoles(ids[other], frozenset({other_role})))
    return sessions


def _final_sign_ins(ctx: Context) -> dict:
    """Today: every password has expired since 2022, so each account signs in and sets the printed one."""
    sessions = {}
    for username, _, _, word in ACCOUNTS:
        services, _ = ctx.sign_in(username, _interim_password(word))
        services.change_own_password(ChangeOwnPassword(_interim_password(word), final_password(word),
                                                       final_password(word)))
        sessions[username] = services
    return sessions


def _report(sessions: dict, out: Callable[[str], None]) -> None:
    querier = sessions["chaxun"]
    querier.prepare_list()
    total = querier.count_records(RecordFilter())
    out(f"失信信息（共 {total} 条；每种状态列出几条编号，可在“失信信息”列表中按状态筛选）：")
    for label in STATES:
        flt = RecordFilter(states=(label,), sort="number", descending=False)
        numbers = [row.number for row in querier.list_records(flt, 0, 3)]
        out(f"  {label}（{querier.count_records(flt)} 条）：{'、'.join(numbers) or '—'}")
    chain = sessions["auditor"].verify_audit()
    out(f"审计链：{'完整' if chain.ok else '异常'}（{chain.checked} 条）")


def build_demo(data_dir: Path, subjects: int = 40, seed: int = 1, out: Callable[[str], None] = print, *,
               kdf: "KdfParams | None" = None) -> int:
    """Create a demo store in ``data_dir`` and print its accounts, record numbers by state and recovery key.

    ``kdf`` is for tests only: the demo store otherwise uses the calibrated key derivation, like production.
    """
    data_dir = Path(data_dir)
    clock = DemoClock()
    ctx = Context(data_dir, clock=clock, kdf=kdf)
    if ctx.store_exists():
        raise DomainError("store.already_exists", path=str(data_dir))
    today = SystemClock().today()
    rng = random.Random(seed)
    stories = plan_stories(rng, today, subjects)
    first = min(day for story in stories for day, _, _ in story.steps) - 14 * DAY
    clock.at = dt.datetime(first.year, first.month, first.day, 9, tzinfo=_tz())
    recovery = ctx.create_store("admin", ACCOUNTS[0][1], _interim_password(ACCOUNTS[0][3]))
    opened: list = []
    try:
        early = _set_up_accounts(ctx, clock)
        opened += early.values()
        Runner(clock, early, rng).play(stories)
        clock.at = None
        sessions = _final_sign_ins(ctx)
        opened += sessions.values()
        out(f"已创建演示数据库：{data_dir}")
        out("（全部为虚构的演示数据：单位、人员和证件号码均为随机生成，仅供试用和培训）")
        out("账户（账户名  密码  角色）：")
        for username, _, role, word in ACCOUNTS:
            out(f"  {username:<10}{final_password(word):<20}{role.label}")
        _report(sessions, out)
        for services in sessions.values():
            services.sign_out()
    finally:
        for services in opened:
            services.store.close()
        ctx.release()
    out("恢复密钥（仅显示这一次；演示数据库也请妥善保管）：")
    out(recovery)
    out(f"试用：credit-ledger --data-dir {data_dir}")
    return 0
