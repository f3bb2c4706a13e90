"""The one argument parser for the GUI and every subcommand."""

from __future__ import annotations

import argparse

from app import APP_TITLE, __version__
from app.common.console import ChineseArgumentParser, data_dir_argument
from app.consultation import cli as consultation_cli
from app.data_safety import cli as data_safety_cli
from app.demo import cli as demo_cli
from app.exchange import cli as exchange_cli
from app.five_ones import cli as five_ones_cli
from app.members import cli as members_cli
from app.office import cli as office_cli
from app.proposals import cli as proposals_cli
from app.records import cli as records_cli
from app.security import cli as security_cli


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="cppcc-desk",
        description=f"{APP_TITLE}：县（市）政协办公室的离线履职工作软件。不带子命令时打开图形界面。",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"cppcc-desk {__version__}",
        help="显示版本号后退出",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=data_dir_argument,
        help="数据文件夹（默认：当前用户的应用数据文件夹）",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="启动图形界面，逐一打开各主要页面后退出（用于安装后自检）",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="SUBCOMMAND", parser_class=ChineseArgumentParser
    )
    for feature in (
        office_cli,
        data_safety_cli,
        demo_cli,
        members_cli,
        records_cli,
        proposals_cli,
        five_ones_cli,
        consultation_cli,
        exchange_cli,
        security_cli,
    ):
        feature.register(subparsers)
    return parser
