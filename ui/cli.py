"""The command line for administrators and scripts.

Every subcommand takes ``--data-dir``, reads the account and password from CREDIT_LEDGER_USER /
CREDIT_LEDGER_PASSWORD or asks for them, and exits non-zero with one Chinese line on failure.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

from app.domain.errors import DomainError
from ui.composition import Context, default_data_dir
from ui.messages import text_for


class CliError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="credit-ledger", description="涉密领域失信信息管理系统")
    parser.add_argument("--data-dir", help="数据文件夹（默认：CREDIT_LEDGER_HOME 或用户应用数据目录）")
    parser.add_argument("--self-test", action="store_true", help="打开临时数据库写读一行后退出（用于检查打包结果）")
    sub = parser.add_subparsers(dest="command")
    for name, help_text in (("init", "创建数据库及首个系统管理员，并打印恢复密钥"),
                            ("verify", "检查数据库加密页、结构和审计链的完整性")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--data-dir", dest="sub_data_dir")
    p = sub.add_parser("backup", help="写出加密备份")
    p.add_argument("--to", required=True, type=Path)
    p.add_argument("--data-dir", dest="sub_data_dir")
    p = sub.add_parser("restore", help="从备份恢复（先检查，原数据库保留为带日期的副本）")
    p.add_argument("--from", dest="source", required=True, type=Path)
    p.add_argument("--data-dir", dest="sub_data_dir")
    p = sub.add_parser("demo", help="创建填满虚构数据的演示数据库（每个角色一个账户），用于试用和培训")
    p.add_argument("--data-dir", dest="sub_data_dir", help="演示数据库的文件夹（必填；须尚无数据库）")
    p.add_argument("--subjects", type=int, default=40, help="虚构单位和人员的数量（默认 40，失信信息约为其 1.5 倍）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（默认 1；同一种子在同一天生成相同的数据）")
    workdays = sub.add_parser("workdays", help="工作日计算").add_subparsers(dest="action", required=True)
    p = workdays.add_parser("add", help="DATE 之后第 N 个工作日（起算日不计入），并给出计算说明")
    p.add_argument("date")
    p.add_argument("n")
    p.add_argument("--data-dir", dest="sub_data_dir")
    calendar = sub.add_parser("calendar", help="节假日安排").add_subparsers(dest="action", required=True)
    p = calendar.add_parser("show", help="显示某年的放假和调休上班安排")
    p.add_argument("year")
    p.add_argument("--data-dir", dest="sub_data_dir")
    p = calendar.add_parser("import", help="从文件导入节假日安排（系统管理员）")
    p.add_argument("file", type=Path)
    p.add_argument("--data-dir", dest="sub_data_dir")
    p = sub.add_parser("render", help="生成失信信息的文书 PDF（告知书、送达回证、审批表）")
    p.add_argument("kind", choices=sorted(RENDER_KINDS), help="notice=告知书，receipt=送达回证，approval=审批表")
    p.add_argument("--record", required=True, help="失信信息编号，如 XY2026-00001")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--copy", choices=("recipient", "file"), default="recipient", help="recipient=送达联，file=存档联")
    p.add_argument("--data-dir", dest="sub_data_dir")
    return parser


def _credentials(ask_display_name: bool = False) -> tuple[str, str]:
    user = os.environ.get("CREDIT_LEDGER_USER") or _ask("账户名：")
    password = os.environ.get("CREDIT_LEDGER_PASSWORD") or getpass.getpass("密码：")
    return user, password


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError("未提供账户名：请设置 CREDIT_LEDGER_USER 环境变量，或在终端中运行。")
    return input(prompt).strip()


def _context(args: argparse.Namespace) -> Context:
    ctx = Context(default_data_dir(getattr(args, "sub_data_dir", None) or args.data_dir))
    args.__dict__.setdefault("opened_contexts", []).append(ctx)  # released by ``run`` when the command ends
    return ctx


def cmd_init(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    ctx = _context(args)
    user, password = _credentials()
    display = os.environ.get("CREDIT_LEDGER_DISPLAY_NAME") or user
    recovery = ctx.create_store(user, display, password)
    out(f"已创建数据库：{ctx.data_dir}")
    out(f"系统管理员：{user}")
    out("恢复密钥（仅显示这一次，请抄写或打印后密封保管）：")
    out(recovery)
    return 0


def _signed_in(args: argparse.Namespace):
    ctx = _context(args)
    if not ctx.store_exists():
        raise CliError(f"未找到数据库：{ctx.data_dir}（可用 --data-dir 指定数据文件夹，或先运行 credit-ledger init）")
    ctx.acquire()
    user, password = _credentials()
    services, result = ctx.sign_in(user, password)
    if result.must_change_password:  # a temporary or expired password opens nothing from the command line
        services.sign_out()
        services.store.close()
        raise CliError("该账户须先在程序窗口中修改密码（首次登录、密码被重置或已过期）。")
    return ctx, services


def cmd_verify(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    _, services = _signed_in(args)
    had_anchor = services.store.anchors.latest() is not None
    report = services.verify_store()
    for what, ok, info in report.checks:
        out(f"{what}：{'通过' if ok else '失败 ' + info}")
    chain = report.chain
    if chain.ok:
        anchored = "并与最近的锚点一致" if had_anchor else "此前尚无表外锚点，本次检查后已建立"
        out(f"审计链：完整（{chain.checked} 条，{anchored}）")
    else:
        out(f"审计链：异常，第 {chain.first_broken_seq} 条起（{chain.problem}），已检查 {chain.checked} 条")
    out("结论：" + ("全部通过" if report.ok else "发现问题"))
    return 0 if report.ok else 1


def cmd_backup(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    _, services = _signed_in(args)
    manifest = services.backup(args.to.resolve())
    out(f"已写出备份：{args.to.resolve()}")
    out(f"SHA-256：{manifest['sha256']}")
    out(f"审计锚点：{manifest['anchor']['count']} 条，末条校验值 {manifest['anchor']['head_mac'][:16]}")
    return 0


def cmd_restore(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    ctx = _context(args)
    user, password = _credentials()
    old = ctx.restore(args.source.resolve(), user, password, os.environ.get("CREDIT_LEDGER_BACKUP_PASSWORD"))
    out(f"已从备份恢复：{args.source.resolve()}")
    out(f"原数据库已保留在：{old}")
    return 0


def self_test(out: Callable[[str], None]) -> int:
    """Open a temporary store, write and read a row, check it is encrypted; used on the packaged build."""
    from app.usecases.accounts import CreateAccount
    from storage.keyslots import FAST_TEST_KDF
    with tempfile.TemporaryDirectory(prefix="credit-ledger-selftest-") as tmp:
        ctx = Context(Path(tmp), kdf=FAST_TEST_KDF)
        ctx.create_store("selftest", "自检", "Check-Passw0rd-1")
        services, _ = ctx.sign_in("selftest", "Check-Passw0rd-1")
        services.create_account(CreateAccount("probe", "测试账户", None, "Temp-Passw0rd-1"))
        names = [row.account.display_name for row in services.list_accounts()]
        header = (Path(tmp) / "ledger.db").read_bytes()[:16]
        version = services.store.cipher_version()
        services.store.close()
        ctx.release()
        if "测试账户" not in names or header.startswith(b"SQLite format 3"):
            out("自检失败")
            return 1
    out(f"自检通过（SQLCipher {version}）")
    return 0


def _calendar(args: argparse.Namespace, out_err: Callable[[str], None]):
    """The store's calendar when a store exists (sign-in needed); otherwise the bundled one, said on stderr."""
    from app.rules_cli import default_calendar
    ctx = _context(args)
    if not ctx.store_exists():
        out_err(f"（{ctx.data_dir} 中没有数据库，使用内置节假日数据）")
        return default_calendar()
    _, services = _signed_in(args)
    return services.calendar()


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def cmd_workdays(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from app.rules_cli import workdays_add
    text, code = workdays_add(_calendar(args, _err), args.date, args.n)
    (out if code in (0, 2) else _err)(text.rstrip("\n"))
    return code


def cmd_calendar(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from app.rules_cli import calendar_import, calendar_show
    if args.action == "show":
        text, code = calendar_show(_calendar(args, _err), args.year)
        (out if code == 0 else _err)(text.rstrip("\n"))
        return code
    _, services = _signed_in(args)
    preview = calendar_import(services.calendar(), args.file)
    if preview.exit_code != 0:
        _err(preview.text.rstrip("\n"))
        return preview.exit_code
    services.import_calendar_file(args.file)
    out(preview.text.rstrip("\n"))
    out("已保存并记入审计日志。")
    return 0


def cmd_demo(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from ui.demo import build_demo
    folder = args.sub_data_dir or args.data_dir
    if not folder:
        raise CliError("请用 --data-dir 指定演示数据库的文件夹（不要使用正式数据库所在的文件夹）。")
    if not 1 <= args.subjects <= 5000:
        raise CliError("--subjects 应为 1 到 5000 之间的整数。")
    return build_demo(Path(folder).expanduser().resolve(), args.subjects, args.seed, out)


RENDER_KINDS = {"notice": "NOTICE", "receipt": "RECEIPT", "approval": "APPROVAL"}


def cmd_render(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    """Render one document of a record to a PDF file: an explicit, audited export."""
    from app.usecases.documents import DocumentKind
    _, services = _signed_in(args)
    record = services.find_record(args.record)
    document = services.render_document(DocumentKind[RENDER_KINDS[args.kind]], record.id, args.copy)
    digest = services.export_document(document, args.out.resolve())
    out(f"已生成：{args.out.resolve()}（{document.title}）")
    out(f"SHA-256：{digest}")
    return 0


COMMANDS = {"init": cmd_init, "demo": cmd_demo, "verify": cmd_verify, "backup": cmd_backup, "restore": cmd_restore,
            "workdays": cmd_workdays, "render": cmd_render, "calendar": cmd_calendar}


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run one subcommand; every known failure becomes one Chinese line on stderr and a non-zero exit."""
    try:
        if args.self_test:
            return self_test(out)
        return COMMANDS[args.command](args, out)
    except DomainError as error:
        print(text_for(error), file=sys.stderr)
        return 1
    except CliError as error:
        print(str(error), file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - last line of defence: no traceback reaches the user
        print(f"内部错误：{type(error).__name__}。操作未完成，数据保持原状。", file=sys.stderr)
        return 3
    finally:
        for ctx in getattr(args, "opened_contexts", []):
            ctx.release()
